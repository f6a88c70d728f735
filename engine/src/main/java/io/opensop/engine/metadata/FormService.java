package io.opensop.engine.metadata;

import io.opensop.engine.cluster.DatabaseLock;
import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.ConflictException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.FormDefinitionValidator;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.record.PublishedForms;
import io.opensop.engine.record.RetypeFailure;
import io.opensop.engine.record.SchemaManager;
import io.opensop.engine.record.SchemaPlan;
import io.opensop.engine.record.TableLayout;
import io.opensop.engine.security.AccessPolicy;
import io.opensop.engine.security.Actor;
import io.opensop.engine.security.Operation;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import static io.opensop.engine.support.SqlValues.timestamp;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Form definitions through their life: drafts that designers edit, and published versions that
 * never change again. Publishing validates the draft, evolves the record tables without losing a
 * value, and records the new version in one transaction.
 */
public final class FormService implements PublishedForms {

    private final DSLContext dsl;
    private final TransactionOperations transactions;
    private final SchemaManager schema;
    private final AccessPolicy policy;
    private final Clock clock;
    private final PublishedFormCache cache = new PublishedFormCache();
    /** Publishes of one form run one at a time across all nodes: their DDL and backfill must not interleave. */
    private final DatabaseLock publishLocks;
    static final Duration PUBLISH_LEASE = Duration.ofMinutes(15);
    static final Duration PUBLISH_WAIT = Duration.ofMinutes(2);

    private final List<PublishCheck> checks = new CopyOnWriteArrayList<>();
    private final List<PublishListener> listeners = new CopyOnWriteArrayList<>();

    public FormService(DSLContext dsl, TransactionOperations transactions, SchemaManager schema, AccessPolicy policy,
                       Clock clock) {
        this.dsl = dsl;
        this.transactions = transactions;
        this.schema = schema;
        this.policy = policy;
        this.clock = clock;
        this.publishLocks = new DatabaseLock(dsl, transactions, clock);
    }

    /**
     * Added after construction because the checks (formulas) need this service to find the published
     * forms a formula refers to; the engine wires them once, before any publish.
     */
    public void addPublishCheck(PublishCheck check) {
        checks.add(check);
    }

    public void addPublishListener(PublishListener listener) {
        listeners.add(listener);
    }

    public FormDraft create(Actor actor, FormDefinition definition) {
        requireDesign(actor, definition);
        validate(definition, this::exists);
        return transactions.execute(status -> {
            if (exists(definition.key())) {
                throw new ConflictException("form_exists", "a form with key " + definition.key() + " exists", null);
            }
            OffsetDateTime now = now();
            dsl.execute("insert into form_definition (form_key, app_key, draft_json, draft_revision, published_version,"
                            + " created_by, created_at, updated_by, updated_at) values (?, ?, ?, 1, null, ?, ?, ?, ?)",
                    definition.key(), definition.app(), FormJson.write(definition), actor.username(), timestamp(now),
                    actor.username(), timestamp(now));
            return loadDraft(definition.key()).orElseThrow();
        });
    }

    public FormDraft updateDraft(Actor actor, String key, long expectedRevision, FormDefinition definition) {
        FormDraft current = draft(actor, key);
        if (!key.equals(definition.key())) {
            throw new ValidationException(Problem.of("$.key", "key_cannot_change", key));
        }
        requireDesign(actor, definition);
        validate(definition, this::exists);
        return transactions.execute(status -> {
            int updated = dsl.execute("update form_definition set draft_json = ?, app_key = ?,"
                            + " draft_revision = draft_revision + 1, updated_by = ?, updated_at = ?"
                            + " where form_key = ? and draft_revision = ?",
                    FormJson.write(definition), definition.app(), actor.username(), timestamp(now()), key,
                    expectedRevision);
            if (updated == 0) {
                long stored = loadDraft(key).map(FormDraft::draftRevision).orElse(current.draftRevision());
                throw ConflictException.staleVersion(expectedRevision, stored);
            }
            return loadDraft(key).orElseThrow();
        });
    }

