package io.opensop.engine.form;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a roll-up field aggregates: the records of {@code form} whose reference field {@code reference}
 * points at the record holding the roll-up, optionally only those for which {@code filter} (a boolean
 * formula over the child) is TRUE.
 *
 * @param field the child field aggregated; not needed for COUNT
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RollupDefinition(String form, String reference, Aggregate aggregate, String field, String filter) {

    public enum Aggregate {
        SUM, COUNT, MIN, MAX, AVG;

        @JsonValue
        public String json() {
            return name();
        }

        /** Accepts {@code sum} as well as {@code SUM}: designers type these by hand. */
        @JsonCreator
        public static Aggregate fromJson(String name) {
            return Arrays.stream(values()).filter(a -> a.name().equals(name.toUpperCase(Locale.ROOT))).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown aggregate: " + name));
        }
    }
}
