package io.opensop.engine.record;

import java.util.List;

/** {@code field op values}; values are text and are converted with the field's type. */
public record RecordFilter(String field, FilterOperator operator, List<String> values) {

    public RecordFilter {
        values = values == null ? List.of() : List.copyOf(values);
    }
}
