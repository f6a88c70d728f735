package io.opensop.engine.formula;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Objects;

/** Blank-safe comparison: anything compared with blank is false, numbers compare by value (480.00 = 480). */
final class Compare {

    private Compare() {
    }

    static boolean eq(Object a, Object b) {
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof OffsetDateTime x && b instanceof OffsetDateTime y) {
            return x.isEqual(y);
        }
        return Objects.equals(a, b);
    }

    /** @return the order of a and b, or null when either is blank or they cannot be ordered */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Integer order(Object a, Object b) {
        if (a == null || b == null) {
            return null;
        }
        if (a instanceof OffsetDateTime x && b instanceof OffsetDateTime y) {
            return x.toInstant().compareTo(y.toInstant());
        }
        if (a instanceof Comparable x && a.getClass() == b.getClass()) {
            return Integer.signum(x.compareTo(b));
        }
        return null;
    }
}
