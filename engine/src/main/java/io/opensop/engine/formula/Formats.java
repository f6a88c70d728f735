package io.opensop.engine.formula;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * TEXT(value, pattern): numbers use {@link DecimalFormat} patterns ({@code #,##0.00}), dates use
 * {@link DateTimeFormatter} patterns ({@code yyyy-MM-dd}). Symbols are locale-neutral so a formula
 * gives the same text on every server.
 */
final class Formats {

    static final int MAX_PATTERN_LENGTH = 100;
    private static final LocalDate SAMPLE_DATE = LocalDate.of(2024, 1, 31);
    private static final OffsetDateTime SAMPLE_DATETIME = OffsetDateTime.of(2024, 1, 31, 13, 45, 30, 0, ZoneOffset.UTC);

    private Formats() {
    }

    static boolean validPattern(FormulaType.Scalar type, String pattern) {
        try {
            switch (type) {
                case NUMBER, MONEY, PERCENT -> format(BigDecimal.ONE, pattern);
                case DATE -> format(SAMPLE_DATE, pattern);
                case DATETIME -> format(SAMPLE_DATETIME, pattern);
                default -> {
                    // text and boolean ignore the pattern
                }
            }
            return pattern.length() <= MAX_PATTERN_LENGTH;
        } catch (EvaluationFailure invalid) {
            return false;
        }
    }

    static String format(Object value, String pattern) {
        if (value == null) {
            return "";
        }
        if (pattern == null) {
            return Texts.of(value);
        }
        if (pattern.length() > MAX_PATTERN_LENGTH) {
            throw new EvaluationFailure("invalid_pattern", pattern);
        }
        try {
            if (value instanceof BigDecimal d) {
                DecimalFormat format = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
                format.setRoundingMode(RoundingMode.HALF_UP);
                return format.format(d);
            }
            if (value instanceof LocalDate || value instanceof OffsetDateTime) {
                return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).format((java.time.temporal.TemporalAccessor) value);
            }
        } catch (RuntimeException invalid) {
            throw new EvaluationFailure("invalid_pattern", pattern);
        }
        return Texts.of(value);
    }
}
