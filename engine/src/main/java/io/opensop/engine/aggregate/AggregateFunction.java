package io.opensop.engine.aggregate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** What a measure computes over the rows of a group. */
public enum AggregateFunction {
    COUNT, SUM, AVG, MIN, MAX;

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static AggregateFunction fromJson(String key) {
        return Arrays.stream(values()).filter(f -> f.key().equalsIgnoreCase(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown aggregate function: " + key));
    }
}