    public FormDraft draft(Actor actor, String key) {
        FormDraft draft = loadDraft(key).orElseThrow(() -> new NotFoundException("form", key));
        requireDesign(actor, draft.definition());
        return draft;
    }

    /** The forms the actor may read, with their draft (designers) or published definition. */
    public List<FormDraft> list(Actor actor) {
        List<FormDraft> visible = new ArrayList<>();
        for (Record row : dsl.fetch("select form_key from form_definition order by form_key")) {
            String key = row.get(0, String.class);
            loadDraft(key).ifPresent(draft -> {
                if (policy.allows(actor, draft.definition(), Operation.DESIGN)) {
                    visible.add(draft);
                } else {
                    current(key).filter(p -> policy.allows(actor, p.definition(), Operation.READ))
                            .ifPresent(p -> visible.add(new FormDraft(key, p.definition(), draft.draftRevision(),
                                    p.version(), draft.updatedBy(), draft.updatedAt())));
                }
            });
        }
        return visible;
    }

    /** The published definition that record pages render; readable by anyone who may read records. */
    public PublishedForm published(Actor actor, String key) {
        PublishedForm form = current(key).orElseThrow(() -> new NotFoundException("form", key));
        if (!policy.allows(actor, form.definition(), Operation.READ)) {
            throw new NotFoundException("form", key);
        }
        return form;
    }

    public PublishResult publish(Actor actor, String key, boolean dryRun) {
        FormDraft draft = draft(actor, key);
        FormDefinition next = draft.definition();
        validate(next, this::isPublished);
        List<Problem> refused = new ArrayList<>();
        checks.forEach(check -> refused.addAll(check.problems(next, this::publishedOrDraft)));
        if (!refused.isEmpty()) {
            throw new ValidationException(refused);
        }
        FormDefinition before;
        int version;
        PublishResult result;
        try (DatabaseLock.Lease lease = publishLocks.acquire(publishLockName(key), PUBLISH_LEASE, PUBLISH_WAIT)) {
            Integer observed = publishedVersion(key);
            FormDefinition previous = observed == null ? null : definitionAt(key, observed);
            List<Problem> structural = schema.structuralProblems(previous, next);
            if (!structural.isEmpty()) {
                throw new ValidationException(structural);
            }
            SchemaPlan plan = schema.plan(previous, next);
            if (dryRun) {
                return new PublishResult(key, null, true, plan.changes(), plan.failures());
            }
            if (!plan.applicable()) {
                throw new ValidationException(plan.failures().stream().map(FormService::refusal).toList());
            }
            OffsetDateTime preparedAt = now();
            schema.prepare(plan);
            before = previous;
            version = transactions.execute(status -> {
                Integer locked = dsl.fetchOne("select published_version from form_definition where form_key = ?"
                        + " for update", key).get(0, Integer.class);
                if (!java.util.Objects.equals(locked, observed)) {
                    throw new ConflictException("published_meanwhile", "another publish of " + key + " came first",
                            locked == null ? null : locked.longValue());
                }
                int newVersion = observed == null ? 1 : observed + 1;
                schema.commit(plan, preparedAt);
                dsl.execute("insert into form_version (form_key, version, definition_json, published_by, published_at)"
                        + " values (?, ?, ?, ?, ?)", key, newVersion, FormJson.write(next), actor.username(), timestamp(now()));
                dsl.execute("update form_definition set published_version = ? where form_key = ?", newVersion, key);
                return newVersion;
            });
            result = new PublishResult(key, version, false, plan.changes(), List.of());
        }
        PublishedForm current = current(key).orElseThrow();
        listeners.forEach(listener -> listener.published(actor, before, current));
        return result;
    }

    /** The cluster-wide lock a publish of {@code key} holds while it changes the form's tables. */
    public static String publishLockName(String key) {
        return "publish:" + key;
    }

