package io.opensop.engine.formula;

import io.opensop.engine.formula.FormulaType.Scalar;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Type rules of the function library: arity, argument types and result type of every call. */
final class FunctionTyping {

    private final TypeChecker checker;

    FunctionTyping(TypeChecker checker) {
        this.checker = checker;
    }

    FormulaType type(Node.Call call) {
        Functions.Spec spec = Functions.find(call.name()).orElse(null);
        List<FormulaType> args = new ArrayList<>();
        for (Node arg : call.args()) {
            args.add(checker.visit(arg));
        }
        if (spec == null) {
            checker.error("unknown_function", call.start(), call.nameEnd(), call.name());
            return null;
        }
        int n = args.size();
        if (n < spec.min() || n > spec.max() || !arityShapeOk(call.name(), n)) {
            checker.error("wrong_argument_count", call, call.name(), spec.min(), spec.max(), n);
            return null;
        }
        if (args.contains(null)) {
            return null;
        }
        return new Rules(call, args).apply();
    }

    /** IFS takes condition/value pairs. */
    private static boolean arityShapeOk(String name, int n) {
        return !name.equals("IFS") || n % 2 == 0;
    }

    /** One call being typed; the helpers report at the offending argument and return false. */
    private final class Rules {

        private final Node.Call call;
        private final List<FormulaType> args;
        private boolean ok = true;

        Rules(Node.Call call, List<FormulaType> args) {
            this.call = call;
            this.args = args;
        }

        FormulaType apply() {
            FormulaType result = switch (call.name()) {
                case "IF" -> {
                    need(0, Scalar.BOOLEAN::equals, Expectation.BOOLEAN);
                    yield unifyScalars(1, args.size());
                }
                case "IFS" -> {
                    for (int i = 0; i < args.size(); i += 2) {
                        need(i, Scalar.BOOLEAN::equals, Expectation.BOOLEAN);
                    }
                    yield unifyEvery(1, 2, args.size());
                }
                case "SWITCH" -> switchType();
                case "AND", "OR" -> {
                    for (int i = 0; i < args.size(); i++) {
                        need(i, Scalar.BOOLEAN::equals, Expectation.BOOLEAN);
                    }
                    yield Scalar.BOOLEAN;
                }
                case "NOT" -> need(0, Scalar.BOOLEAN::equals, Expectation.BOOLEAN) ? Scalar.BOOLEAN : null;
                case "ISBLANK" -> Scalar.BOOLEAN;
                case "BLANKVALUE" -> unifyScalars(0, 2);
                case "ROUND", "ROUNDUP", "ROUNDDOWN" -> {
                    need(0, FormulaType::isNumeric, Expectation.NUMBER);
                    if (args.size() > 1) {
                        need(1, FormulaType::isNumeric, Expectation.NUMBER);
                    }
                    yield args.get(0);
                }
                case "ABS" -> need(0, FormulaType::isNumeric, Expectation.NUMBER) ? args.get(0) : null;
                case "SUM", "AVG" -> aggregate(FormulaType::isNumeric, Expectation.NUMBER_LIST);
                case "MIN", "MAX" -> aggregate(t -> t.isNumeric() || TypeChecker.isDateLike(t), Expectation.NUMBER_OR_DATE);
                case "COUNT" -> Scalar.NUMBER;
                case "COUNTIF" -> {
                    Scalar element = listElement(0);
                    if (element != null) {
                        criterion(1, element);
                    }
                    yield Scalar.NUMBER;
                }
                case "SUMIF" -> sumIf();
                case "TODAY" -> Scalar.DATE;
                case "NOW" -> Scalar.DATETIME;
                case "DATE" -> {
                    for (int i = 0; i < 3; i++) {
                        need(i, FormulaType::isNumeric, Expectation.NUMBER);
                    }
                    yield Scalar.DATE;
                }
                case "YEAR", "MONTH", "DAY" -> {
                    need(0, TypeChecker::isDateLike, Expectation.DATE_OR_DATETIME);
                    yield Scalar.NUMBER;
                }
                case "DAYS", "HOURS", "NETWORKDAYS" -> {
                    need(0, TypeChecker::isDateLike, Expectation.DATE_OR_DATETIME);
                    need(1, TypeChecker::isDateLike, Expectation.DATE_OR_DATETIME);
                    yield Scalar.NUMBER;
                }
                case "ADDDAYS" -> {
                    need(0, TypeChecker::isDateLike, Expectation.DATE_OR_DATETIME);
                    need(1, FormulaType::isNumeric, Expectation.NUMBER);
                    yield args.get(0);
                }
                case "WORKDAY" -> {
                    need(0, TypeChecker::isDateLike, Expectation.DATE_OR_DATETIME);
                    need(1, FormulaType::isNumeric, Expectation.NUMBER);
                    yield Scalar.DATE;
                }
                case "CONCAT" -> {
                    for (int i = 0; i < args.size(); i++) {
                        need(i, t -> !t.isList(), Expectation.SCALAR);
                    }
                    yield Scalar.TEXT;
                }
                case "LEFT", "RIGHT" -> {
                    need(0, Scalar.TEXT::equals, Expectation.TEXT);
                    if (args.size() > 1) {
                        need(1, FormulaType::isNumeric, Expectation.NUMBER);
                    }
                    yield Scalar.TEXT;
                }
                case "MID" -> {
                    need(0, Scalar.TEXT::equals, Expectation.TEXT);
                    need(1, FormulaType::isNumeric, Expectation.NUMBER);
                    need(2, FormulaType::isNumeric, Expectation.NUMBER);
                    yield Scalar.TEXT;
                }
                case "LEN" -> need(0, Scalar.TEXT::equals, Expectation.TEXT) ? Scalar.NUMBER : null;
                case "UPPER", "LOWER", "TRIM" -> need(0, Scalar.TEXT::equals, Expectation.TEXT) ? Scalar.TEXT : null;
                case "CONTAINS" -> {
                    need(0, t -> t == Scalar.TEXT || t.equals(FormulaType.listOf(Scalar.TEXT)),
                            Expectation.TEXT_OR_TEXT_LIST);
                    need(1, Scalar.TEXT::equals, Expectation.TEXT);
                    yield Scalar.BOOLEAN;
                }
                case "TEXT" -> textType();
                case "VALUE" -> need(0, Scalar.TEXT::equals, Expectation.TEXT) ? Scalar.NUMBER : null;
                default -> throw new IllegalStateException("no type rule for " + call.name());
            };
            return ok ? result : null;
        }

