package io.opensop.engine.formula;

import java.util.Map;
import java.util.Optional;

/**
 * The function library's names and arities. Typing lives in {@link FunctionTyping}, code generation
 * in {@link MvelGenerator}, behaviour in {@link FormulaRuntime}.
 */
final class Functions {

    /** Arguments a variadic function accepts at most; the parser caps every call at this too. */
    static final int MANY = Parser.MAX_ARGUMENTS;

    /** @param variadic the runtime receives all arguments as one list */
    record Spec(String name, int min, int max, boolean variadic) {
    }

    private static final Map<String, Spec> SPECS = Map.ofEntries(
            spec("IF", 2, 3), spec("IFS", 2, MANY), variadic("SWITCH", 3),
            spec("AND", 1, MANY), spec("OR", 1, MANY), spec("NOT", 1, 1),
            spec("ISBLANK", 1, 1), spec("BLANKVALUE", 2, 2),
            spec("ROUND", 1, 2), spec("ROUNDUP", 1, 2), spec("ROUNDDOWN", 1, 2), spec("ABS", 1, 1),
            variadic("MIN", 1), variadic("MAX", 1), variadic("SUM", 1), variadic("AVG", 1),
            variadic("COUNT", 1), spec("COUNTIF", 2, 2), spec("SUMIF", 2, 3),
            spec("TODAY", 0, 0), spec("NOW", 0, 0), spec("DATE", 3, 3),
            spec("YEAR", 1, 1), spec("MONTH", 1, 1), spec("DAY", 1, 1), spec("DAYS", 2, 2), spec("HOURS", 2, 2),
            spec("ADDDAYS", 2, 2), spec("NETWORKDAYS", 2, 2), spec("WORKDAY", 2, 2),
            variadic("CONCAT", 1), spec("LEFT", 1, 2), spec("RIGHT", 1, 2), spec("MID", 3, 3),
            spec("LEN", 1, 1), spec("UPPER", 1, 1), spec("LOWER", 1, 1), spec("TRIM", 1, 1),
            spec("CONTAINS", 2, 2), spec("TEXT", 1, 2), spec("VALUE", 1, 1));

    private Functions() {
    }

    static Optional<Spec> find(String upperCaseName) {
        return Optional.ofNullable(SPECS.get(upperCaseName));
    }

    static java.util.Set<String> names() {
        return SPECS.keySet();
    }

    private static Map.Entry<String, Spec> spec(String name, int min, int max) {
        return Map.entry(name, new Spec(name, min, max, false));
    }

    private static Map.Entry<String, Spec> variadic(String name, int min) {
        return Map.entry(name, new Spec(name, min, MANY, true));
    }
}
