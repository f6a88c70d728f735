package io.opensop.engine.record;

import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** Reads and writes the rows of one form's record tables; knows SQL, not rules. */
final class RecordStore {

    private final DSLContext dsl;

    RecordStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    static Table<Record> table(String name) {
        return DSL.table(SqlNames.quoted(name));
    }

    static Field<Long> longField(String table, String column) {
        return DSL.field(DSL.name(SqlNames.quoted(table), SqlNames.quoted(column)), SQLDataType.BIGINT);
    }

    static Field<Object> systemField(String table, SystemColumn column) {
        @SuppressWarnings("unchecked")
        org.jooq.DataType<Object> type = (org.jooq.DataType<Object>) column.type;
        return DSL.field(DSL.name(SqlNames.quoted(table), SqlNames.quoted(column.column)), type);
    }

    private static Field<Object> sys(String table, String column, org.jooq.DataType<?> type) {
        @SuppressWarnings("unchecked")
        org.jooq.DataType<Object> t = (org.jooq.DataType<Object>) type;
        return DSL.field(DSL.name(SqlNames.quoted(table), SqlNames.quoted(column)), t);
    }

    long insert(PublishedForm form, Map<String, Object> values, Long ownerId, String actor, OffsetDateTime now) {
        return insert(form, values, ownerId, actor, now, null);
    }

    long insert(PublishedForm form, Map<String, Object> values, Long ownerId, String actor, OffsetDateTime now,
                String stage) {
        String table = form.layout().tableName();
        Map<Field<?>, Object> row = new LinkedHashMap<>();
        if (stage != null) {
            row.put(sys(table, SqlNames.STAGE, SQLDataType.VARCHAR), stage);
        }
        row.put(sys(table, SqlNames.ROW_VERSION, SQLDataType.BIGINT), 1L);
        row.put(sys(table, SqlNames.FORM_VERSION, SQLDataType.INTEGER), form.version());
        row.put(sys(table, SqlNames.OWNER_ID, SQLDataType.BIGINT), ownerId);
        row.put(sys(table, SqlNames.CREATED_BY, SQLDataType.VARCHAR), actor);
        row.put(sys(table, SqlNames.CREATED_AT, SQLDataType.OFFSETDATETIME), now);
        row.put(sys(table, SqlNames.UPDATED_BY, SQLDataType.VARCHAR), actor);
        row.put(sys(table, SqlNames.UPDATED_AT, SQLDataType.OFFSETDATETIME), now);
        row.put(sys(table, SqlNames.DELETED, SQLDataType.BOOLEAN), false);
        putFieldValues(form, values, row);
        Long id = dsl.insertInto(table(table)).set(unqualify(row))
                .returningResult(DSL.field(SqlNames.quoted(SqlNames.ID), SQLDataType.BIGINT))
                .fetchOne(0, Long.class);
        writeChildren(form, id, values, false);
        return id;
    }

    /** Returns false when the row is gone or its version is no longer {@code expectedVersion}. */
    boolean update(PublishedForm form, long id, long expectedVersion, Map<String, Object> changed, String actor,
                   OffsetDateTime now) {
        String table = form.layout().tableName();
        Map<Field<?>, Object> row = new LinkedHashMap<>();
        Field<Long> version = longField(table, SqlNames.ROW_VERSION);
        row.put(sys(table, SqlNames.FORM_VERSION, SQLDataType.INTEGER), form.version());
        row.put(sys(table, SqlNames.UPDATED_BY, SQLDataType.VARCHAR), actor);
        row.put(sys(table, SqlNames.UPDATED_AT, SQLDataType.OFFSETDATETIME), now);
        putFieldValues(form, changed, row);
        int updated = dsl.update(table(table))
                .set(unqualify(row))
                .set(DSL.field(SqlNames.quoted(SqlNames.ROW_VERSION), SQLDataType.BIGINT),
                        DSL.field(SqlNames.quoted(SqlNames.ROW_VERSION), SQLDataType.BIGINT).plus(1))
                .where(longField(table, SqlNames.ID).eq(id))
                .and(version.eq(expectedVersion))
                .execute();
        if (updated == 1) {
            writeChildren(form, id, changed, true);
        }
        return updated == 1;
    }

    /** One row's conditional update: the values that changed, and the version the row must still have. */
    record RowUpdate(long id, long expectedVersion, Map<String, Object> changed) {
    }

