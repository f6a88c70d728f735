package io.opensop.engine.listview;

import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.record.RecordSort;
import java.util.List;

/**
 * What a saved list view holds.
 *
 * @param columns   field keys or system columns ({@code id}, {@code updated_at} …) in display order; empty = all
 * @param isDefault the view the owner's list opens with (one per owner and form)
 * @param shared    other users who may read the form see it too (read-only for them)
 */
public record ViewSettings(String name, List<RecordFilter> filters, List<RecordSort> sorts, List<String> columns,
                           boolean isDefault, boolean shared) {

    public ViewSettings {
        name = name == null ? null : name.strip();
        filters = filters == null ? List.of() : List.copyOf(filters);
        sorts = sorts == null ? List.of() : List.copyOf(sorts);
        columns = columns == null ? List.of() : List.copyOf(columns);
    }
}
