package io.opensop.designer.form;

import static org.assertj.core.api.Assertions.assertThat;

import io.opensop.engine.metadata.PublishResult;
import io.opensop.engine.record.RetypeFailure;
import io.opensop.engine.record.SchemaChange;
import io.opensop.engine.record.SchemaChange.Kind;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class PublishSummaryTest {

    private static SchemaChange change(Kind kind, String field) {
        return new SchemaChange(kind, field, "c_" + field, null, null);
    }

    @Test
    void aDryRunIsSummedUpWithTheRowsThatCannotConvert() {
        PublishResult preview = new PublishResult("deal", null, true,
                List.of(change(Kind.ADD_COLUMN, "a"), change(Kind.ADD_COLUMN, "b"), change(Kind.HIDE_FIELD, "c")),
                List.of(new RetypeFailure("d", "text", "number", 3, List.of(4L, 9L, 12L))));
        assertThat(PublishSummary.sentence(preview, Locale.ENGLISH))
                .isEqualTo("adds 2 columns, hides 1 field (their data is kept), retypes 1 field: 3 rows cannot convert");
        assertThat(PublishSummary.sentence(preview, Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("新增 2 列，隐藏 1 个字段（数据保留），修改 1 个字段的类型：3 行无法转换");
        assertThat(PublishSummary.lines(preview, Locale.ENGLISH)).last()
                .isEqualTo("d: 3 rows cannot convert from text to number (first records: [4, 9, 12])");
    }

    @Test
    void theFirstPublishCreatesTheFormsTable() {
        PublishResult preview = new PublishResult("deal", null, true,
                List.of(new SchemaChange(Kind.CREATE_TABLE, "$", "rec_deal", null, null), change(Kind.ADD_COLUMN, "a")),
                List.of());
        assertThat(PublishSummary.sentence(preview, Locale.ENGLISH)).isEqualTo("creates the table, adds 1 column");
        assertThat(PublishSummary.lines(preview, Locale.ENGLISH)).first().isEqualTo("New table for deal");
    }

    @Test
    void aPublishThatTouchesNoDataSaysSo() {
        PublishResult preview = new PublishResult("deal", null, true, List.of(), List.of());
        assertThat(PublishSummary.sentence(preview, Locale.ENGLISH)).isEqualTo("No change to stored data.");
    }

    @Test
    void addedAndDroppedIndexesAreSummedUpAndNamedPerField() {
        PublishResult preview = new PublishResult("deal", null, true,
                List.of(change(Kind.ADD_INDEX, "amount"), change(Kind.DROP_INDEX, "close_date")), List.of());
        assertThat(PublishSummary.sentence(preview, Locale.ENGLISH))
                .isEqualTo("indexes 1 field, drops the indexes of 1 field");
        assertThat(PublishSummary.sentence(preview, Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("为 1 个字段建立索引，删除 1 个字段的索引");
        assertThat(PublishSummary.lines(preview, Locale.ENGLISH)).containsExactly(
                "Adds sort indexes on amount (column c_amount); saves are never refused by them",
                "Drops the sort indexes on close_date (column c_close_date); no data is removed");
    }
}