    /**
     * The conditional updates of many rows of one form, sent as one JDBC batch per set of changed
     * columns instead of one round trip per row (a recompute page changes the same columns on most
     * rows). Rows that change a sub-form go through {@link #update} one by one, since their lines are
     * rewritten too.
     *
     * @return for each update, in order, whether the row still had its expected version and was written
     */
    boolean[] updateAll(PublishedForm form, List<RowUpdate> updates, String actor, OffsetDateTime now) {
        boolean[] written = new boolean[updates.size()];
        Map<List<String>, List<Integer>> byColumns = new LinkedHashMap<>();
        for (int i = 0; i < updates.size(); i++) {
            RowUpdate update = updates.get(i);
            if (changesSubForm(form, update.changed())) {
                written[i] = update(form, update.id(), update.expectedVersion(), update.changed(), actor, now);
            } else {
                byColumns.computeIfAbsent(List.copyOf(update.changed().keySet()), k -> new ArrayList<>()).add(i);
            }
        }
        String table = form.layout().tableName();
        for (Map.Entry<List<String>, List<Integer>> group : byColumns.entrySet()) {
            List<FieldDefinition> fields = group.getKey().stream()
                    .map(key -> form.definition().field(key).orElseThrow()).toList();
            var query = dsl.update(table(table))
                    .set(DSL.field(SqlNames.quoted(SqlNames.FORM_VERSION), SQLDataType.INTEGER), (Integer) null)
                    .set(DSL.field(SqlNames.quoted(SqlNames.UPDATED_BY), SQLDataType.VARCHAR), (String) null)
                    .set(DSL.field(SqlNames.quoted(SqlNames.UPDATED_AT), SQLDataType.OFFSETDATETIME), (OffsetDateTime) null);
            for (FieldDefinition field : fields) {
                Field<?> column = ColumnCodec.field(table, form.layout().column(field.key()).orElseThrow(), field);
                @SuppressWarnings("unchecked")
                Field<Object> bare = (Field<Object>) DSL.field(column.getUnqualifiedName(), column.getDataType());
                query = query.set(bare, (Object) null);
            }
            Field<Long> version = DSL.field(SqlNames.quoted(SqlNames.ROW_VERSION), SQLDataType.BIGINT);
            var batch = dsl.batch(query.set(version, version.plus(DSL.inline(1L)))
                    .where(longField(table, SqlNames.ID).eq((Long) null))
                    .and(longField(table, SqlNames.ROW_VERSION).eq((Long) null)));
            for (int index : group.getValue()) {
                RowUpdate update = updates.get(index);
                List<Object> binds = new ArrayList<>(List.of(form.version(), actor, now));
                for (FieldDefinition field : fields) {
                    binds.add(ColumnCodec.toDb(field, update.changed().get(field.key())));
                }
                binds.add(update.id());
                binds.add(update.expectedVersion());
                batch = batch.bind(binds.toArray());
            }
            int[] counts = batch.execute();
            for (int i = 0; i < counts.length; i++) {
                // A driver may answer SUCCESS_NO_INFO (-2) for a batched statement; none of ours do.
                written[group.getValue().get(i)] = counts[i] == 1;
            }
        }
        return written;
    }

    private static boolean changesSubForm(PublishedForm form, Map<String, Object> changed) {
        return changed.keySet().stream().anyMatch(key -> form.layout().subForms().containsKey(key));
    }

    /**
     * Moves a live record to {@code stage}, writing {@code values} (e.g. stage entry stamps) with it.
     * Returns false when the row is gone, deleted, or its version is no longer {@code expectedVersion}.
     */
    boolean setStage(PublishedForm form, long id, long expectedVersion, String stage, Map<String, Object> values,
                     String actor, OffsetDateTime now) {
        return setSystemColumn(form, id, expectedVersion, SqlNames.STAGE, SQLDataType.VARCHAR, stage, values, actor,
                now, true);
    }

    boolean setDeleted(PublishedForm form, long id, long expectedVersion, boolean deleted, String actor,
                       OffsetDateTime now) {
        return setSystemColumn(form, id, expectedVersion, SqlNames.DELETED, SQLDataType.BOOLEAN, deleted, Map.of(),
                actor, now, false);
    }

