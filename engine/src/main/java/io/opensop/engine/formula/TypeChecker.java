package io.opensop.engine.formula;

import io.opensop.engine.formula.FormulaType.Scalar;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assigns a type to every node and reports every type error it finds (not just the first). A node
 * whose type could not be determined gets null, and nothing built on it is reported again, so one
 * mistake produces one message.
 */
final class TypeChecker {

    private final Map<Node, FormulaType> types = new IdentityHashMap<>();
    private final Map<Node, Binding> bindings = new IdentityHashMap<>();
    private final List<FormulaError> errors = new ArrayList<>();
    private final Resolver resolver;
    private final FunctionTyping functions = new FunctionTyping(this);

    private TypeChecker(FormulaSchema schema) {
        this.resolver = new Resolver(schema, errors);
    }

    static Typing check(Node root, FormulaSchema schema, FormulaType expected) {
        TypeChecker checker = new TypeChecker(schema);
        FormulaType type = checker.visit(root);
        if (type != null && type.isList()) {
            checker.error("list_not_allowed", root);
            type = null;
        } else if (type != null && expected != null && !assignable(type, expected)) {
            checker.error("expected_type_mismatch", root, expected, type);
        }
        return new Typing(root, type, checker.types, checker.bindings, List.copyOf(checker.errors));
    }

    /** Numbers, money and percents convert freely: the stored field's precision decides the rest. */
    static boolean assignable(FormulaType actual, FormulaType expected) {
        return actual.equals(expected) || (actual.isNumeric() && expected.isNumeric());
    }

    FormulaType visit(Node node) {
        FormulaType type;
        if (node instanceof Node.Num n) {
            type = n.percent() ? Scalar.PERCENT : Scalar.NUMBER;
        } else if (node instanceof Node.Str) {
            type = Scalar.TEXT;
        } else if (node instanceof Node.Bool) {
            type = Scalar.BOOLEAN;
        } else if (node instanceof Node.Ref r) {
            type = reference(r);
        } else if (node instanceof Node.Unary u) {
            type = unary(u);
        } else if (node instanceof Node.Binary b) {
            type = binary(b);
        } else {
            type = functions.type((Node.Call) node);
        }
        types.put(node, type);
        return type;
    }

    private FormulaType reference(Node.Ref ref) {
        Binding binding = resolver.resolve(ref);
        if (binding == null) {
            return null;
        }
        bindings.put(ref, binding);
        return binding.type();
    }

    private FormulaType unary(Node.Unary u) {
        FormulaType operand = scalar(u.operand());
        if (operand == null) {
            return null;
        }
        if (u.op() == Node.Op.NOT) {
            return operand == Scalar.BOOLEAN ? Scalar.BOOLEAN : operandError(u, u.operand(), Expectation.BOOLEAN, operand);
        }
        return operand.isNumeric() ? operand : operandError(u, u.operand(), Expectation.NUMBER, operand);
    }

    private FormulaType binary(Node.Binary b) {
        FormulaType left = scalar(b.left());
        FormulaType right = scalar(b.right());
        if (left == null || right == null) {
            return null;
        }
        return switch (b.op()) {
            case AND, OR -> {
                if (left != Scalar.BOOLEAN) {
                    yield operandError(b, b.left(), Expectation.BOOLEAN, left);
                }
                yield right == Scalar.BOOLEAN ? Scalar.BOOLEAN : operandError(b, b.right(), Expectation.BOOLEAN, right);
            }
            case CONCAT -> Scalar.TEXT;
            case EQ, NE -> comparable(left, right) ? Scalar.BOOLEAN : mismatch(b, left, right);
            case LT, LE, GT, GE -> comparable(left, right) && left != Scalar.BOOLEAN ? Scalar.BOOLEAN
                    : mismatch(b, left, right);
            case ADD -> {
                if (left.isNumeric() && right.isNumeric()) {
                    yield Arithmetic.sumType(left, right);
                }
                if (isDateLike(left) && right.isNumeric()) {
                    yield left;
                }
                yield left.isNumeric() && isDateLike(right) ? right : mismatch(b, left, right);
            }
            case SUB -> {
                if (left.isNumeric() && right.isNumeric()) {
                    yield Arithmetic.sumType(left, right);
                }
                if (isDateLike(left) && right.isNumeric()) {
                    yield left;
                }
                yield left == Scalar.DATE && right == Scalar.DATE ? Scalar.NUMBER : mismatch(b, left, right);
            }
            case MUL -> left.isNumeric() && right.isNumeric() ? Arithmetic.productType(left, right) : mismatch(b, left, right);
            case DIV -> left.isNumeric() && right.isNumeric() ? Arithmetic.quotientType(left, right) : mismatch(b, left, right);
            case MOD -> left.isNumeric() && right.isNumeric() ? (left == Scalar.MONEY ? Scalar.MONEY : Scalar.NUMBER)
                    : mismatch(b, left, right);
            case POW -> left.isNumeric() && right.isNumeric() ? Scalar.NUMBER : mismatch(b, left, right);
            case NOT, NEG -> throw new IllegalStateException("unary operator in a binary node");
        };
    }

    /** Visits an operand that must be a single value: lists only make sense inside aggregate functions. */
    FormulaType scalar(Node node) {
        FormulaType type = visit(node);
        if (type != null && type.isList()) {
            error("list_not_allowed", node);
            return null;
        }
        return type;
    }

    static boolean comparable(FormulaType a, FormulaType b) {
        return a.equals(b) || (a.isNumeric() && b.isNumeric());
    }

    static boolean isDateLike(FormulaType t) {
        return t == Scalar.DATE || t == Scalar.DATETIME;
    }

    private FormulaType operandError(Node.Unary u, Node operand, Expectation expected, FormulaType actual) {
        errors.add(FormulaError.of("operand_type", operand.start(), operand.end(), u.op().symbol, expected, actual));
        return null;
    }

    private FormulaType operandError(Node.Binary b, Node operand, Expectation expected, FormulaType actual) {
        errors.add(FormulaError.of("operand_type", operand.start(), operand.end(), b.op().symbol, expected, actual));
        return null;
    }

    private FormulaType mismatch(Node.Binary b, FormulaType left, FormulaType right) {
        errors.add(FormulaError.of("type_mismatch", b.start(), b.end(), b.op().symbol, left, right));
        return null;
    }

    void error(String code, Node at, Object... args) {
        errors.add(FormulaError.of(code, at.start(), at.end(), args));
    }

    void error(String code, int start, int end, Object... args) {
        errors.add(FormulaError.of(code, start, end, args));
    }
}
