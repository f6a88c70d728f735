package io.opensop.engine.listview;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.record.RecordSort;
import io.opensop.engine.support.Json;
import io.opensop.engine.support.SqlValues;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The {@code saved_view} table. */
final class SavedViews {

    private static final String COLUMNS = "id, form_key, owner, name, settings_json, is_default, shared, row_version,"
            + " updated_at";

    private final DSLContext dsl;

    SavedViews(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The owner's views, then views others share, each by name. */
    List<SavedView> visible(String formKey, String username) {
        return dsl.fetch("select " + COLUMNS + " from saved_view where form_key = ? and (owner = ? or shared = ?)"
                        + " order by case when owner = ? then 0 else 1 end, name, id", formKey, username, true, username)
                .map(SavedViews::toView);
    }

    Optional<SavedView> find(String formKey, long id) {
        return dsl.fetchOptional("select " + COLUMNS + " from saved_view where form_key = ? and id = ?", formKey, id)
                .map(SavedViews::toView);
    }

    boolean nameTaken(String formKey, String owner, String name, long exceptId) {
        return dsl.fetchOptional("select 1 from saved_view where form_key = ? and owner = ? and name = ? and id <> ?",
                formKey, owner, name, exceptId).isPresent();
    }

    long insert(String formKey, String owner, ViewSettings settings, OffsetDateTime now) {
        return dsl.insertInto(DSL.table(DSL.unquotedName("saved_view")))
                .columns(col("form_key"), col("owner"), col("name"), col("settings_json"), col("is_default"),
                        col("shared"), col("row_version"), col("created_at"), col("updated_at"))
                .values(formKey, owner, settings.name(), write(settings), settings.isDefault(), settings.shared(), 1L,
                        SqlValues.timestamp(now), SqlValues.timestamp(now))
                .returningResult(DSL.field(DSL.unquotedName("id"), SQLDataType.BIGINT))
                .fetchOne().value1();
    }

    /** Compare-and-set on the row version; false when someone else changed or removed the view. */
    boolean update(long id, long expectedVersion, ViewSettings settings, OffsetDateTime now) {
        return dsl.execute("update saved_view set name = ?, settings_json = ?, is_default = ?, shared = ?,"
                        + " row_version = row_version + 1, updated_at = ? where id = ? and row_version = ?",
                settings.name(), write(settings), settings.isDefault(), settings.shared(), SqlValues.timestamp(now), id,
                expectedVersion) == 1;
    }

    void clearDefault(String formKey, String owner, long exceptId) {
        dsl.execute("update saved_view set is_default = ? where form_key = ? and owner = ? and id <> ? and is_default = ?",
                false, formKey, owner, exceptId, true);
    }

    boolean delete(long id) {
        return dsl.execute("delete from saved_view where id = ?", id) == 1;
    }

    private static org.jooq.Field<Object> col(String name) {
        return DSL.field(DSL.unquotedName(name));
    }

    private static String write(ViewSettings settings) {
        return Json.write(new Stored(settings.filters(), settings.sorts(), settings.columns()));
    }

    private static SavedView toView(Record r) {
        Stored stored;
        try {
            stored = Json.mapper().readValue(r.get(4, String.class), Stored.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("saved view " + r.get(0) + " is unreadable", e);
        }
        ViewSettings settings = new ViewSettings(r.get(3, String.class), stored.filters(), stored.sorts(),
                stored.columns(), r.get(5, Boolean.class), r.get(6, Boolean.class));
        return new SavedView(r.get(0, Long.class), r.get(1, String.class), r.get(2, String.class),
                r.get(7, Long.class), settings, r.get(8, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** The JSON column: what a list query needs, nothing about ownership. */
    record Stored(List<RecordFilter> filters, List<RecordSort> sorts, List<String> columns) {
    }
}
