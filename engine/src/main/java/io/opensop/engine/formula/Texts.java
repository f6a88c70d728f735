package io.opensop.engine.formula;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Text conversions and the bound on text results. */
final class Texts {

    static final int MAX_LENGTH = 100_000;

    private Texts() {
    }

    /** The text of a value for {@code &} and CONCAT: blank is "", numbers are plain (no exponent). */
    static String of(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        if (value instanceof OffsetDateTime t) {
            return t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        return value.toString();
    }

    static String bounded(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new EvaluationFailure("text_too_long", MAX_LENGTH);
        }
        return text;
    }

    static String str(Object value) {
        return value == null ? "" : (String) value;
    }

    static boolean isBlank(Object value) {
        return value == null || (value instanceof String s && s.isEmpty()) || (value instanceof List<?> l && l.isEmpty());
    }

    /** Substring by code points, so a character outside the BMP is never cut in half. */
    static String codePoints(String s, int from, int count) {
        int length = s.codePointCount(0, s.length());
        int start = Math.max(0, Math.min(from, length));
        int end = Math.max(start, Math.min(length, start + Math.max(0, count)));
        return s.substring(s.offsetByCodePoints(0, start), s.offsetByCodePoints(0, end));
    }

    static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
