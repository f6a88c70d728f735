package io.opensop.engine.rules;

import io.opensop.engine.error.Problem;
import io.opensop.engine.form.FieldDefinition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Fits a computed result to the column of its field. Numbers are rounded HALF_UP to the field's
 * scale (money to the cent: 0.005 → 0.01), the rule accountants expect and the one ROUND uses;
 * a result too large for the column is refused rather than silently cut.
 */
final class StoredValue {

    private StoredValue() {
    }

    /** @return the value to store, or null with a problem added when it does not fit */
    static Object of(FieldDefinition field, Object result, List<Problem> problems) {
        if (result == null) {
            return null;
        }
        return switch (field.storedType()) {
            case NUMBER, MONEY, PERCENT -> decimal(field, (BigDecimal) result, problems);
            case TEXT -> text(field, (String) result, problems);
            case DATE -> (LocalDate) result;
            case DATETIME -> ((OffsetDateTime) result).withOffsetSameInstant(ZoneOffset.UTC);
            case BOOLEAN -> (Boolean) result;
            default -> throw new IllegalStateException("a computed field cannot store " + field.storedType());
        };
    }

    private static BigDecimal decimal(FieldDefinition field, BigDecimal value, List<Problem> problems) {
        BigDecimal scaled = value.setScale(field.effectiveScale(), RoundingMode.HALF_UP);
        int integerDigits = field.effectivePrecision() - field.effectiveScale();
        if (scaled.precision() - scaled.scale() > integerDigits) {
            problems.add(Problem.of(field.key(), "number_too_large", integerDigits));
            return null;
        }
        return scaled;
    }

    private static String text(FieldDefinition field, String value, List<Problem> problems) {
        if (value.isEmpty()) {
            return null;
        }
        if (value.codePointCount(0, value.length()) > field.textLength()) {
            problems.add(Problem.of(field.key(), "too_long", field.textLength()));
            return null;
        }
        return value;
    }
}
