package io.opensop.engine.formula;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Helpers of the aggregate functions: arguments may be scalars or lists, and blanks are skipped. */
final class Aggregates {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?\\d{1,34}(\\.\\d{1,34})?%?");

    private Aggregates() {
    }

    /** All non-blank values of the arguments, lists expanded one level. */
    static List<Object> flatten(List<?> args) {
        List<Object> out = new ArrayList<>();
        for (Object arg : args) {
            if (arg instanceof List<?> list) {
                for (Object item : list) {
                    if (!Texts.isBlank(item)) {
                        out.add(item);
                    }
                }
            } else if (!Texts.isBlank(arg)) {
                out.add(arg);
            }
        }
        return out;
    }

    /** @param sign -1 for the minimum, 1 for the maximum */
    static Object extreme(List<?> args, int sign) {
        Object best = null;
        for (Object v : flatten(args)) {
            Integer order = best == null ? null : Compare.order(v, best);
            if (best == null || (order != null && order * sign > 0)) {
                best = v;
            }
        }
        return best;
    }

    static BigDecimal parseNumber(String text) {
        String s = text.strip().replace(",", "");
        if (s.length() > 80 || !PLAIN_NUMBER.matcher(s).matches()) {
            return null;
        }
        if (s.endsWith("%")) {
            return new BigDecimal(s.substring(0, s.length() - 1)).movePointLeft(2);
        }
        return new BigDecimal(s);
    }
}
