package io.opensop.engine.record;

import io.opensop.engine.error.Problem;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Query;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Evolves record tables additively. Adding a field adds a column; hiding a field keeps its column;
 * a retype is checked against every stored value first, then copies the converted values into a
 * new column batch by batch (no long table lock) and leaves the old column in place.
 *
 * <p>Publishing runs {@link #plan}, then {@link #prepare} (DDL and backfill, idempotent, outside
 * the publish transaction because H2 commits DDL), then {@link #commit} inside the transaction
 * that records the new version.
 */
public final class SchemaManager {

    private static final int BATCH = 500;
    private static final int FAILURE_SAMPLE = 10;

    private final DSLContext dsl;
    private final TransactionOperations transactions;
    private final LayoutRepository layouts;
    private final Lookups lookups;
    private final ColumnIndexes indexes;
    private final Clock clock;

    public SchemaManager(DSLContext dsl, TransactionOperations transactions, Lookups lookups, Clock clock) {
        this.dsl = dsl;
        this.transactions = transactions;
        this.layouts = new LayoutRepository(dsl);
        this.lookups = lookups;
        this.indexes = new ColumnIndexes(dsl);
        this.clock = clock;
    }

    public Optional<TableLayout> layout(String formKey) {
        return Optional.ofNullable(layouts.layout(formKey));
    }

    public SchemaPlan plan(FormDefinition previous, FormDefinition next) {
        String formKey = next.key();
        Map<String, String> tables = layouts.tables(formKey);
        List<ColumnEntry> registry = layouts.columns(formKey);
        List<SchemaChange> changes = new ArrayList<>();
        List<RetypeFailure> failures = new ArrayList<>();

        if (!tables.containsKey(LayoutRepository.MAIN_TABLE_PATH)) {
            changes.add(new SchemaChange(SchemaChange.Kind.CREATE_TABLE, LayoutRepository.MAIN_TABLE_PATH,
                    null, null, SqlNames.table(formKey)));
        }
        for (String subForm : StoredFields.subForms(next).keySet()) {
            if (!tables.containsKey(subForm)) {
                changes.add(new SchemaChange(SchemaChange.Kind.CREATE_TABLE, subForm, null, null,
                        SqlNames.childTable(formKey, subForm)));
            }
        }
        Map<String, FieldDefinition> before = StoredFields.columns(previous);
        Map<String, FieldDefinition> after = StoredFields.columns(next);
        for (Map.Entry<String, FieldDefinition> entry : after.entrySet()) {
            planField(formKey, entry.getKey(), entry.getValue(), before.get(entry.getKey()), registry, changes, failures);
        }
        for (ColumnEntry entry : registry) {
            if (entry.active() && !after.containsKey(entry.fieldPath())) {
                changes.add(new SchemaChange(SchemaChange.Kind.HIDE_FIELD, entry.fieldPath(), entry.columnName(),
                        null, "column kept"));
            }
        }
        planIndexes(before, after, registry, changes);
        return new SchemaPlan(formKey, previous, next, changes, failures);
    }

    /**
     * Sort indexes follow the {@code indexed} option onto the column the field uses afterwards: a
     * retyped indexed field gets them on its new column and the retired column loses them.
     */
    private static void planIndexes(Map<String, FieldDefinition> before, Map<String, FieldDefinition> after,
                                    List<ColumnEntry> registry, List<SchemaChange> changes) {
        Map<String, String> columnsBefore = activeColumns(registry);
        Map<String, String> columnsAfter = columnsAfter(columnsBefore, changes);
        List<SchemaChange> indexChanges = new ArrayList<>();
        before.forEach((path, field) -> {
            String column = columnsBefore.get(path);
            FieldDefinition next = after.get(path);
            boolean kept = next != null && next.wantsIndex() && column != null && column.equals(columnsAfter.get(path));
            if (field.wantsIndex() && column != null && !kept) {
                indexChanges.add(new SchemaChange(SchemaChange.Kind.DROP_INDEX, path, column, null, "sort indexes"));
            }
        });
        after.forEach((path, field) -> {
            String column = columnsAfter.get(path);
            FieldDefinition previous = before.get(path);
            boolean had = previous != null && previous.wantsIndex() && column != null
                    && column.equals(columnsBefore.get(path));
            if (field.wantsIndex() && !had) {
                indexChanges.add(new SchemaChange(SchemaChange.Kind.ADD_INDEX, path, column, null, "sort indexes"));
            }
        });
        changes.addAll(indexChanges);
    }

    private static Map<String, String> activeColumns(List<ColumnEntry> registry) {
        Map<String, String> columns = new java.util.HashMap<>();
        registry.stream().filter(ColumnEntry::active).forEach(e -> columns.put(e.fieldPath(), e.columnName()));
        return columns;
    }

    /** The column of each stored field once the column changes of a plan are applied. */
    private static Map<String, String> columnsAfter(Map<String, String> columnsBefore, List<SchemaChange> changes) {
        Map<String, String> columns = new java.util.HashMap<>(columnsBefore);
        for (SchemaChange change : changes) {
            switch (change.kind()) {
                case ADD_COLUMN, RETYPE, RESTORE_FIELD -> columns.put(change.fieldPath(), change.column());
                case HIDE_FIELD -> columns.remove(change.fieldPath());
                default -> {
                    // tables and indexes do not move columns
                }
            }
        }
        return columns;
    }

    /** Refuses to turn a sub-form into a plain field or back: their data live in different tables. */
    public List<Problem> structuralProblems(FormDefinition previous, FormDefinition next) {
        List<Problem> problems = new ArrayList<>();
        if (previous == null) {
            return problems;
        }
        for (int i = 0; i < next.fieldList().size(); i++) {
            FieldDefinition field = next.fieldList().get(i);
            Optional<FieldDefinition> old = previous.field(field.key());
            if (old.isPresent() && (old.get().type() == FieldType.SUB_FORM) != (field.type() == FieldType.SUB_FORM)) {
                problems.add(Problem.of("$.fields[" + i + "].type", "cannot_change_type",
                        old.get().type().json(), field.type().json()));
            }
        }
        return problems;
    }

    private void planField(String formKey, String path, FieldDefinition field, FieldDefinition previousField,
                           List<ColumnEntry> registry, List<SchemaChange> changes, List<RetypeFailure> failures) {
        String signature = ColumnTypes.signature(field);
        List<ColumnEntry> own = registry.stream().filter(e -> e.fieldPath().equals(path)).toList();
        Optional<ColumnEntry> active = own.stream().filter(ColumnEntry::active).findFirst();
        int nextGeneration = own.stream().mapToInt(ColumnEntry::generation).max().orElse(0) + 1;
        String newColumn = SqlNames.column(StoredFields.key(path), nextGeneration);
        if (active.isPresent() && active.get().sqlType().equals(signature)) {
            return;
        }
        if (active.isEmpty()) {
            Optional<ColumnEntry> hidden = own.stream().filter(e -> !e.active())
                    .max(java.util.Comparator.comparingInt(ColumnEntry::generation));
            if (hidden.isPresent() && hidden.get().sqlType().equals(signature)) {
                changes.add(new SchemaChange(SchemaChange.Kind.RESTORE_FIELD, path, hidden.get().columnName(),
                        null, "values restored"));
                return;
            }
            if (hidden.isEmpty()) {
                changes.add(new SchemaChange(SchemaChange.Kind.ADD_COLUMN, path, newColumn, null, signature));
                return;
            }
            // A hidden field comes back with another type: convert its kept values like a retype.
            active = hidden;
        }
        FieldDefinition oldField = previousField != null ? previousField : field;
        ColumnEntry from = active.get();
        changes.add(new SchemaChange(SchemaChange.Kind.RETYPE, path, newColumn, from.columnName(),
                from.sqlType() + " -> " + signature));
        checkConversion(formKey, path, from, oldField, field).ifPresent(failures::add);
    }

    private Optional<RetypeFailure> checkConversion(String formKey, String path, ColumnEntry from,
                                                    FieldDefinition oldField, FieldDefinition newField) {
        String table = tableName(formKey, path);
        FieldDefinition reader = readerFor(from, oldField);
        Field<Object> source = ColumnCodec.field(table, from.columnName(), reader);
        Field<Long> idField = idOf(table, path);
        ValueCoercer coercer = new ValueCoercer(lookups, CoercionMode.LENIENT, ZoneId.of("UTC"));
        long failed = 0;
        List<Long> sample = new ArrayList<>();
        try (var cursor = dsl.select(idField, source).from(DSL.table(SqlNames.quoted(table)))
                .where(source.isNotNull()).orderBy(idField).fetchSize(BATCH).fetchLazy()) {
            for (Record2<Long, Object> row : cursor) {
                List<Problem> problems = new ArrayList<>();
                Object converted = coercer.coerce(newField, ColumnCodec.fromDb(reader, row.value2()), path, problems);
                if (!problems.isEmpty() || converted == null) {
                    failed++;
                    if (sample.size() < FAILURE_SAMPLE) {
                        sample.add(row.value1());
                    }
                }
            }
        }
        if (failed == 0) {
            return Optional.empty();
        }
        return Optional.of(new RetypeFailure(path, from.fieldType(), newField.storedType().json(), failed, sample));
    }

    /** For sub-form columns the record a user knows is the parent, so failures name parent ids. */
    private static Field<Long> idOf(String table, String path) {
        String column = path.contains(".") ? SqlNames.PARENT_ID : SqlNames.ID;
        return DSL.field(DSL.name(SqlNames.quoted(table), SqlNames.quoted(column)), SQLDataType.BIGINT);
    }

    /** The stored column may have been written under another type than the previous version says. */
    private static FieldDefinition readerFor(ColumnEntry from, FieldDefinition oldField) {
        if (ColumnTypes.signature(oldField).equals(from.sqlType())) {
            return oldField;
        }
        FieldType storedAs = FieldType.find(from.fieldType()).orElse(FieldType.TEXT);
        return new FieldDefinition(oldField.key(), storedAs, oldField.label(), null, null, null, oldField.options(),
                oldField.precision(), oldField.scale(), null, oldField.maxLength(), oldField.target(), null, null,
                null, null, null, null, null);
    }

    private String tableName(String formKey, String path) {
        String tablePath = StoredFields.tablePath(path);
        return tablePath.equals(LayoutRepository.MAIN_TABLE_PATH)
                ? SqlNames.table(formKey) : SqlNames.childTable(formKey, tablePath);
    }

    /** Creates tables and columns and copies converted values; safe to run again after a failure. */
    public void prepare(SchemaPlan plan) {
        String formKey = plan.formKey();
        createMainTable(formKey);
        StoredFields.subForms(plan.next()).keySet().forEach(subForm -> createChildTable(formKey, subForm));
        Map<String, FieldDefinition> after = StoredFields.columns(plan.next());
        for (SchemaChange change : plan.changes()) {
            if (change.kind() == SchemaChange.Kind.ADD_COLUMN || change.kind() == SchemaChange.Kind.RETYPE) {
                addColumn(tableName(formKey, change.fieldPath()), change.column(), after.get(change.fieldPath()));
            }
        }
        for (SchemaChange change : plan.changes()) {
            if (change.kind() == SchemaChange.Kind.RETYPE) {
                backfill(plan, change, null);
            }
        }
        // After the backfill: building an index once is cheaper than updating it row by row.
        prepareIndexes(plan, after);
    }

    /**
     * Every column the form uses afterwards gets the indexes its field wants ({@link ColumnIndexes#wanted}):
     * so a field that became unique, or a table made before such fields were indexed, is indexed by the
     * next publish, and one a failed publish left without is mended (existing ones are left alone, which
     * costs a catalog look-up each); the columns named by {@code DROP_INDEX} lose their sort indexes. A plain
     * {@code CREATE INDEX} lets reads go on but makes writes to the table wait while it builds (seconds
     * on a million rows); docs/architecture.md says why it is not {@code CONCURRENTLY}.
     */
    private void prepareIndexes(SchemaPlan plan, Map<String, FieldDefinition> after) {
        Map<String, String> columnsBefore = activeColumns(layouts.columns(plan.formKey()));
        Map<String, String> columnsAfter = columnsAfter(columnsBefore, plan.changes());
        columnsAfter.forEach((path, column) -> {
            FieldDefinition field = after.get(path);
            if (field != null) {
                indexes.reconcile(tableName(plan.formKey(), path), column, field);
            }
        });
        for (SchemaChange change : plan.changes()) {
            if (change.kind() == SchemaChange.Kind.DROP_INDEX) {
                String table = tableName(plan.formKey(), change.fieldPath());
                ColumnIndexes.SORT.forEach(kind -> indexes.drop(table, change.column(), kind));
            }
        }
    }

    /**
     * Gives a field's current column an index for lookups by value, such as an import's upsert key
     * (one query per batch of keys, which without an index reads the whole table each time, so a
     * large import slows down with every batch it adds). Idempotent; a field that cannot be indexed
     * (long text, JSON lists) is left as it is, and so is a failure, e.g. another node creating the
     * same index at the same moment: the index only makes the lookup faster, never different.
     * Call it outside a transaction (H2 commits DDL).
     */
    public void indexForLookups(PublishedForm form, FieldDefinition field) {
        Optional<String> column = form.layout().column(field.key());
        // an indexed field's ascending sort index serves look-ups already
        if (column.isEmpty() || !ColumnTypes.indexable(field) || field.wantsIndex()) {
            return;
        }
        try {
            indexes.create(form.layout().tableName(), column.get(), ColumnIndexes.Kind.LOOKUP);
        } catch (org.jooq.exception.DataAccessException raced) {
            // see above: the lookups stay correct without it
        }
    }

    /** Records the new layout; call inside the publishing transaction, after {@link #prepare}. */
    public void commit(SchemaPlan plan, OffsetDateTime preparedAt) {
        String formKey = plan.formKey();
        layouts.registerTable(formKey, LayoutRepository.MAIN_TABLE_PATH, SqlNames.table(formKey));
        StoredFields.subForms(plan.next()).keySet()
                .forEach(s -> layouts.registerTable(formKey, s, SqlNames.childTable(formKey, s)));
        Map<String, FieldDefinition> after = StoredFields.columns(plan.next());
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (SchemaChange change : plan.changes()) {
            FieldDefinition field = after.get(change.fieldPath());
            switch (change.kind()) {
                case ADD_COLUMN -> layouts.addColumn(formKey, entry(change, field), now);
                case RESTORE_FIELD -> layouts.setActive(formKey, change.fieldPath(), change.column(), true);
                case HIDE_FIELD -> layouts.setActive(formKey, change.fieldPath(), change.column(), false);
                case RETYPE -> {
                    // Rows written while the backfill ran are converted again before the switch.
                    backfill(plan, change, preparedAt);
                    layouts.setActive(formKey, change.fieldPath(), change.previousColumn(), false);
                    layouts.addColumn(formKey, entry(change, field), now);
                }
                case CREATE_TABLE -> {
                    // registered above
                }
            }
        }
    }

    private static ColumnEntry entry(SchemaChange change, FieldDefinition field) {
        return new ColumnEntry(change.fieldPath(), change.column(), field.storedType().json(),
                ColumnTypes.signature(field), true);
    }

    private void backfill(SchemaPlan plan, SchemaChange change, OffsetDateTime changedSince) {
        String table = tableName(plan.formKey(), change.fieldPath());
        FieldDefinition newField = StoredFields.columns(plan.next()).get(change.fieldPath());
        ColumnEntry from = layouts.columns(plan.formKey()).stream()
                .filter(e -> e.fieldPath().equals(change.fieldPath()) && e.columnName().equals(change.previousColumn()))
                .findFirst().orElseThrow();
        FieldDefinition oldField = Optional.ofNullable(StoredFields.columns(plan.previous()).get(change.fieldPath()))
                .orElse(newField);
        FieldDefinition reader = readerFor(from, oldField);
        Field<Object> source = ColumnCodec.field(table, from.columnName(), reader);
        Field<Object> target = ColumnCodec.field(table, change.column(), newField);
        Field<Long> id = DSL.field(DSL.name(SqlNames.quoted(table), SqlNames.quoted(SqlNames.ID)), SQLDataType.BIGINT);
        Table<?> t = DSL.table(SqlNames.quoted(table));
        ValueCoercer coercer = new ValueCoercer(lookups, CoercionMode.LENIENT, ZoneId.of("UTC"));
        var condition = changedSince == null || !StoredFields.tablePath(change.fieldPath()).equals(LayoutRepository.MAIN_TABLE_PATH)
                ? source.isNotNull()
                : source.isNotNull().and(target.isNull())
                        .or(DSL.field(DSL.name(SqlNames.quoted(table), SqlNames.quoted(SqlNames.UPDATED_AT)),
                                SQLDataType.OFFSETDATETIME).ge(changedSince));
        long lastId = 0;
        while (true) {
            long after = lastId;
            var rows = dsl.select(id, source).from(t).where(condition).and(id.gt(after)).orderBy(id).limit(BATCH).fetch();
            if (rows.isEmpty()) {
                return;
            }
            Runnable writeBatch = () -> {
                List<Query> updates = new ArrayList<>();
                for (Record2<Long, Object> row : rows) {
                    List<Problem> problems = new ArrayList<>();
                    Object converted = coercer.coerce(newField, ColumnCodec.fromDb(reader, row.value2()),
                            change.fieldPath(), problems);
                    if (!problems.isEmpty()) {
                        throw new io.opensop.engine.error.ValidationException(Problem.of(change.fieldPath(),
                                "retype_failed", 1, List.of(row.value1())));
                    }
                    updates.add(dsl.update(t).set(target, ColumnCodec.toDb(newField, converted)).where(id.eq(row.value1())));
                }
                dsl.batch(updates).execute();
            };
            if (changedSince == null) {
                transactions.executeWithoutResult(status -> writeBatch.run());
            } else {
                writeBatch.run();
            }
            lastId = rows.get(rows.size() - 1).value1();
        }
    }

    /**
     * Refreshes the database's statistics of a form's main table. A table that a bulk operation fills
     * from empty has none until autovacuum gets to it, and PostgreSQL then takes a 500-key {@code IN}
     * list for most of the table and scans it instead of using the key's index. Statistics only, so a
     * failure is ignored. Call it outside a transaction (H2 commits).
     */
    public void refreshStatistics(PublishedForm form) {
        String sql = dsl.dialect().family() == SQLDialect.POSTGRES ? "analyze {0}" : "analyze table {0}";
        try {
            dsl.execute(sql, SqlNames.quoted(form.layout().tableName()));
        } catch (org.jooq.exception.DataAccessException ignored) {
            // the plans stay correct, only maybe slower
        }
    }

    private void createMainTable(String formKey) {
        Name table = SqlNames.quoted(SqlNames.table(formKey));
        dsl.createTableIfNotExists(table)
                .column(SqlNames.quoted(SqlNames.ID), SQLDataType.BIGINT.identity(true))
                .column(SqlNames.quoted(SqlNames.ROW_VERSION), SQLDataType.BIGINT.nullable(false))
                .column(SqlNames.quoted(SqlNames.FORM_VERSION), SQLDataType.INTEGER.nullable(false))
                .column(SqlNames.quoted(SqlNames.OWNER_ID), SQLDataType.BIGINT)
                .column(SqlNames.quoted(SqlNames.CREATED_BY), SQLDataType.VARCHAR(64).nullable(false))
                .column(SqlNames.quoted(SqlNames.CREATED_AT), SQLDataType.OFFSETDATETIME.nullable(false))
                .column(SqlNames.quoted(SqlNames.UPDATED_BY), SQLDataType.VARCHAR(64).nullable(false))
                .column(SqlNames.quoted(SqlNames.UPDATED_AT), SQLDataType.OFFSETDATETIME.nullable(false))
                .column(SqlNames.quoted(SqlNames.STAGE), SQLDataType.VARCHAR(64))
                .column(SqlNames.quoted(SqlNames.DELETED), SQLDataType.BOOLEAN.nullable(false))
                .constraints(DSL.constraint(SqlNames.quoted("pk_" + SqlNames.table(formKey)))
                        .primaryKey(SqlNames.quoted(SqlNames.ID)))
                .execute();
        String name = SqlNames.table(formKey);
        for (String column : List.of(SqlNames.OWNER_ID, SqlNames.STAGE, SqlNames.UPDATED_AT)) {
            createIndex(name, column);
        }
    }

    private void createChildTable(String formKey, String subForm) {
        String name = SqlNames.childTable(formKey, subForm);
        dsl.createTableIfNotExists(SqlNames.quoted(name))
                .column(SqlNames.quoted(SqlNames.ID), SQLDataType.BIGINT.identity(true))
                .column(SqlNames.quoted(SqlNames.PARENT_ID), SQLDataType.BIGINT.nullable(false))
                .column(SqlNames.quoted(SqlNames.LINE_NO), SQLDataType.INTEGER.nullable(false))
                .constraints(DSL.constraint(SqlNames.quoted("pk_" + name)).primaryKey(SqlNames.quoted(SqlNames.ID)))
                .execute();
        createIndex(name, SqlNames.PARENT_ID);
    }

    private void addColumn(String table, String column, FieldDefinition field) {
        dsl.alterTable(SqlNames.quoted(table)).addColumnIfNotExists(SqlNames.quoted(column), ColumnTypes.of(field))
                .execute();
    }

    private void createIndex(String table, String column) {
        dsl.createIndexIfNotExists(SqlNames.quoted(SqlNames.index(table, column)))
                .on(DSL.table(SqlNames.quoted(table)), DSL.field(SqlNames.quoted(column)))
                .execute();
    }
}
