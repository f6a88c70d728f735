package io.opensop.engine.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** Comparison a list filter applies to one field. */
public enum FilterOperator {
    EQ, NE, LT, LE, GT, GE, IN, CONTAINS, BLANK, NOT_BLANK, BETWEEN;

    @JsonValue
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<FilterOperator> find(String key) {
        return Arrays.stream(values()).filter(o -> o.key().equalsIgnoreCase(key)).findFirst();
    }

    /** JSON documents (dashboards, aggregate queries) name operators by their key, e.g. {@code "ge"}. */
    @JsonCreator
    public static FilterOperator fromJson(String key) {
        return find(key).orElseThrow(() -> new IllegalArgumentException("unknown filter operator: " + key));
    }

    int arity() {
        return switch (this) {
            case BLANK, NOT_BLANK -> 0;
            case BETWEEN -> 2;
            case IN -> -1;
            default -> 1;
        };
    }
}
