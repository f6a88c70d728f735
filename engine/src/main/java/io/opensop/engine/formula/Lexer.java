package io.opensop.engine.formula;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits formula text into tokens. It is deliberately strict: every character that has no meaning
 * in the grammar is an error here, so MVEL-only syntax ({@code ; $ # @ [ ] ?}) or a unicode escape
 * never gets as far as the parser, let alone the generated code.
 */
final class Lexer {

    static final int MAX_NUMBER_LENGTH = 40;
    static final int MAX_IDENTIFIER_LENGTH = 64;
    static final int MAX_LABEL_LENGTH = 200;

    private final String src;
    private int pos;
    private final List<Token> tokens = new ArrayList<>();

    private Lexer(String src) {
        this.src = src;
    }

    /** @throws FormulaException at the first character that is not part of the language */
    static List<Token> tokenize(String src) {
        Lexer lexer = new Lexer(src);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (true) {
            skipSpace();
            if (pos >= src.length()) {
                tokens.add(new Token(Token.Kind.EOF, "", pos, pos));
                return;
            }
            char c = src.charAt(pos);
            if (c >= '0' && c <= '9') {
                number();
            } else if (isIdentStart(c)) {
                identifier();
            } else if (c == '"') {
                string();
            } else if (c == '{') {
                label();
            } else {
                operator(c);
            }
        }
    }

    private void skipSpace() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            // Full-width and no-break spaces are common when typing Chinese; they mean nothing else here.
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\u00A0' || c == '\u3000') {
                pos++;
            } else {
                return;
            }
        }
    }

    private void number() {
        int start = pos;
        digits();
        if (pos < src.length() && src.charAt(pos) == '.') {
            pos++;
            if (pos >= src.length() || !isDigit(src.charAt(pos))) {
                throw fail("invalid_number", start, pos, src.substring(start, pos));
            }
            digits();
        }
        if (pos < src.length() && (isIdentStart(src.charAt(pos)) || Character.isLetter(src.charAt(pos)))) {
            // 1e3, 0x1F, 10L: notations we do not support and MVEL would interpret
            while (pos < src.length() && (isIdentPart(src.charAt(pos)) || Character.isLetter(src.charAt(pos)))) {
                pos++;
            }
            throw fail("invalid_number", start, pos, src.substring(start, pos));
        }
        if (pos - start > MAX_NUMBER_LENGTH) {
            throw fail("number_too_long", start, pos, MAX_NUMBER_LENGTH);
        }
        add(Token.Kind.NUMBER, start);
    }

    private void digits() {
        while (pos < src.length() && isDigit(src.charAt(pos))) {
            pos++;
        }
    }

    private void identifier() {
        int start = pos;
        while (pos < src.length() && isIdentPart(src.charAt(pos))) {
            pos++;
        }
        if (pos < src.length() && Character.isLetterOrDigit(src.charAt(pos))) {
            int end = pos;
            while (end < src.length() && Character.isLetterOrDigit(src.charAt(end))) {
                end++;
            }
            throw fail("invalid_identifier_character", pos, end, src.substring(start, end));
        }
        if (pos - start > MAX_IDENTIFIER_LENGTH) {
            throw fail("identifier_too_long", start, pos, MAX_IDENTIFIER_LENGTH);
        }
        add(Token.Kind.IDENT, start);
    }

    private void string() {
        int start = pos++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw fail("unterminated_string", start, pos);
            }
            char c = src.charAt(pos);
            if (c == '"') {
                pos++;
                tokens.add(new Token(Token.Kind.STRING, value.toString(), start, pos));
                return;
            }
            if (c == '\\') {
                char next = pos + 1 < src.length() ? src.charAt(pos + 1) : '\0';
                if (next != '"' && next != '\\') {
                    throw fail("invalid_escape", pos, Math.min(pos + 2, src.length()));
                }
                value.append(next);
                pos += 2;
            } else {
                value.append(c);
                pos++;
            }
        }
    }

    private void label() {
        int start = pos++;
        int close = pos;
        while (close < src.length() && src.charAt(close) != '}') {
            char c = src.charAt(close);
            if (c == '{' || c == '\n' || c == '\r') {
                throw fail("unterminated_label", start, close);
            }
            close++;
        }
        if (close >= src.length()) {
            throw fail("unterminated_label", start, close);
        }
        String text = src.substring(pos, close).trim();
        pos = close + 1;
        if (text.isEmpty()) {
            throw fail("empty_label", start, pos);
        }
        if (text.length() > MAX_LABEL_LENGTH) {
            throw fail("label_too_long", start, pos, MAX_LABEL_LENGTH);
        }
        tokens.add(new Token(Token.Kind.LABEL, text, start, pos));
    }

    private void operator(char c) {
        int start = pos;
        char next = pos + 1 < src.length() ? src.charAt(pos + 1) : '\0';
        switch (c) {
            case '+' -> single(Token.Kind.PLUS, next);
            case '-' -> single(Token.Kind.MINUS, next);
            case '*' -> single(Token.Kind.STAR, next);
            case '/' -> single(Token.Kind.SLASH, next);
            case '%' -> single(Token.Kind.PERCENT, next);
            case '^' -> single(Token.Kind.CARET, next);
            case '&' -> {
                if (next == '&') {
                    pos += 2;
                    add(Token.Kind.AND, start);
                } else {
                    single(Token.Kind.AMP, next);
                }
            }
            case '|' -> {
                if (next != '|') {
                    throw fail("unexpected_character", pos, pos + 1, "|");
                }
                pos += 2;
                add(Token.Kind.OR, start);
            }
            case '=' -> {
                pos += next == '=' ? 2 : 1;
                add(Token.Kind.EQ, start);
            }
            case '!' -> {
                pos += next == '=' ? 2 : 1;
                add(next == '=' ? Token.Kind.NE : Token.Kind.BANG, start);
            }
            case '<' -> {
                pos += next == '=' || next == '>' ? 2 : 1;
                add(next == '=' ? Token.Kind.LE : next == '>' ? Token.Kind.NE : Token.Kind.LT, start);
            }
            case '>' -> {
                pos += next == '=' ? 2 : 1;
                add(next == '=' ? Token.Kind.GE : Token.Kind.GT, start);
            }
            case '(' -> one(Token.Kind.LPAREN);
            case ')' -> one(Token.Kind.RPAREN);
            case ',' -> one(Token.Kind.COMMA);
            case '.' -> one(Token.Kind.DOT);
            case ':' -> throw next == '='
                    ? fail("assignment_not_allowed", pos, pos + 2)
                    : fail("unexpected_character", pos, pos + 1, ":");
            case ';' -> throw fail("statement_not_allowed", pos, pos + 1);
            case '\\' -> throw next == 'u' || next == 'U'
                    ? fail("unicode_escape", pos, Math.min(pos + 6, src.length()))
                    : fail("unexpected_character", pos, pos + 1, "\\");
            case '\'' -> throw fail("single_quote", pos, pos + 1);
            default -> {
                int end = pos + Character.charCount(src.codePointAt(pos));
                if (Character.isLetter(src.codePointAt(pos))) {
                    throw fail("invalid_identifier_character", pos, end, src.substring(pos, end));
                }
                throw fail("unexpected_character", pos, end, src.substring(pos, end));
            }
        }
    }

    /** An operator directly followed by '=' is an assignment attempt such as {@code +=}: reject it by name. */
    private void single(Token.Kind kind, char next) {
        if (next == '=') {
            throw fail("assignment_not_allowed", pos, pos + 2);
        }
        one(kind);
    }

    private void one(Token.Kind kind) {
        int start = pos++;
        add(kind, start);
    }

    private void add(Token.Kind kind, int start) {
        tokens.add(new Token(kind, src.substring(start, pos), start, pos));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c);
    }

    private static FormulaException fail(String code, int start, int end, Object... args) {
        return new FormulaException(FormulaError.of(code, start, end, args));
    }
}
