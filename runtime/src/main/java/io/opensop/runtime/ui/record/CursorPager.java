package io.opensop.runtime.ui.record;

import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.record.RecordPage;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.record.RecordSort;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Maps the Grid's offset-based fetches onto the engine's keyset cursor: pages are read in order,
 * each from the previous page's cursor, and only as far as the user has scrolled. A new filter or
 * sort starts over. Never loads a whole table.
 */
final class CursorPager {

    private final Function<RecordQuery, RecordPage> source;
    private final int pageSize;
    private final List<FormRecord> loaded = new ArrayList<>();
    private List<RecordFilter> filters = List.of();
    private List<RecordSort> sorts = List.of();
    private String next;
    private boolean exhausted;
    private int pagesRead;

    CursorPager(Function<RecordQuery, RecordPage> source, int pageSize) {
        this.source = source;
        this.pageSize = pageSize;
    }

    /** The rows {@code offset .. offset+limit}, reading further pages only when needed. */
    List<FormRecord> fetch(List<RecordFilter> filters, List<RecordSort> sorts, int offset, int limit) {
        if (!Objects.equals(filters, this.filters) || !Objects.equals(sorts, this.sorts)) {
            reset();
            this.filters = List.copyOf(filters);
            this.sorts = List.copyOf(sorts);
        }
        while (loaded.size() < offset + limit && !exhausted) {
            RecordPage page = source.apply(new RecordQuery(this.filters, this.sorts, pageSize, next, false, false));
            pagesRead++;
            loaded.addAll(page.items());
            next = page.next();
            exhausted = next == null;
        }
        if (offset >= loaded.size()) {
            return List.of();
        }
        return List.copyOf(loaded.subList(offset, Math.min(loaded.size(), offset + limit)));
    }

    void reset() {
        loaded.clear();
        next = null;
        exhausted = false;
    }

    int pagesRead() {
        return pagesRead;
    }
}
