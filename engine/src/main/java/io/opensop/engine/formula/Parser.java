package io.opensop.engine.formula;

import io.opensop.engine.formula.Node.Op;
import io.opensop.engine.formula.Token.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for the grammar in docs/formulas.md. It stops at the first syntax error:
 * users fix one thing at a time, and guessing past an error mostly produces noise.
 */
final class Parser {

    static final int MAX_LENGTH = 10_000;
    static final int MAX_DEPTH = 64;
    static final int MAX_ARGUMENTS = 64;

    /** Words with a meaning in Java or MVEL; naming them explicitly gives a better message than "unknown field". */
    private static final Set<String> RESERVED = Set.of("new", "class", "import", "def", "function", "with",
            "foreach", "for", "while", "do", "until", "return", "var", "in", "instanceof", "is", "this", "null",
            "nil", "empty", "isdef", "contains", "soundslike", "strsim", "convertable_to", "else", "if",
            "throw", "try", "catch", "static", "java", "javax", "system", "runtime", "thread", "assert",
            "modify", "switch", "case", "goto", "package");

    private final List<Token> tokens;
    private int pos;
    private int nesting;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** @throws FormulaException with the first lexical or syntax error */
    static Node parse(String src) {
        if (src == null || src.isBlank()) {
            throw fail("empty_expression", 0, src == null ? 0 : src.length());
        }
        if (src.length() > MAX_LENGTH) {
            throw fail("too_long", MAX_LENGTH, src.length(), MAX_LENGTH);
        }
        Parser parser = new Parser(Lexer.tokenize(src));
        Node root = parser.expression();
        Token rest = parser.peek();
        if (!rest.is(Kind.EOF)) {
            throw parser.unexpected(rest);
        }
        return root;
    }

    private Node expression() {
        if (++nesting > MAX_DEPTH) {
            Token t = peek();
            throw fail("too_deep", t.start(), t.end(), MAX_DEPTH);
        }
        Node node = or();
        nesting--;
        return node;
    }

    private Node or() {
        Node left = and();
        while (peek().is(Kind.OR) || peek().isKeyword("OR")) {
            next();
            left = binary(Op.OR, left, and());
        }
        return left;
    }

    private Node and() {
        Node left = not();
        while (peek().is(Kind.AND) || peek().isKeyword("AND")) {
            next();
            left = binary(Op.AND, left, not());
        }
        return left;
    }

    private Node not() {
        Token t = peek();
        boolean keyword = t.isKeyword("NOT") && !peek(1).is(Kind.LPAREN);
        if (t.is(Kind.BANG) || keyword) {
            next();
            Node operand = nested(this::not);
            return unary(Op.NOT, t, operand);
        }
        return comparison();
    }

    private Node comparison() {
        Node left = concat();
        Op op = comparisonOp(peek());
        if (op == null) {
            return left;
        }
        next();
        Node node = binary(op, left, concat());
        Token after = peek();
        if (comparisonOp(after) != null) {
            throw fail("chained_comparison", after.start(), after.end());
        }
        return node;
    }

    private static Op comparisonOp(Token t) {
        return switch (t.kind()) {
            case EQ -> Op.EQ;
            case NE -> Op.NE;
            case LT -> Op.LT;
            case LE -> Op.LE;
            case GT -> Op.GT;
            case GE -> Op.GE;
            default -> null;
        };
    }

    private Node concat() {
        Node left = additive();
        while (peek().is(Kind.AMP)) {
            next();
            left = binary(Op.CONCAT, left, additive());
        }
        return left;
    }

    private Node additive() {
        Node left = multiplicative();
        while (peek().is(Kind.PLUS) || peek().is(Kind.MINUS)) {
            Op op = next().is(Kind.PLUS) ? Op.ADD : Op.SUB;
            left = binary(op, left, multiplicative());
        }
        return left;
    }

    private Node multiplicative() {
        Node left = unaryMinus();
        while (peek().is(Kind.STAR) || peek().is(Kind.SLASH) || peek().is(Kind.PERCENT)) {
            Kind kind = next().kind();
            Op op = kind == Kind.STAR ? Op.MUL : kind == Kind.SLASH ? Op.DIV : Op.MOD;
            left = binary(op, left, unaryMinus());
        }
        return left;
    }

    private Node unaryMinus() {
        Token t = peek();
        if (t.is(Kind.MINUS)) {
            next();
            return unary(Op.NEG, t, nested(this::unaryMinus));
        }
        return power();
    }

    /** Right-associative and tighter than unary minus: {@code -2^2} is -4 and {@code 2^3^2} is 512. */
    private Node power() {
        Node base = percent();
        if (peek().is(Kind.CARET)) {
            next();
            return binary(Op.POW, base, nested(this::unaryMinus));
        }
        return base;
    }

    /** A '%' written directly after a number is a percent sign; with a space in between it is the remainder. */
    private Node percent() {
        Node node = primary();
        Token t = peek();
        if (node instanceof Node.Num num && !num.percent() && t.is(Kind.PERCENT) && t.start() == num.end()) {
            next();
            return new Node.Num(num.value().movePointLeft(2), true, num.start(), t.end());
        }
        return node;
    }

