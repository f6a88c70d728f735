package io.opensop.engine.formula;

/** One lexeme; {@code text} is the decoded content for strings and labels, the source text otherwise. */
record Token(Kind kind, String text, int start, int end) {

    enum Kind {
        NUMBER, STRING, IDENT, LABEL,
        PLUS, MINUS, STAR, SLASH, PERCENT, CARET, AMP,
        EQ, NE, LT, LE, GT, GE, AND, OR, BANG,
        LPAREN, RPAREN, COMMA, DOT, EOF
    }

    boolean is(Kind k) {
        return kind == k;
    }

    /** Keywords are plain identifiers to the lexer, matched case-insensitively by the parser. */
    boolean isKeyword(String keyword) {
        return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
    }
}
