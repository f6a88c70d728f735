package io.opensop.engine.formula;

import io.opensop.engine.formula.FormulaType.Scalar;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes MVEL source for a checked tree. The output contains nothing the user typed: literals are
 * passed as constants ({@code rt.c(3)}), fields as numbered reads ({@code rt.f(5)}), every operator
 * and function as a call on {@link FormulaRuntime}. Only IF/IFS/AND/OR use MVEL's own {@code ?:},
 * {@code &&} and {@code ||}, to evaluate lazily, and always fully parenthesised because MVEL's
 * interpreted and compiled modes disagree on the precedence of {@code a && b ? x : y}.
 */
final class MvelGenerator {

    /** @param nodes every node by id (pre-order); {@code code} holds each node's own source */
    record Output(String source, List<Node> nodes, Map<Node, String> code, Object[] constants, Binding[] bindings) {
    }

    private final Typing typing;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<Node, String> code = new IdentityHashMap<>();
    private final List<Object> constants = new ArrayList<>();
    private final List<Binding> bindings = new ArrayList<>();

    private MvelGenerator(Typing typing) {
        this.typing = typing;
    }

    static Output generate(Typing typing) {
        MvelGenerator generator = new MvelGenerator(typing);
        String source = generator.gen(typing.root());
        MvelWhitelist.verify(source);
        return new Output(source, List.copyOf(generator.nodes), generator.code, generator.constants.toArray(),
                generator.bindings.toArray(new Binding[0]));
    }

    private String gen(Node node) {
        int id = nodes.size();
        nodes.add(node);
        bindings.add(typing.bindings().get(node));
        String source;
        if (node instanceof Node.Num n) {
            source = constant(n.value());
        } else if (node instanceof Node.Str s) {
            source = constant(s.value());
        } else if (node instanceof Node.Bool b) {
            source = b.value() ? "true" : "false";
        } else if (node instanceof Node.Ref) {
            source = "rt.f(" + id + ")";
        } else if (node instanceof Node.Unary u) {
            source = call(u.op() == Node.Op.NOT ? "op_not" : "op_neg", id, gen(u.operand()));
        } else if (node instanceof Node.Binary b) {
            source = binary(b, id);
        } else {
            source = function((Node.Call) node, id);
        }
        code.put(node, source);
        return source;
    }

    private String binary(Node.Binary b, int id) {
        String left = gen(b.left());
        String right = gen(b.right());
        FormulaType lt = typing.types().get(b.left());
        FormulaType rt = typing.types().get(b.right());
        return switch (b.op()) {
            case AND -> "((rt.truth(" + left + ")) && (rt.truth(" + right + ")))";
            case OR -> "((rt.truth(" + left + ")) || (rt.truth(" + right + ")))";
            case EQ -> call("op_eq", id, left, right);
            case NE -> call("op_ne", id, left, right);
            case LT -> call("op_lt", id, left, right);
            case LE -> call("op_le", id, left, right);
            case GT -> call("op_gt", id, left, right);
            case GE -> call("op_ge", id, left, right);
            case CONCAT -> call("op_concat", id, left, right);
            case ADD -> {
                if (TypeChecker.isDateLike(lt)) {
                    yield call("op_add_days", id, left, right);
                }
                yield TypeChecker.isDateLike(rt) ? call("op_add_days", id, right, left) : call("op_add", id, left, right);
            }
            case SUB -> {
                if (TypeChecker.isDateLike(lt)) {
                    yield rt.isNumeric() ? call("op_sub_days", id, left, right) : call("op_days_between", id, left, right);
                }
                yield call("op_sub", id, left, right);
            }
            case MUL -> call("op_mul", id, left, right);
            case DIV -> call("op_div", id, left, right);
            case MOD -> call("op_mod", id, left, right);
            case POW -> call("op_pow", id, left, right);
            case NOT, NEG -> throw new IllegalStateException("unary operator in a binary node");
        };
    }

    private String function(Node.Call c, int id) {
        List<String> args = new ArrayList<>();
        for (Node arg : c.args()) {
            args.add(gen(arg));
        }
        Functions.Spec spec = Functions.find(c.name()).orElseThrow();
        switch (c.name()) {
            case "IF":
                return "((rt.truth(" + args.get(0) + ")) ? (" + args.get(1) + ") : ("
                        + (args.size() > 2 ? args.get(2) : "null") + "))";
            case "IFS":
                return ifs(args, 0);
            case "NOT":
                return call("op_not", id, args.get(0));
            case "AND":
            case "OR":
                return logical(args, c.name().equals("AND") ? " && " : " || ");
            case "COUNTIF":
            case "SUMIF": {
                Scalar element = ((FormulaType.ListOf) typing.types().get(c.args().get(0))).element();
                List<String> all = new ArrayList<>(args);
                while (all.size() < spec.max()) {
                    all.add("null");
                }
                all.add(constant(element));
                return call("fn_" + c.name().toLowerCase(Locale.ROOT), id, all.toArray(new String[0]));
            }
            default:
                break;
        }
        String method = "fn_" + c.name().toLowerCase(Locale.ROOT);
        if (spec.variadic()) {
            String list = "rt.one(" + args.get(0) + ")";
            for (int i = 1; i < args.size(); i++) {
                list = "rt.more(" + list + ", " + args.get(i) + ")";
            }
            return call(method, id, list);
        }
        while (args.size() < spec.max()) {
            args.add("null");
        }
        return call(method, id, args.toArray(new String[0]));
    }

    private static String ifs(List<String> args, int from) {
        if (from >= args.size()) {
            return "null";
        }
        return "((rt.truth(" + args.get(from) + ")) ? (" + args.get(from + 1) + ") : (" + ifs(args, from + 2) + "))";
    }

    private static String logical(List<String> args, String operator) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < args.size(); i++) {
            text.append(i == 0 ? "" : operator).append("(rt.truth(").append(args.get(i)).append("))");
        }
        return text.append(')').toString();
    }

    private String constant(Object value) {
        constants.add(value);
        return "rt.c(" + (constants.size() - 1) + ")";
    }

    private static String call(String method, int id, String... args) {
        StringBuilder text = new StringBuilder("rt.").append(method).append('(').append(id);
        for (String arg : args) {
            text.append(", ").append(arg);
        }
        return text.append(')').toString();
    }
}