        private FormulaType switchType() {
            FormulaType subject = args.get(0);
            need(0, t -> !t.isList(), Expectation.SCALAR);
            int n = args.size();
            boolean hasDefault = (n - 1) % 2 == 1;
            int pairsEnd = hasDefault ? n - 1 : n;
            FormulaType result = null;
            for (int i = 1; i < pairsEnd; i += 2) {
                final FormulaType s = subject;
                need(i, t -> !t.isList() && TypeChecker.comparable(s, t), Expectation.SCALAR);
                result = unifyAt(result, i + 1);
            }
            if (hasDefault) {
                result = unifyAt(result, n - 1);
            }
            return result;
        }

        private FormulaType sumIf() {
            Scalar element = listElement(0);
            if (element != null) {
                criterion(1, element);
            }
            int sumIndex = args.size() == 3 ? 2 : 0;
            Scalar summed = listElement(sumIndex);
            if (summed != null && !summed.isNumeric()) {
                argError(sumIndex, Expectation.NUMBER_LIST);
                return null;
            }
            return summed;
        }

        private FormulaType textType() {
            FormulaType value = args.get(0);
            need(0, t -> !t.isList(), Expectation.SCALAR);
            if (args.size() == 2 && need(1, Scalar.TEXT::equals, Expectation.TEXT)
                    && call.args().get(1) instanceof Node.Str pattern && !value.isList()
                    && !Formats.validPattern((Scalar) value, pattern.value())) {
                checker.error("invalid_pattern", pattern, pattern.value());
                ok = false;
            }
            return Scalar.TEXT;
        }

        /** Scalars and lists of the accepted kind; the result is their unified (element) type. */
        private FormulaType aggregate(Predicate<FormulaType> accepts, Expectation expectation) {
            FormulaType result = null;
            for (int i = 0; i < args.size(); i++) {
                FormulaType t = args.get(i);
                FormulaType element = t instanceof FormulaType.ListOf l ? l.element() : t;
                if (!accepts.test(element)) {
                    argError(i, expectation);
                    continue;
                }
                result = result == null ? element : unifyOrReport(result, element, i);
            }
            return result;
        }

        /** A criterion is a value of the list's type, or a text such as ">1000" or "<>won". */
        private void criterion(int i, Scalar element) {
            FormulaType c = args.get(i);
            if (c.isList() || !(TypeChecker.comparable(c, element) || c == Scalar.TEXT)) {
                argError(i, Expectation.SAME_TYPE_AS_LIST);
                return;
            }
            if (c == Scalar.TEXT && element != Scalar.TEXT && call.args().get(i) instanceof Node.Str literal
                    && Criteria.parse(literal.value(), element) == null) {
                checker.error("invalid_criteria", literal, literal.value(), element);
                ok = false;
            }
        }

        private Scalar listElement(int i) {
            if (args.get(i) instanceof FormulaType.ListOf list) {
                return list.element();
            }
            argError(i, Expectation.LIST);
            return null;
        }

        private FormulaType unifyScalars(int from, int to) {
            return unifyEvery(from, 1, to);
        }

        private FormulaType unifyEvery(int from, int step, int to) {
            FormulaType result = null;
            for (int i = from; i < to; i += step) {
                result = unifyAt(result, i);
            }
            return result;
        }

        private FormulaType unifyAt(FormulaType sofar, int i) {
            FormulaType t = args.get(i);
            if (t.isList()) {
                argError(i, Expectation.SCALAR);
                return sofar;
            }
            return sofar == null ? t : unifyOrReport(sofar, t, i);
        }

        private FormulaType unifyOrReport(FormulaType sofar, FormulaType t, int i) {
            FormulaType unified = Arithmetic.unify(sofar, t);
            if (unified == null) {
                Node arg = call.args().get(i);
                checker.error("incompatible_types", arg, call.name(), sofar, t);
                ok = false;
                return sofar;
            }
            return unified;
        }

        private boolean need(int i, Predicate<FormulaType> accepts, Expectation expectation) {
            if (accepts.test(args.get(i))) {
                return true;
            }
            argError(i, expectation);
            return false;
        }

        private void argError(int i, Expectation expectation) {
            Node arg = call.args().get(i);
            checker.error("wrong_argument_type", arg, call.name(), i + 1, expectation, args.get(i));
            ok = false;
        }
    }
}
