package io.opensop.engine.record;

import io.opensop.engine.audit.FieldChange;
import io.opensop.engine.audit.Revision;
import io.opensop.engine.audit.RevisionLog;
import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.ConflictException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.security.AccessPolicy;
import io.opensop.engine.security.Actor;
import io.opensop.engine.security.FieldAccess;
import io.opensop.engine.security.Operation;
import io.opensop.engine.support.Json;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Every way into a form's records. Each operation checks permissions (form, row and field), coerces
 * input, runs the save hooks (formulas, rules, gates), writes the row and its revision in one
 * transaction and announces the change. Nothing reaches the tables around it.
 */
public final class RecordService {

    private final DSLContext dsl;
    private final TransactionOperations transactions;
    private final PublishedForms forms;
    private final AccessPolicy policy;
    private final Lookups lookups;
    private final RevisionLog revisions;
    private final Consumer<Object> events;
    private final Clock clock;
    private final ZoneId businessZone;
    private final List<RecordSaveHook> hooks;
    private final RecordStore store;
    private final AutoNumbers autoNumbers;
    private final List<StageGuard> stageGuards = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<DerivedInputs> derivedInputs = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ReadThrough readThrough;

    public RecordService(DSLContext dsl, TransactionOperations transactions, PublishedForms forms, AccessPolicy policy,
                         Lookups lookups, RevisionLog revisions, Consumer<Object> events, Clock clock,
                         ZoneId businessZone, List<RecordSaveHook> hooks) {
        this.dsl = dsl;
        this.transactions = transactions;
        this.forms = forms;
        this.policy = policy;
        this.lookups = lookups;
        this.revisions = revisions;
        this.events = events;
        this.clock = clock;
        this.businessZone = businessZone;
        this.hooks = List.copyOf(hooks);
        this.readThrough = new ReadThrough(dsl, forms, policy, derivedInputs);
        this.store = new RecordStore(dsl);
        this.autoNumbers = new AutoNumbers(dsl);
    }

    /** Registers what decides stage changes (the workflow feature's pipelines). */
    public void addStageGuard(StageGuard guard) {
        stageGuards.add(guard);
    }

    /** Registers what computed fields read (the formula feature), so values derived from hidden fields stay hidden. */
    public void addDerivedInputs(DerivedInputs inputs) {
        derivedInputs.add(inputs);
    }

    /**
     * The keys of the fields of the form's current version that the actor sees: not hidden by field
     * access, and not computed from a field that is. Exports and other views choose their columns by it.
     */
    public Set<String> visibleFields(Actor actor, String formKey) {
        return fieldAccess(actor, formKey).keySet();
    }

    /** Each field the actor sees, in form order, with whether the actor may change it; hidden ones are absent. */
    public Map<String, FieldAccess> fieldAccess(Actor actor, String formKey) {
        PublishedForm form = published(formKey);
        policy.check(actor, form.definition(), Operation.READ);
        Set<String> visible = visibleFields(actor, form);
        Map<String, FieldAccess> access = new LinkedHashMap<>();
        for (FieldDefinition field : form.definition().fieldList()) {
            if (visible.contains(field.key())) {
                access.put(field.key(), policy.fieldAccess(actor, form.definition(), field));
            }
        }
        return java.util.Collections.unmodifiableMap(access);
    }

    /**
     * The visible fields the actor may also filter, sort and aggregate on: all but values read through a
     * reference into a form whose records the actor may not all read (a filter or an order would reveal
     * the rows where they are hidden). Lists offer filters and sorting on these only.
     */
    public Set<String> queryableFields(Actor actor, String formKey) {
        PublishedForm form = published(formKey);
        policy.check(actor, form.definition(), Operation.READ);
        return java.util.Collections.unmodifiableSet(readThrough.queryable(actor, form, visibleFields(actor, form)));
    }