    /**
     * Sets one system column (and any field {@code values} going with it) as a change by {@code actor}: the
     * row version goes up, conditional on the old one.
     */
    private <T> boolean setSystemColumn(PublishedForm form, long id, long expectedVersion, String column,
                                        org.jooq.DataType<T> type, T value, Map<String, Object> values,
                                        String actor, OffsetDateTime now, boolean liveOnly) {
        String table = form.layout().tableName();
        Map<Field<?>, Object> row = new LinkedHashMap<>();
        putFieldValues(form, values, row);
        row.put(sys(table, column, type), value);
        row.put(sys(table, SqlNames.UPDATED_BY, SQLDataType.VARCHAR), actor);
        row.put(sys(table, SqlNames.UPDATED_AT, SQLDataType.OFFSETDATETIME), now);
        Condition where = longField(table, SqlNames.ID).eq(id)
                .and(longField(table, SqlNames.ROW_VERSION).eq(expectedVersion));
        if (liveOnly) {
            where = where.and(DSL.field(DSL.name(SqlNames.quoted(table), SqlNames.quoted(SqlNames.DELETED)),
                    SQLDataType.BOOLEAN).isFalse());
        }
        return dsl.update(table(table))
                .set(unqualify(row))
                .set(DSL.field(SqlNames.quoted(SqlNames.ROW_VERSION), SQLDataType.BIGINT),
                        DSL.field(SqlNames.quoted(SqlNames.ROW_VERSION), SQLDataType.BIGINT).plus(1))
                .where(where)
                .execute() == 1;
    }

    FormRecord load(PublishedForm form, long id) {
        String table = form.layout().tableName();
        Record row = dsl.select(selectFields(form)).from(table(table))
                .where(longField(table, SqlNames.ID).eq(id)).fetchOne();
        if (row == null) {
            return null;
        }
        return attachChildren(form, List.of(toRecord(form, row))).get(0);
    }

    List<FormRecord> select(PublishedForm form, Condition where, List<SortField<?>> order, int limit) {
        String table = form.layout().tableName();
        List<FormRecord> records = dsl.select(selectFields(form)).from(table(table)).where(where)
                .orderBy(order).limit(limit).fetch().map(r -> toRecord(form, r));
        return attachChildren(form, records);
    }

    /** Every row matching {@code where}, in no particular order. */
    List<FormRecord> selectAll(PublishedForm form, Condition where) {
        String table = form.layout().tableName();
        return attachChildren(form, dsl.select(selectFields(form)).from(table(table)).where(where).fetch()
                .map(r -> toRecord(form, r)));
    }

    long count(PublishedForm form, Condition where) {
        return dsl.fetchCount(table(form.layout().tableName()), where);
    }

    boolean exists(String tableName, long id) {
        return dsl.fetchExists(dsl.selectOne().from(table(tableName))
                .where(longField(tableName, SqlNames.ID).eq(id))
                .and(DSL.field(DSL.name(SqlNames.quoted(tableName), SqlNames.quoted(SqlNames.DELETED)),
                        SQLDataType.BOOLEAN).isFalse()));
    }

    private List<Field<?>> selectFields(PublishedForm form) {
        String table = form.layout().tableName();
        List<Field<?>> fields = new ArrayList<>();
        for (SystemColumn column : SystemColumn.values()) {
            fields.add(systemField(table, column));
        }
        fields.add(sys(table, SqlNames.ROW_VERSION, SQLDataType.BIGINT));
        fields.add(sys(table, SqlNames.FORM_VERSION, SQLDataType.INTEGER));
        fields.add(sys(table, SqlNames.DELETED, SQLDataType.BOOLEAN));
        for (FieldDefinition field : form.definition().fieldList()) {
            form.layout().column(field.key()).ifPresent(column -> fields.add(ColumnCodec.field(table, column, field)));
        }
        return fields;
    }