    private Node primary() {
        Token t = next();
        switch (t.kind()) {
            case NUMBER -> {
                return new Node.Num(new BigDecimal(t.text()), false, t.start(), t.end());
            }
            case STRING -> {
                return new Node.Str(t.text(), t.start(), t.end());
            }
            case LPAREN -> {
                Node inner = expression();
                expect(Kind.RPAREN, t);
                return inner;
            }
            case LABEL -> {
                return path(t);
            }
            case IDENT -> {
                if (t.isKeyword("TRUE") || t.isKeyword("FALSE")) {
                    return new Node.Bool(t.isKeyword("TRUE"), t.start(), t.end());
                }
                if (peek().is(Kind.LPAREN)) {
                    return call(t);
                }
                if (RESERVED.contains(t.text().toLowerCase(java.util.Locale.ROOT))
                        || t.isKeyword("AND") || t.isKeyword("OR") || t.isKeyword("NOT")) {
                    throw fail("reserved_word", t.start(), t.end(), t.text());
                }
                return path(t);
            }
            default -> throw unexpected(t);
        }
    }

    private Node call(Token name) {
        next();
        List<Node> args = new ArrayList<>();
        int depth = 1;
        if (!peek().is(Kind.RPAREN)) {
            do {
                if (args.size() == MAX_ARGUMENTS) {
                    Token t = peek();
                    throw fail("too_many_arguments", t.start(), t.end(), MAX_ARGUMENTS);
                }
                Node arg = expression();
                depth = Math.max(depth, arg.depth() + 1);
                args.add(arg);
            } while (accept(Kind.COMMA));
        }
        Token close = expect(Kind.RPAREN, name);
        checkDepth(depth, name);
        return new Node.Call(name.text().toUpperCase(java.util.Locale.ROOT), List.copyOf(args), name.start(),
                close.end(), name.end(), depth);
    }

    private Node path(Token first) {
        List<Node.Segment> segments = new ArrayList<>();
        segments.add(segment(first));
        while (peek().is(Kind.DOT)) {
            next();
            Token t = next();
            if (!t.is(Kind.IDENT) && !t.is(Kind.LABEL)) {
                throw unexpected(t);
            }
            if (t.is(Kind.IDENT) && RESERVED.contains(t.text().toLowerCase(java.util.Locale.ROOT))) {
                throw fail("reserved_word", t.start(), t.end(), t.text());
            }
            segments.add(segment(t));
        }
        Node.Segment last = segments.get(segments.size() - 1);
        if (peek().is(Kind.LPAREN)) {
            // name.length(), java.lang.System.exit(0): only the function library can be called
            throw fail("method_call_not_allowed", first.start(), peek().end());
        }
        return new Node.Ref(List.copyOf(segments), first.start(), last.end());
    }

    private static Node.Segment segment(Token t) {
        return new Node.Segment(t.text(), t.is(Kind.LABEL), t.start(), t.end());
    }

    /** Nested prefix operators recurse, so they count against the same depth bound as parentheses. */
    private Node nested(java.util.function.Supplier<Node> parse) {
        if (++nesting > MAX_DEPTH) {
            Token t = peek();
            throw fail("too_deep", t.start(), t.end(), MAX_DEPTH);
        }
        Node node = parse.get();
        nesting--;
        return node;
    }

    private Node unary(Op op, Token operator, Node operand) {
        int depth = operand.depth() + 1;
        checkDepth(depth, operator);
        return new Node.Unary(op, operand, operator.start(), operand.end(), depth);
    }

    private Node binary(Op op, Node left, Node right) {
        int depth = Math.max(left.depth(), right.depth()) + 1;
        if (depth > MAX_DEPTH) {
            throw fail("too_deep", left.start(), right.end(), MAX_DEPTH);
        }
        return new Node.Binary(op, left, right, left.start(), right.end(), depth);
    }

    private static void checkDepth(int depth, Token at) {
        if (depth > MAX_DEPTH) {
            throw fail("too_deep", at.start(), at.end(), MAX_DEPTH);
        }
    }

    private Token expect(Kind kind, Token opening) {
        Token t = peek();
        if (!t.is(kind)) {
            if (t.is(Kind.EOF)) {
                throw fail("unclosed_parenthesis", opening.start(), t.end());
            }
            throw unexpected(t);
        }
        return next();
    }

    private boolean accept(Kind kind) {
        if (peek().is(kind)) {
            next();
            return true;
        }
        return false;
    }

    private FormulaException unexpected(Token t) {
        if (t.is(Kind.EOF)) {
            return fail("unexpected_end", t.start(), t.end());
        }
        if (t.is(Kind.EQ) && pos >= 2 && tokens.get(pos - 2).is(Kind.EQ)) {
            return fail("unexpected_token", t.start(), t.end(), t.text());
        }
        return fail("unexpected_token", t.start(), t.end(), t.kind() == Kind.STRING ? "\"" : t.text());
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (!t.is(Kind.EOF)) {
            pos++;
        }
        return t;
    }

    private static FormulaException fail(String code, int start, int end, Object... args) {
        return new FormulaException(FormulaError.of(code, start, end, args));
    }
}
