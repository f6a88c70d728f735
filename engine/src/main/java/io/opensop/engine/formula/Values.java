package io.opensop.engine.formula;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Brings record values into the runtime representation of their formula type. The record store
 * already hands over the right types; the rest (integers, other date-time classes) is accepted
 * because callers such as tests and imports are not always that careful. Doubles are rejected:
 * money must never have passed through binary floating point.
 */
final class Values {

    private Values() {
    }

    static Object coerce(Object raw, FormulaType type, ZoneId zone) {
        if (raw == null) {
            return null;
        }
        if (type instanceof FormulaType.ListOf list) {
            Collection<?> items = raw instanceof Collection<?> c ? c : List.of(raw);
            List<Object> out = new ArrayList<>(items.size());
            for (Object item : items) {
                out.add(coerce(item, list.element(), zone));
            }
            return out;
        }
        FormulaType.Scalar scalar = (FormulaType.Scalar) type;
        Object value = switch (scalar) {
            case NUMBER, MONEY, PERCENT -> number(raw);
            case TEXT -> raw instanceof String ? raw : raw instanceof BigDecimal d ? d.toPlainString()
                    : raw instanceof Long || raw instanceof Integer ? raw.toString() : null;
            case BOOLEAN -> raw instanceof Boolean ? raw : null;
            case DATE -> date(raw, zone);
            case DATETIME -> dateTime(raw, zone);
        };
        if (value == null) {
            throw new EvaluationFailure("bad_value", raw.getClass().getSimpleName(), scalar);
        }
        return value;
    }

    private static BigDecimal number(Object raw) {
        if (raw instanceof BigDecimal d) {
            return d;
        }
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return BigDecimal.valueOf(((Number) raw).longValue());
        }
        if (raw instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        return null;
    }

    private static LocalDate date(Object raw, ZoneId zone) {
        if (raw instanceof LocalDate d) {
            return d;
        }
        if (raw instanceof OffsetDateTime || raw instanceof ZonedDateTime || raw instanceof Instant) {
            return dateTime(raw, zone).atZoneSameInstant(zone).toLocalDate();
        }
        if (raw instanceof LocalDateTime t) {
            return t.toLocalDate();
        }
        return null;
    }

    private static OffsetDateTime dateTime(Object raw, ZoneId zone) {
        if (raw instanceof OffsetDateTime t) {
            return t;
        }
        if (raw instanceof ZonedDateTime t) {
            return t.toOffsetDateTime();
        }
        if (raw instanceof Instant i) {
            return i.atZone(zone).toOffsetDateTime();
        }
        if (raw instanceof LocalDateTime t) {
            return t.atZone(zone).toOffsetDateTime();
        }
        if (raw instanceof LocalDate d) {
            return d.atStartOfDay(zone).toOffsetDateTime();
        }
        return null;
    }
}