    private FormRecord toRecord(PublishedForm form, Record row) {
        String table = form.layout().tableName();
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldDefinition field : form.definition().fieldList()) {
            form.layout().column(field.key()).ifPresent(column ->
                    values.put(field.key(), ColumnCodec.fromDb(field, row.get(ColumnCodec.field(table, column, field)))));
        }
        return new FormRecord(form.key(),
                row.get(systemField(table, SystemColumn.ID), Long.class),
                row.get(sys(table, SqlNames.ROW_VERSION, SQLDataType.BIGINT), Long.class),
                row.get(sys(table, SqlNames.FORM_VERSION, SQLDataType.INTEGER), Integer.class),
                row.get(systemField(table, SystemColumn.OWNER), Long.class),
                row.get(systemField(table, SystemColumn.STAGE), String.class),
                Boolean.TRUE.equals(row.get(sys(table, SqlNames.DELETED, SQLDataType.BOOLEAN), Boolean.class)),
                row.get(systemField(table, SystemColumn.CREATED_BY), String.class),
                utc(row.get(systemField(table, SystemColumn.CREATED_AT), OffsetDateTime.class)),
                row.get(systemField(table, SystemColumn.UPDATED_BY), String.class),
                utc(row.get(systemField(table, SystemColumn.UPDATED_AT), OffsetDateTime.class)),
                values);
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(java.time.ZoneOffset.UTC);
    }

    private static void putFieldValues(PublishedForm form, Map<String, Object> values, Map<Field<?>, Object> row) {
        String table = form.layout().tableName();
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            FieldDefinition field = form.definition().field(entry.getKey()).orElseThrow();
            if (field.type() == FieldType.SUB_FORM) {
                continue;
            }
            String column = form.layout().column(field.key()).orElseThrow();
            row.put(ColumnCodec.field(table, column, field), ColumnCodec.toDb(field, entry.getValue()));
        }
    }

    /** jOOQ's INSERT and UPDATE SET want bare column names. */
    private static Map<Field<?>, Object> unqualify(Map<Field<?>, Object> row) {
        Map<Field<?>, Object> bare = new LinkedHashMap<>();
        row.forEach((field, value) -> bare.put(DSL.field(field.getUnqualifiedName(), field.getDataType()), value));
        return bare;
    }

    @SuppressWarnings("unchecked")
    private void writeChildren(PublishedForm form, long parentId, Map<String, Object> values, boolean replace) {
        for (Map.Entry<String, TableLayout> sub : form.layout().subForms().entrySet()) {
            if (!values.containsKey(sub.getKey())) {
                continue;
            }
            FieldDefinition subForm = form.definition().field(sub.getKey()).orElseThrow();
            String table = sub.getValue().tableName();
            if (replace) {
                dsl.deleteFrom(table(table)).where(longField(table, SqlNames.PARENT_ID).eq(parentId)).execute();
            }
            List<Map<String, Object>> rows = (List<Map<String, Object>>) values.get(sub.getKey());
            if (rows == null) {
                continue;
            }
            int lineNo = 0;
            for (Map<String, Object> line : rows) {
                Map<Field<?>, Object> row = new LinkedHashMap<>();
                row.put(sys(table, SqlNames.PARENT_ID, SQLDataType.BIGINT), parentId);
                row.put(sys(table, SqlNames.LINE_NO, SQLDataType.INTEGER), ++lineNo);
                for (FieldDefinition column : subForm.subFields()) {
                    String name = sub.getValue().columns().get(column.key());
                    if (name != null && line.containsKey(column.key())) {
                        row.put(ColumnCodec.field(table, name, column), ColumnCodec.toDb(column, line.get(column.key())));
                    }
                }
                dsl.insertInto(table(table)).set(unqualify(row)).execute();
            }
        }
    }

    private List<FormRecord> attachChildren(PublishedForm form, List<FormRecord> records) {
        if (records.isEmpty() || form.layout().subForms().isEmpty()) {
            return records;
        }
        Map<Long, Map<String, Object>> extra = new HashMap<>();
        Collection<Long> ids = records.stream().map(FormRecord::id).toList();
        for (Map.Entry<String, TableLayout> sub : form.layout().subForms().entrySet()) {
            FieldDefinition subForm = form.definition().field(sub.getKey()).orElse(null);
            if (subForm == null) {
                continue;
            }
            String table = sub.getValue().tableName();
            List<Field<?>> fields = new ArrayList<>();
            Field<Long> parent = longField(table, SqlNames.PARENT_ID);
            fields.add(parent);
            for (FieldDefinition column : subForm.subFields()) {
                String name = sub.getValue().columns().get(column.key());
                if (name != null) {
                    fields.add(ColumnCodec.field(table, name, column));
                }
            }
            Map<Long, List<Map<String, Object>>> lines = new HashMap<>();
            for (Record row : dsl.select(fields).from(table(table)).where(parent.in(ids))
                    .orderBy(parent, longField(table, SqlNames.LINE_NO)).fetch()) {
                Map<String, Object> line = new LinkedHashMap<>();
                for (FieldDefinition column : subForm.subFields()) {
                    String name = sub.getValue().columns().get(column.key());
                    if (name != null) {
                        line.put(column.key(), ColumnCodec.fromDb(column, row.get(ColumnCodec.field(table, name, column))));
                    }
                }
                lines.computeIfAbsent(row.get(parent), k -> new ArrayList<>()).add(line);
            }
            for (FormRecord record : records) {
                extra.computeIfAbsent(record.id(), k -> new LinkedHashMap<>())
                        .put(sub.getKey(), List.copyOf(lines.getOrDefault(record.id(), List.of())));
            }
        }
        List<FormRecord> result = new ArrayList<>();
        for (FormRecord record : records) {
            Map<String, Object> values = new LinkedHashMap<>(record.values());
            values.putAll(extra.getOrDefault(record.id(), Map.of()));
            result.add(record.withValues(orderLike(form, values)));
        }
        return result;
    }

    private static Map<String, Object> orderLike(PublishedForm form, Map<String, Object> values) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (FieldDefinition field : form.definition().fieldList()) {
            if (values.containsKey(field.key())) {
                ordered.put(field.key(), values.get(field.key()));
            }
        }
        return ordered;
    }
}
