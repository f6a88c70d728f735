package io.opensop.engine.formula;

import java.math.BigDecimal;
import java.util.List;

/**
 * The syntax tree. Every node knows its source range (for errors and explanations) and its depth,
 * which the parser bounds so that no later recursive pass can overflow the stack.
 */
sealed interface Node {

    int start();

    int end();

    default int depth() {
        return 1;
    }

    default List<Node> children() {
        return List.of();
    }

    record Num(BigDecimal value, boolean percent, int start, int end) implements Node {
    }

    record Str(String value, int start, int end) implements Node {
    }

    record Bool(boolean value, int start, int end) implements Node {
    }

    /** A field path: {@code key}, {@code {label}}, {@code lines.amount}, {@code customer.{行业}}. */
    record Ref(List<Segment> path, int start, int end) implements Node {
    }

    record Segment(String text, boolean label, int start, int end) {
    }

    record Unary(Op op, Node operand, int start, int end, int depth) implements Node {
        @Override
        public List<Node> children() {
            return List.of(operand);
        }
    }

    record Binary(Op op, Node left, Node right, int start, int end, int depth) implements Node {
        @Override
        public List<Node> children() {
            return List.of(left, right);
        }
    }

    /** {@code name} is upper case: function names are case-insensitive. */
    record Call(String name, List<Node> args, int start, int end, int nameEnd, int depth) implements Node {
        @Override
        public List<Node> children() {
            return args;
        }
    }

    enum Op {
        OR("||"), AND("&&"), NOT("!"), NEG("-"),
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">="),
        CONCAT("&"), ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%"), POW("^");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        boolean comparison() {
            return this == EQ || this == NE || this == LT || this == LE || this == GT || this == GE;
        }
    }
}