    /**
     * The current published definition as the actor may see it: the same document with only the
     * visible fields, for views that render forms and list columns (a hidden field gets no editor,
     * no column and no filter choice, instead of an empty one).
     */
    public FormDefinition visibleDefinition(Actor actor, String formKey) {
        PublishedForm form = published(formKey);
        Set<String> visible = visibleFields(actor, formKey);
        FormDefinition d = form.definition();
        List<FieldDefinition> fields = d.fieldList().stream().filter(f -> visible.contains(f.key())).toList();
        return new FormDefinition(d.key(), d.app(), d.label(), d.description(), d.titleField(), fields, d.sections(),
                d.rules(), d.permissions(), d.access(), d.pipeline(), d.sla());
    }

    public FormRecord create(Actor actor, String formKey, Map<String, Object> input) {
        PublishedForm form = published(formKey);
        policy.check(actor, form.definition(), Operation.CREATE);
        return transactions.execute(status -> {
            Map<String, Object> values = withDefaults(actor, form, bind(actor, form, input, true));
            List<Problem> problems = new ArrayList<>();
            runHooks(actor, form, null, values, problems);
            requireComplete(form, values, problems);
            throwIfAny(problems);
            OffsetDateTime now = now();
            for (FieldDefinition field : form.definition().fieldList()) {
                if (field.type() == FieldType.AUTO_NUMBER) {
                    values.put(field.key(), autoNumbers.next(formKey, field.key(), field.pattern(),
                            now.atZoneSameInstant(businessZone)));
                }
            }
            String stage = stageGuards.stream().map(g -> g.initialStage(form)).filter(Objects::nonNull).findFirst()
                    .orElse(null);
            long id = store.insert(form, values, actor.userId(), actor.username(), now, stage);
            List<FieldChange> changes = new ArrayList<>();
            values.forEach((key, value) -> {
                if (!RecordValues.isBlank(value)) {
                    changes.add(new FieldChange(key, null, value));
                }
            });
            revisions.append(formKey, id, 1, Revision.CREATE, actor.username(), now, changes);
            FormRecord stored = afterWrite(actor, form, null, id);
            if (stage != null) {
                stageGuards.forEach(g -> g.moved(actor, form, null, stored));
            }
            events.accept(new RecordChanged(formKey, id, 1, Revision.CREATE, keys(changes), actor.username()));
            return visible(actor, form, stored);
        });
    }

    public FormRecord get(Actor actor, String formKey, long id) {
        PublishedForm form = published(formKey);
        policy.check(actor, form.definition(), Operation.READ);
        FormRecord record = store.load(form, id);
        if (record == null || record.deleted() || !inScope(actor, form, record)) {
            throw new NotFoundException("record", formKey + "/" + id);
        }
        return visible(actor, form, record);
    }

    public FormRecord update(Actor actor, String formKey, long id, long expectedVersion, Map<String, Object> input) {
        PublishedForm form = published(formKey);
        policy.check(actor, form.definition(), Operation.UPDATE);
        return transactions.execute(status -> {
            FormRecord previous = current(actor, form, id, expectedVersion);
            Map<String, Object> changes = bind(actor, form, input, false);
            Map<String, Object> values = new LinkedHashMap<>(previous.values());
            values.putAll(changes);
            List<Problem> problems = new ArrayList<>();
            runHooks(actor, form, previous, values, problems);
            requireComplete(form, values, problems);
            throwIfAny(problems);
            List<FieldChange> diff = diff(previous.values(), values);
            if (diff.isEmpty()) {
                return visible(actor, form, previous);
            }
            Map<String, Object> changed = new LinkedHashMap<>();
            diff.forEach(c -> changed.put(c.field(), c.newValue()));
            OffsetDateTime now = now();
            if (!store.update(form, id, expectedVersion, changed, actor.username(), now)) {
                throw conflict(form, id, expectedVersion);
            }
            revisions.append(formKey, id, expectedVersion + 1, Revision.UPDATE, actor.username(), now, diff);
            FormRecord stored = afterWrite(actor, form, previous, id);
            events.accept(new RecordChanged(formKey, id, expectedVersion + 1, Revision.UPDATE, keys(diff),
                    actor.username()));
            return visible(actor, form, stored);
        });
    }

