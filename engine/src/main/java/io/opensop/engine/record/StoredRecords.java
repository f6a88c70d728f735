package io.opensop.engine.record;

import io.opensop.engine.audit.FieldChange;
import io.opensop.engine.audit.Revision;
import io.opensop.engine.audit.RevisionLog;
import io.opensop.engine.form.FieldDefinition;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * What engine features beside the record service (formulas, rules, roll-ups) may read and write of
 * stored records. No permission checks here: callers act for the engine, inside a transaction the
 * record service or a batch opened.
 */
public final class StoredRecords {

    /** Who engine-made changes are recorded as, in revisions and {@code updated_by}. */
    public static final String SYSTEM = "system";

    private final DSLContext dsl;
    private final PublishedForms forms;
    private final RevisionLog revisions;
    private final Clock clock;
    private final RecordStore store;

    public StoredRecords(DSLContext dsl, PublishedForms forms, RevisionLog revisions, Clock clock) {
        this.dsl = dsl;
        this.forms = forms;
        this.revisions = revisions;
        this.clock = clock;
        this.store = new RecordStore(dsl);
    }

    /** A live record of a published form; empty when the form is unpublished or the record missing or deleted. */
    public Optional<FormRecord> find(String formKey, long id) {
        return forms.current(formKey).map(form -> store.load(form, id)).filter(r -> !r.deleted());
    }

    /** Live records of {@code child} whose reference field points at {@code parentId}, in id order. */
    public List<FormRecord> referencing(PublishedForm child, String referenceField, long parentId) {
        String table = child.layout().tableName();
        Optional<String> column = child.layout().column(referenceField);
        if (column.isEmpty()) {
            return List.of();
        }
        Field<Long> reference = RecordStore.longField(table, column.get());
        Field<Long> id = RecordStore.longField(table, SqlNames.ID);
        return store.select(child, reference.eq(parentId).and(live(table)), List.of(id.asc()), Integer.MAX_VALUE);
    }

    /**
     * Serialises transactions that would file the same engine-made record, until the calling
     * transaction ends: on PostgreSQL a transaction-scoped advisory lock on {@code key}; elsewhere (H2)
     * the row of {@code key} in {@code value_lock}, inserted by the first transaction that needs it
     * (see docs/formulas.md).
     */
    public void lockValue(String key) {
        if (dsl.dialect().family() == SQLDialect.POSTGRES) {
            dsl.execute("select pg_advisory_xact_lock(hashtext(?))", key);
        } else {
            ValueLocks.lock(dsl, key);
        }
    }

    /**
     * Live records of {@code form} owned by {@code ownerId} whose {@code dateField} (a date or datetime
     * field, or {@code created_at}) lies in {@code [from, to)} days in {@code zone}, in id order: a period
     * roll-up's children, filtered by the database.
     */
    public List<FormRecord> ownedIn(PublishedForm form, long ownerId, String dateField, java.time.LocalDate from,
                                    java.time.LocalDate to, java.time.ZoneId zone) {
        String table = form.layout().tableName();
        Condition where = RecordStore.longField(table, SqlNames.OWNER_ID).eq(ownerId).and(live(table));
        Optional<FieldDefinition> field = form.definition().field(dateField);
        if (field.isPresent() && field.get().storedType() == io.opensop.engine.form.FieldType.DATE) {
            Field<Object> column = ColumnCodec.field(table, form.layout().column(dateField).orElseThrow(), field.get());
            where = where.and(column.ge(ColumnCodec.toDb(field.get(), from)))
                    .and(column.lt(ColumnCodec.toDb(field.get(), to)));
        } else {
            Field<Object> column = field.isPresent()
                    ? ColumnCodec.field(table, form.layout().column(dateField).orElseThrow(), field.get())
                    : RecordStore.systemField(table, SystemColumn.CREATED_AT);
            Object start = from.atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
            Object end = to.atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
            if (field.isPresent()) {
                start = ColumnCodec.toDb(field.get(), start);
                end = ColumnCodec.toDb(field.get(), end);
            }
            where = where.and(column.ge(start)).and(column.lt(end));
        }
        return store.select(form, where, List.of(RecordStore.longField(table, SqlNames.ID).asc()), Integer.MAX_VALUE);
    }

