package io.opensop.engine.record;

import java.util.List;

/**
 * A page request: filters are ANDed, sorts apply in order and the record id breaks ties;
 * {@code after} is the opaque cursor of the previous page.
 */
public record RecordQuery(List<RecordFilter> filters, List<RecordSort> sorts, int limit, String after,
                          boolean withCount, boolean includeDeleted) {

    public static final int MAX_LIMIT = 500;
    public static final int DEFAULT_LIMIT = 50;

    public RecordQuery {
        filters = filters == null ? List.of() : List.copyOf(filters);
        sorts = sorts == null ? List.of() : List.copyOf(sorts);
    }

    public static RecordQuery firstPage(int limit) {
        return new RecordQuery(List.of(), List.of(), limit, null, false, false);
    }
}