    /**
     * Moves a record to another pipeline stage: the same permission as an update, an optimistic
     * {@code expectedVersion}, and the stage guards' checks (the target stage's entry gates, allowed
     * moves); every unmet gate is reported at once. Written with a revision ({@link Revision#STAGE})
     * and announced as a {@link RecordChanged} naming {@code stage}.
     */
    public FormRecord moveStage(Actor actor, String formKey, long id, long expectedVersion, String toStage) {
        PublishedForm form = published(formKey);
        policy.check(actor, form.definition(), Operation.UPDATE);
        if (toStage == null || toStage.isBlank()) {
            throw new ValidationException(Problem.of("stage", "required"));
        }
        return transactions.execute(status -> {
            FormRecord previous = current(actor, form, id, expectedVersion);
            List<Problem> problems = new ArrayList<>();
            if (stageGuards.isEmpty()) {
                problems.add(Problem.of("stage", "no_pipeline", formKey));
            }
            for (StageGuard guard : stageGuards) {
                guard.check(actor, form, previous, toStage, problems);
            }
            throwIfAny(problems);
            OffsetDateTime now = now();
            Map<String, Object> stamps = new LinkedHashMap<>();
            stageGuards.forEach(g -> stamps.putAll(g.entryValues(form, previous, toStage, now)));
            Map<String, Object> written = withComputedAfterMove(actor, form, previous, stamps);
            if (!store.setStage(form, id, expectedVersion, toStage, written, actor.username(), now)) {
                throw conflict(form, id, expectedVersion);
            }
            List<FieldChange> moveChanges = new ArrayList<>();
            moveChanges.add(new FieldChange("stage", previous.stage(), toStage));
            written.forEach((key, value) -> moveChanges.add(new FieldChange(key, previous.values().get(key), value)));
            revisions.append(formKey, id, expectedVersion + 1, Revision.STAGE, actor.username(), now, moveChanges);
            FormRecord stored = afterWrite(actor, form, previous, id);
            stageGuards.forEach(g -> g.moved(actor, form, previous, stored));
            Set<String> moved = new java.util.LinkedHashSet<>(written.keySet());
            moved.add("stage");
            events.accept(new RecordChanged(formKey, id, expectedVersion + 1, Revision.STAGE, moved,
                    actor.username()));
            return visible(actor, form, stored);
        });
    }

    /**
     * The move's stamps plus every computed field of the record whose value they change, so that the
     * row a move writes is as consistent as one a save writes.
     */
    private Map<String, Object> withComputedAfterMove(Actor actor, PublishedForm form, FormRecord previous,
                                                      Map<String, Object> stamps) {
        Map<String, Object> values = new LinkedHashMap<>(previous.values());
        values.putAll(stamps);
        List<Problem> problems = new ArrayList<>();
        for (RecordSaveHook hook : hooks) {
            hook.beforeStageMove(actor, form, previous, values, problems);
        }
        throwIfAny(problems);
        Map<String, Object> written = new LinkedHashMap<>(stamps);
        // Sub-form lines are written with their parent's save, never by a move.
        diff(previous.values(), values).stream()
                .filter(c -> form.definition().field(c.field()).filter(f -> f.storedType() != FieldType.SUB_FORM)
                        .isPresent())
                .forEach(c -> written.putIfAbsent(c.field(), c.newValue()));
        return written;
    }

    /** Soft delete: the row stays and {@link #restore} brings it back. */
    public FormRecord delete(Actor actor, String formKey, long id, long expectedVersion) {
        return changeDeleted(actor, formKey, id, expectedVersion, true);
    }

