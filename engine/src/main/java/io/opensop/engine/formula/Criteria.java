package io.opensop.engine.formula;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * COUNTIF/SUMIF criteria written as text: an optional operator ({@code = <> < <= > >=}) followed by a
 * value of the list's type, e.g. {@code ">=1000"} or {@code "<>2024-01-01"}. For text lists the
 * whole criterion is the value, except a leading {@code <>} which negates it.
 */
final class Criteria {

    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d{1,34}(\\.\\d{1,34})?");

    private Criteria() {
    }

    /** @return the test, or null when the text is not a criterion for that element type */
    static Predicate<Object> parse(String text, FormulaType.Scalar element) {
        if (element == FormulaType.TEXT) {
            if (text.startsWith("<>")) {
                String value = text.substring(2);
                return v -> v != null && !value.equals(v);
            }
            return v -> text.equals(v);
        }
        String op = operator(text);
        Object value = value(text.substring(op.length()).trim(), element);
        if (value == null) {
            return null;
        }
        return v -> {
            Integer order = Compare.order(v, value);
            if (order == null) {
                return false;
            }
            return switch (op) {
                case "<>" -> order != 0;
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case ">" -> order > 0;
                case ">=" -> order >= 0;
                default -> order == 0;
            };
        };
    }

    /** A criterion that is a value rather than text: plain equality. */
    static Predicate<Object> equalTo(Object value) {
        return v -> Compare.eq(v, value);
    }

    private static String operator(String text) {
        for (String op : new String[] {"<>", "<=", ">=", "=", "<", ">"}) {
            if (text.startsWith(op)) {
                return op;
            }
        }
        return "";
    }

    private static Object value(String text, FormulaType.Scalar element) {
        try {
            return switch (element) {
                case NUMBER, MONEY, PERCENT -> NUMBER.matcher(text).matches() ? new BigDecimal(text) : null;
                case DATE -> LocalDate.parse(text);
                case DATETIME -> OffsetDateTime.parse(text);
                case BOOLEAN -> text.equalsIgnoreCase("TRUE") ? Boolean.TRUE
                        : text.equalsIgnoreCase("FALSE") ? Boolean.FALSE : null;
                default -> null;
            };
        } catch (RuntimeException unparseable) {
            return null;
        }
    }
}
