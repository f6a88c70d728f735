package io.opensop.runtime.ui.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.opensop.engine.record.FilterOperator;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.record.RecordPage;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.record.RecordSort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Grid's offsets become cursor pages read in order, and only as far as needed. */
class CursorPagerTest {

    private final List<RecordQuery> asked = new ArrayList<>();

    /** 120 records, served 50 at a time with the last id as the cursor. */
    private RecordPage page(RecordQuery query) {
        asked.add(query);
        int start = query.after() == null ? 0 : Integer.parseInt(query.after());
        int end = Math.min(120, start + query.limit());
        List<FormRecord> items = new ArrayList<>();
        for (int i = start; i < end; i++) {
            items.add(new FormRecord("f", i + 1, 1, 1, null, null, false, "a", null, "a", null, Map.of()));
        }
        return new RecordPage(items, end < 120 ? String.valueOf(end) : null, null, null);
    }

    @Test
    void offsetsAreServedFromCursorPagesReadInOrder() {
        CursorPager pager = new CursorPager(this::page, 50);

        assertThat(pager.fetch(List.of(), List.of(), 0, 50)).extracting(FormRecord::id).startsWith(1L).hasSize(50);
        assertThat(asked).hasSize(1);
        assertThat(pager.fetch(List.of(), List.of(), 50, 50)).extracting(FormRecord::id).startsWith(51L);
        assertThat(asked).hasSize(2).last().extracting(RecordQuery::after).isEqualTo("50");
        assertThat(pager.fetch(List.of(), List.of(), 100, 50)).hasSize(20);
        assertThat(pager.fetch(List.of(), List.of(), 150, 50)).isEmpty();
        assertThat(asked).as("the end is known; nothing more is read").hasSize(3);
        assertThat(pager.fetch(List.of(), List.of(), 0, 50)).hasSize(50);
        assertThat(asked).as("pages already read are not read again").hasSize(3);
    }

    @Test
    void aNewFilterOrSortStartsOverAndNothingIsReadAhead() {
        CursorPager pager = new CursorPager(this::page, 50);
        pager.fetch(List.of(), List.of(), 0, 50);
        List<RecordFilter> filters = List.of(new RecordFilter("name", FilterOperator.CONTAINS, List.of("x")));
        pager.fetch(filters, List.of(new RecordSort("name", true)), 0, 50);
        assertThat(asked).hasSize(2);
        assertThat(asked.get(1).after()).isNull();
        assertThat(asked.get(1).filters()).isEqualTo(filters);
        assertThat(asked.get(1).sorts()).containsExactly(new RecordSort("name", true));
        assertThat(asked).allSatisfy(q -> assertThat(q.limit()).isEqualTo(50));
    }
}
