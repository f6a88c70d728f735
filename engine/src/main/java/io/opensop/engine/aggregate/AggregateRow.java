package io.opensop.engine.aggregate;

import java.util.List;

/**
 * One group: its key values (in the order of the result's dimensions; a period as its label such
 * as {@code 2026-Q4}), their labels for people in the actor's language (option and stage labels,
 * user names), and one value per measure: counts as {@code Long}, sums and averages as exact
 * {@code BigDecimal}, minimums and maximums in the field's own type. A value is null when the group
 * has no value for that field.
 */
public record AggregateRow(List<Object> keys, List<String> labels, List<Object> values) {

    public AggregateRow {
        keys = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(keys));
        labels = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(labels));
        values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }

    public Object value(int measure) {
        return values.get(measure);
    }
}
