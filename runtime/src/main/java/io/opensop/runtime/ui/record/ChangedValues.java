package io.opensop.runtime.ui.record;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which fields differ between two value maps, as the engine compares them: decimals by value
 * ({@code 1.50} equals {@code 1.5}), an empty list as blank. A save sends only these, so the engine
 * merges them into the stored record and never overwrites fields the user did not touch.
 */
public final class ChangedValues {

    private ChangedValues() {
    }

    /** The entries of {@code after} whose value differs from {@code before}'s. */
    public static Map<String, Object> between(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> changed = new LinkedHashMap<>();
        after.forEach((key, value) -> {
            if (!same(before.get(key), value)) {
                changed.put(key, value);
            }
        });
        return changed;
    }

    public static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b) || isBlank(a) && isBlank(b);
    }

    private static boolean isBlank(Object value) {
        return value == null || value instanceof Collection<?> c && c.isEmpty()
                || value instanceof String s && s.isEmpty();
    }
}