    private Optional<FormDefinition> publishedOrDraft(String key) {
        Optional<FormDefinition> published = current(key).map(PublishedForm::definition);
        return published.isPresent() ? published : loadDraft(key).map(FormDraft::definition);
    }

    public List<FormVersionInfo> versions(Actor actor, String key) {
        draft(actor, key);
        return dsl.fetch("select version, published_by, published_at from form_version where form_key = ?"
                        + " order by version desc", key)
                .map(r -> new FormVersionInfo(key, r.get(0, Integer.class), r.get(1, String.class),
                        utc(r.get(2, OffsetDateTime.class))));
    }

    public FormDefinition version(Actor actor, String key, int version) {
        draft(actor, key);
        FormDefinition definition = definitionAt(key, version);
        if (definition == null) {
            throw new NotFoundException("form version", key + "@" + version);
        }
        return definition;
    }

    @Override
    public Optional<PublishedForm> current(String key) {
        Integer version = publishedVersion(key);
        if (version == null) {
            return Optional.empty();
        }
        return Optional.of(cache.get(key, version, () -> {
            FormDefinition definition = definitionAt(key, version);
            TableLayout layout = schema.layout(key).orElseThrow();
            return new PublishedForm(definition, version, layout);
        }));
    }

    /**
     * Indexes the columns a bulk operation will look records up by (an import's upsert key and the
     * form's unique fields), see {@link SchemaManager#indexForLookups}. Call it outside a transaction.
     */
    public void indexForLookups(PublishedForm form, java.util.Collection<String> fieldKeys) {
        fieldKeys.forEach(key -> form.definition().field(key).ifPresent(field -> schema.indexForLookups(form, field)));
    }

    /** See {@link SchemaManager#refreshStatistics}: after a bulk operation grew the form's table. */
    public void refreshStatistics(PublishedForm form) {
        schema.refreshStatistics(form);
    }

    @Override
    public java.util.Map<String, Integer> publishedVersions() {
        java.util.Map<String, Integer> versions = new java.util.TreeMap<>();
        dsl.fetch("select form_key, published_version from form_definition where published_version is not null")
                .forEach(r -> versions.put(r.get(0, String.class), r.get(1, Integer.class)));
        return versions;
    }

    public boolean exists(String key) {
        return dsl.fetch("select 1 from form_definition where form_key = ?", key).isNotEmpty();
    }

    private boolean isPublished(String key) {
        return publishedVersion(key) != null;
    }

    private Integer publishedVersion(String key) {
        return dsl.fetchOptional("select published_version from form_definition where form_key = ?", key)
                .map(r -> r.get(0, Integer.class)).orElse(null);
    }

    private FormDefinition definitionAt(String key, int version) {
        return dsl.fetchOptional("select definition_json from form_version where form_key = ? and version = ?",
                key, version).map(r -> FormJson.read(r.get(0, String.class))).orElse(null);
    }

    private Optional<FormDraft> loadDraft(String key) {
        return dsl.fetchOptional("select draft_json, draft_revision, published_version, updated_by, updated_at"
                        + " from form_definition where form_key = ?", key)
                .map(r -> new FormDraft(key, FormJson.read(r.get(0, String.class)), r.get(1, Long.class),
                        r.get(2, Integer.class), r.get(3, String.class), utc(r.get(4, OffsetDateTime.class))));
    }

    private void requireDesign(Actor actor, FormDefinition definition) {
        if (!policy.allows(actor, definition, Operation.DESIGN)) {
            throw new AccessDeniedException(actor.username() + " may not design forms");
        }
    }

    private static void validate(FormDefinition definition, java.util.function.Predicate<String> formExists) {
        List<Problem> problems = new FormDefinitionValidator(formExists).validate(definition);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }

    private static Problem refusal(RetypeFailure failure) {
        return Problem.of(failure.fieldPath(), "retype_refused", failure.fromType(), failure.toType(),
                failure.rowCount(), failure.firstRecordIds().toString());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
