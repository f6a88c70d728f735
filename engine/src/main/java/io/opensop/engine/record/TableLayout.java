package io.opensop.engine.record;

import java.util.Map;
import java.util.Optional;

/**
 * Where a form's records live: the table, the active column of each stored field, and the child
 * table of each sub-form. Retired columns are not listed but stay in the database.
 */
public record TableLayout(String tableName, Map<String, String> columns, Map<String, TableLayout> subForms) {

    public TableLayout {
        columns = Map.copyOf(columns);
        subForms = Map.copyOf(subForms);
    }

    public Optional<String> column(String fieldKey) {
        return Optional.ofNullable(columns.get(fieldKey));
    }
}