    public FormRecord restore(Actor actor, String formKey, long id, long expectedVersion) {
        return changeDeleted(actor, formKey, id, expectedVersion, false);
    }

    private FormRecord changeDeleted(Actor actor, String formKey, long id, long expectedVersion, boolean delete) {
        PublishedForm form = published(formKey);
        policy.check(actor, form.definition(), Operation.DELETE);
        return transactions.execute(status -> {
            FormRecord previous = store.load(form, id);
            if (previous == null || previous.deleted() != !delete || !inScope(actor, form, previous)) {
                throw new NotFoundException("record", formKey + "/" + id);
            }
            if (previous.version() != expectedVersion) {
                throw ConflictException.staleVersion(expectedVersion, previous.version());
            }
            OffsetDateTime now = now();
            if (!store.setDeleted(form, id, expectedVersion, delete, actor.username(), now)) {
                throw conflict(form, id, expectedVersion);
            }
            String action = delete ? Revision.DELETE : Revision.RESTORE;
            revisions.append(formKey, id, expectedVersion + 1, action, actor.username(), now, List.of());
            FormRecord stored = afterWrite(actor, form, previous, id);
            events.accept(new RecordChanged(formKey, id, expectedVersion + 1, action, Set.of(), actor.username()));
            return visible(actor, form, stored);
        });
    }