    /** The live record (lowest id) whose fields hold exactly {@code values}, if any. */
    public Optional<FormRecord> findBy(PublishedForm form, Map<String, Object> values) {
        String table = form.layout().tableName();
        Condition where = live(table);
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            FieldDefinition field = form.definition().field(entry.getKey()).orElseThrow();
            String column = form.layout().column(entry.getKey()).orElseThrow();
            where = where.and(ColumnCodec.field(table, column, field).eq(ColumnCodec.toDb(field, entry.getValue())));
        }
        return store.select(form, where, List.of(RecordStore.longField(table, SqlNames.ID).asc()), 1).stream()
                .findFirst();
    }

    /**
     * Inserts a record the engine files by itself (e.g. a period roll-up's scorecard) as {@link #SYSTEM},
     * owned by {@code ownerId}, with a {@code CREATE} revision; {@code values} must already be computed.
     */
    public long insertComputed(PublishedForm form, Map<String, Object> values, Long ownerId) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        long id = store.insert(form, values, ownerId, SYSTEM, now);
        List<FieldChange> changes = new ArrayList<>();
        values.forEach((key, value) -> {
            if (value != null) {
                changes.add(new FieldChange(key, null, value));
            }
        });
        revisions.append(form.key(), id, 1, Revision.CREATE, SYSTEM, now, changes);
        return id;
    }

    /**
     * Whether another live record stores {@code value} in {@code field}. On PostgreSQL the check first
     * takes a transaction-scoped advisory lock on the value, so two saves of the same value queue up
     * and the second sees the first; H2 has no such lock (see docs/formulas.md).
     */
    public boolean taken(PublishedForm form, FieldDefinition field, Object value, Long exceptId) {
        String table = form.layout().tableName();
        Optional<String> column = form.layout().column(field.key());
        if (column.isEmpty() || value == null) {
            return false;
        }
        Object stored = ColumnCodec.toDb(field, value);
        if (dsl.dialect().family() == SQLDialect.POSTGRES) {
            dsl.execute("select pg_advisory_xact_lock(hashtext(?))", table + "." + column.get() + "=" + stored);
        }
        Condition where = ColumnCodec.field(table, column.get(), field).eq(stored).and(live(table));
        if (exceptId != null) {
            where = where.and(RecordStore.longField(table, SqlNames.ID).ne(exceptId));
        }
        return dsl.fetchExists(dsl.selectOne().from(RecordStore.table(table)).where(where));
    }

    /** Reads a record and locks its row until the transaction ends, so concurrent roll-up writes queue up. */
    public Optional<FormRecord> lock(PublishedForm form, long id) {
        String table = form.layout().tableName();
        dsl.select(RecordStore.longField(table, SqlNames.ID)).from(RecordStore.table(table))
                .where(RecordStore.longField(table, SqlNames.ID).eq(id)).forUpdate().fetch();
        return Optional.ofNullable(store.load(form, id));
    }

    /** Up to {@code limit} records with an id above {@code afterId}, deleted ones included, in id order. */
    public List<FormRecord> page(PublishedForm form, long afterId, int limit) {
        String table = form.layout().tableName();
        Field<Long> id = RecordStore.longField(table, SqlNames.ID);
        return store.select(form, id.gt(afterId), List.of(id.asc()), limit);
    }

    /** Rows of the form, deleted ones included. */
    public long count(PublishedForm form) {
        return store.count(form, DSL.noCondition());
    }

    /**
     * Writes engine-computed values of a record as {@link #SYSTEM}: the row version goes up (so editors
     * holding the old version notice) and a {@code RECOMPUTE} revision is written.
     *
     * @return false when the record's version is no longer {@code current.version()}; nothing is written
     */
    public boolean writeComputed(PublishedForm form, FormRecord current, Map<String, Object> values) {
        return writeComputedAll(form, List.of(new ComputedValues(current, values)))[0];
    }

    /** A record as read and the computed values it should now store. */
    public record ComputedValues(FormRecord current, Map<String, Object> values) {
    }

    /**
     * {@link #writeComputed} for many records of one form at once: the row updates and the revisions
     * each go to the database as one batch.
     *
     * @return per record, in order, false when its version moved on and nothing was written for it
     */
    public boolean[] writeComputedAll(PublishedForm form, List<ComputedValues> rows) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        List<RecordStore.RowUpdate> updates = new ArrayList<>();
        List<List<FieldChange>> changeLists = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        boolean[] written = new boolean[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            FormRecord current = rows.get(i).current();
            List<FieldChange> changes = new ArrayList<>();
            Map<String, Object> changed = new java.util.LinkedHashMap<>();
            rows.get(i).values().forEach((key, value) -> {
                Object before = current.values().get(key);
                if (!Objects.equals(before, value)) {
                    changes.add(new FieldChange(key, before, value));
                    changed.put(key, value);
                }
            });
            if (changes.isEmpty()) {
                written[i] = true;
                continue;
            }
            updates.add(new RecordStore.RowUpdate(current.id(), current.version(), changed));
            changeLists.add(changes);
            positions.add(i);
        }
        boolean[] updated = store.updateAll(form, updates, SYSTEM, now);
        List<RevisionLog.Entry> entries = new ArrayList<>();
        for (int u = 0; u < updates.size(); u++) {
            if (updated[u]) {
                RecordStore.RowUpdate update = updates.get(u);
                entries.add(new RevisionLog.Entry(form.key(), update.id(), update.expectedVersion() + 1,
                        Revision.RECOMPUTE, SYSTEM, now, changeLists.get(u)));
                written[positions.get(u)] = true;
            }
        }
        revisions.appendAll(entries);
        return written;
    }

    private static Condition live(String table) {
        return DSL.field(DSL.name(SqlNames.quoted(table), SqlNames.quoted(SqlNames.DELETED)), SQLDataType.BOOLEAN)
                .isFalse();
    }
}
