package io.opensop.engine.aggregate;

import java.util.List;

/**
 * The groups of an aggregate query in order (periods in time order, select options and stages in
 * their defined order, other keys ascending, blanks last). {@code dimensions} names each key
 * column (the group fields, then {@code period:<field>}); {@code truncated} says there were more
 * groups than the limit.
 */
public record AggregateResult(String form, List<String> dimensions, List<Measure> measures, List<AggregateRow> rows,
                              boolean truncated) {

    public AggregateResult {
        dimensions = List.copyOf(dimensions);
        measures = List.copyOf(measures);
        rows = List.copyOf(rows);
    }

    /** The value of the one measure of an ungrouped query (a "number" widget). */
    public Object single() {
        return rows.isEmpty() ? null : rows.get(0).value(0);
    }
}