    public RecordPage list(Actor actor, String formKey, RecordQuery query) {
        PublishedForm form = published(formKey);
        policy.check(actor, form.definition(), Operation.READ);
        if (query.includeDeleted() && !policy.allows(actor, form.definition(), Operation.DELETE)) {
            throw new AccessDeniedException("listing deleted records needs the delete permission");
        }
        int limit = query.limit() <= 0 ? RecordQuery.DEFAULT_LIMIT : Math.min(query.limit(), RecordQuery.MAX_LIMIT);
        String table = form.layout().tableName();
        List<Problem> problems = new ArrayList<>();
        QueryBuilder builder = new QueryBuilder(form, readThrough.queryable(actor, form, visibleFields(actor, form)),
                new ValueCoercer(lookups, CoercionMode.LENIENT, actor.zone()));
        Condition where = builder.filters(query.filters(), problems)
                .and(scopeCondition(actor, form))
                .and(query.includeDeleted() ? DSL.noCondition()
                        : DSL.field(DSL.name(SqlNames.quoted(table), SqlNames.quoted(SqlNames.DELETED)),
                        SQLDataType.BOOLEAN).isFalse());
        List<QueryBuilder.Key> keys = builder.sorts(query.sorts(), problems);
        QueryBuilder.throwIfAny(problems);
        Field<Long> id = RecordStore.longField(table, SqlNames.ID);
        Condition page = where;
        if (query.after() != null && !query.after().isBlank()) {
            List<String> position = Cursor.decode(query.after(), keys.size());
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                String text = position.get(i);
                values.add(text == null ? null : keys.get(i).parse().apply(text));
            }
            page = where.and(QueryBuilder.after(keys, id, values, Long.parseLong(position.get(keys.size()))));
        }
        List<FormRecord> rows = store.select(form, page, QueryBuilder.order(keys, id), limit + 1);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            FormRecord last = rows.get(limit - 1);
            List<Object> sortValues = new ArrayList<>();
            keys.forEach(k -> sortValues.add(k.read().apply(last)));
            next = Cursor.encode(sortValues, last.id());
        }
        Long count = null;
        Boolean exact = null;
        if (query.withCount()) {
            Long estimate = query.filters().isEmpty() ? estimatedRows(table) : null;
            if (estimate != null && estimate > 100_000) {
                count = estimate;
                exact = false;
            } else {
                count = store.count(form, where);
                exact = true;
            }
        }
        List<FormRecord> items = readThrough.mask(actor, form, visibleFields(actor, form), rows);
        return new RecordPage(items, next, count, exact);
    }

    /**
     * The records holding one of {@code values} in a field, with exactly the permissions of {@link #list}:
     * the form's read permission, the actor's row scope, field visibility (a hidden field is an
     * {@code unknown_field} problem, as in a filter); values are read as a list filter's {@code in} values.
     * Meant for look-ups by a key, such as an import's upsert key, and unordered and unpaged (all records
     * holding the values). The query names only the field's values and {@code deleted}, so the database
     * uses the field's index (see {@code FormService.indexForLookups}); the row scope is applied to the
     * rows found. As a SQL condition the scope lets H2 prefer the owner index, which for a user who owns
     * most rows reads nearly the whole table on every look-up.
     */
    public List<FormRecord> findByValues(Actor actor, String formKey, String fieldKey, List<String> values) {
        PublishedForm form = published(formKey);
        policy.check(actor, form.definition(), Operation.READ);
        if (values.isEmpty()) {
            return List.of();
        }
        List<Problem> problems = new ArrayList<>();
        QueryBuilder builder = new QueryBuilder(form, visibleFields(actor, form),
                new ValueCoercer(lookups, CoercionMode.LENIENT, actor.zone()));
        String table = form.layout().tableName();
        Condition where = builder.filters(List.of(new RecordFilter(fieldKey, FilterOperator.IN, values)), problems)
                .and(DSL.field(DSL.name(SqlNames.quoted(table), SqlNames.quoted(SqlNames.DELETED)),
                        SQLDataType.BOOLEAN).isFalse());
        QueryBuilder.throwIfAny(problems);
        return store.selectAll(form, where).stream().filter(r -> inScope(actor, form, r))
                .map(r -> visible(actor, form, r)).toList();
    }

    /**
     * The records of a form the actor may read, filtered, for aggregate queries: the same form
     * permission, row scope, filters and field visibility as {@link #list}. Filter problems are
     * added to {@code problems}; the caller reports them together with its own.
     */
    public ScopedRecords scoped(Actor actor, String formKey, List<RecordFilter> filters, List<Problem> problems) {
        PublishedForm form = published(formKey);
        policy.check(actor, form.definition(), Operation.READ);
        QueryBuilder builder = new QueryBuilder(form, readThrough.queryable(actor, form, visibleFields(actor, form)),
                new ValueCoercer(lookups, CoercionMode.LENIENT, actor.zone()));
        String table = form.layout().tableName();
        Condition where = builder.filters(filters, problems)
                .and(scopeCondition(actor, form))
                .and(DSL.field(DSL.name(SqlNames.quoted(table), SqlNames.quoted(SqlNames.DELETED)),
                        SQLDataType.BOOLEAN).isFalse());
        return new ScopedRecords(form, builder, where);
    }

    public List<Revision> history(Actor actor, String formKey, long id) {
        FormRecord record = get(actor, formKey, id);
        PublishedForm form = published(formKey);
        Set<String> visible = visibleFields(actor, form);
        // the record as the actor sees it lacks the values read through references they may not follow
        Set<String> shown = record.values().keySet();
        return revisions.history(formKey, record.id()).stream()
                .map(r -> new Revision(r.id(), r.formKey(), r.recordId(), r.recordVersion(), r.action(), r.changedBy(),
                        r.changedAt(), r.changes().stream()
                        .filter(c -> visible.contains(c.field()) && shown.contains(c.field())
                                || SqlNames.STAGE.equals(c.field())).toList()))
                .toList();
    }

    private Long estimatedRows(String table) {
        if (dsl.dialect().family() != SQLDialect.POSTGRES) {
            return null;
        }
        return dsl.fetchOptional("select reltuples::bigint from pg_class where relname = ?", table)
                .map(r -> r.get(0, Long.class)).orElse(null);
    }

    private PublishedForm published(String formKey) {
        return forms.current(formKey).orElseThrow(() -> new NotFoundException("form", formKey));
    }

    private FormRecord current(Actor actor, PublishedForm form, long id, long expectedVersion) {
        FormRecord previous = store.load(form, id);
        if (previous == null || previous.deleted() || !inScope(actor, form, previous)) {
            throw new NotFoundException("record", form.key() + "/" + id);
        }
        if (previous.version() != expectedVersion) {
            throw ConflictException.staleVersion(expectedVersion, previous.version());
        }
        return previous;
    }

    private ConflictException conflict(PublishedForm form, long id, long expectedVersion) {
        FormRecord now = store.load(form, id);
        if (now == null) {
            return new ConflictException("deleted", "the record no longer exists", null);
        }
        return ConflictException.staleVersion(expectedVersion, now.version());
    }

    private boolean inScope(Actor actor, PublishedForm form, FormRecord record) {
        return policy.rowScope(actor, form.definition()).includesOwner(record.ownerId());
    }

    private Condition scopeCondition(Actor actor, PublishedForm form) {
        return RowScopes.condition(policy.rowScope(actor, form.definition()), form);
    }

    /** Coerces the fields a client sent; unknown, hidden and read-only fields are refused. */
    private Map<String, Object> bind(Actor actor, PublishedForm form, Map<String, Object> input, boolean creating) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        ValueCoercer coercer = new ValueCoercer(lookups, CoercionMode.STRICT, actor.zone());
        FormDefinition definition = form.definition();
        for (Map.Entry<String, Object> entry : (input == null ? Map.<String, Object>of() : input).entrySet()) {
            String key = entry.getKey();
            FieldDefinition field = definition.field(key).orElse(null);
            FieldAccess access = field == null ? FieldAccess.HIDDEN : policy.fieldAccess(actor, definition, field);
            if (!access.visible() || form.layout().column(key).isEmpty() && field.type() != FieldType.SUB_FORM) {
                problems.add(Problem.of(key, "unknown_field", key));
            } else if (access == FieldAccess.READ_ONLY || !field.type().clientWritable()) {
                problems.add(Problem.of(key, "read_only"));
            } else {
                values.put(key, coercer.coerce(field, entry.getValue(), key, problems));
            }
        }
        throwIfAny(problems);
        return values;
    }

    private Map<String, Object> withDefaults(Actor actor, PublishedForm form, Map<String, Object> values) {
        ValueCoercer coercer = new ValueCoercer(lookups, CoercionMode.LENIENT, actor.zone());
        for (FieldDefinition field : form.definition().fieldList()) {
            if (!values.containsKey(field.key()) && field.defaultValue() != null && !field.defaultValue().isNull()) {
                // "NOW()" / "TODAY()": the moment of creation, e.g. when a lead was received
                String text = field.defaultValue().isTextual() ? field.defaultValue().asText() : "";
                if (field.type() == FieldType.DATETIME && "NOW()".equals(text)) {
                    values.put(field.key(), now());
                    continue;
                }
                if (field.type() == FieldType.DATE && "TODAY()".equals(text)) {
                    values.put(field.key(), now().atZoneSameInstant(businessZone).toLocalDate());
                    continue;
                }
                List<Problem> ignored = new ArrayList<>();
                Object raw = Json.mapper().convertValue(field.defaultValue(), Object.class);
                values.put(field.key(), coercer.coerce(field, raw, field.key(), ignored));
            }
        }
        return values;
    }

    private void runHooks(Actor actor, PublishedForm form, FormRecord previous, Map<String, Object> values,
                          List<Problem> problems) {
        throwIfAny(problems);
        for (RecordSaveHook hook : hooks) {
            hook.beforeWrite(actor, form, previous, values, problems);
        }
    }

    private FormRecord afterWrite(Actor actor, PublishedForm form, FormRecord previous, long id) {
        FormRecord stored = store.load(form, id);
        for (RecordSaveHook hook : hooks) {
            hook.afterWrite(actor, form, previous, stored);
        }
        return stored;
    }

    private static void requireComplete(PublishedForm form, Map<String, Object> values, List<Problem> problems) {
        for (FieldDefinition field : form.definition().fieldList()) {
            if (field.requiredUnconditionally() && field.type().clientWritable() && RecordValues.isBlank(values.get(field.key()))
                    && problems.stream().noneMatch(p -> p.field().equals(field.key()))) {
                problems.add(Problem.of(field.key(), "required"));
            }
        }
    }

    private static List<FieldChange> diff(Map<String, Object> before, Map<String, Object> after) {
        List<FieldChange> changes = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            if (!Objects.equals(before.get(key), after.get(key))) {
                changes.add(new FieldChange(key, before.get(key), after.get(key)));
            }
        }
        return changes;
    }

    private Set<String> visibleFields(Actor actor, PublishedForm form) {
        return visibleFields(actor, form, new HashSet<>());
    }

    /** {@code visiting}: the forms whose visible fields are being worked out, as references may form a cycle. */
    private Set<String> visibleFields(Actor actor, PublishedForm form, Set<String> visiting) {
        visiting.add(form.key());
        Set<String> visible = new HashSet<>();
        for (FieldDefinition field : form.definition().fieldList()) {
            if (policy.fieldAccess(actor, form.definition(), field).visible()) {
                visible.add(field.key());
            }
        }
        if (!actor.isAdmin()) {
            hideDerivedFromHidden(actor, form.definition(), visible, visiting);
        }
        return visible;
    }

    /** Removes computed fields that read a hidden field, repeatedly, since formulas may read formulas. */
    private void hideDerivedFromHidden(Actor actor, FormDefinition definition, Set<String> visible,
                                       Set<String> visiting) {
        for (DerivedInputs source : derivedInputs) {
            Map<String, Set<DerivedInputs.Input>> inputs = source.of(definition);
            boolean changed = true;
            while (changed) {
                changed = false;
                for (Map.Entry<String, Set<DerivedInputs.Input>> computed : inputs.entrySet()) {
                    if (visible.contains(computed.getKey()) && !computed.getValue().stream()
                            .allMatch(in -> sees(actor, definition, visible, in, visiting))) {
                        visible.remove(computed.getKey());
                        changed = true;
                    }
                }
            }
        }
    }

    private boolean sees(Actor actor, FormDefinition definition, Set<String> visible, DerivedInputs.Input input,
                         Set<String> visiting) {
        if (input.formKey() == null || input.formKey().equals(definition.key())) {
            // system columns (created_at, stage …) are not fields and are visible to every reader
            return definition.field(input.fieldKey()).isEmpty() || visible.contains(input.fieldKey());
        }
        Optional<PublishedForm> other = forms.current(input.formKey());
        Optional<FieldDefinition> field = other.flatMap(o -> o.definition().field(input.fieldKey()));
        if (field.isEmpty()) {
            return true;
        }
        FormDefinition target = other.get().definition();
        if (input.via() != null && !policy.allows(actor, target, Operation.READ)) {
            // read through a reference into a form the actor may not read at all
            return false;
        }
        if (!policy.fieldAccess(actor, target, field.get()).visible()) {
            return false;
        }
        // a value the target form hides from the actor (derived there from a hidden field) stays hidden here
        return visiting.contains(target.key())
                || visibleFields(actor, other.get(), new HashSet<>(visiting)).contains(input.fieldKey());
    }

    private FormRecord visible(Actor actor, PublishedForm form, FormRecord record) {
        return readThrough.mask(actor, form, visibleFields(actor, form), List.of(record)).get(0);
    }

    private static Set<String> keys(List<FieldChange> changes) {
        Set<String> keys = new LinkedHashSet<>();
        changes.forEach(c -> keys.add(c.field()));
        return keys;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static void throwIfAny(List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }
}
