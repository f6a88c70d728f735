package io.opensop.engine.sla;

import static io.opensop.engine.support.SqlValues.timestamp;

import io.opensop.engine.audit.Revision;
import io.opensop.engine.error.EngineException;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.formula.FormulaContext;
import io.opensop.engine.formula.FormulaEngine;
import io.opensop.engine.formula.FormulaSchema;
import io.opensop.engine.i18n.LocalizedText;
import io.opensop.engine.notify.NotificationService;
import io.opensop.engine.notify.Templates;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.record.PublishedForms;
import io.opensop.engine.record.RecordChanged;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.Actor;
import io.opensop.engine.user.UserAccount;
import io.opensop.engine.user.UserDirectory;
import io.opensop.engine.workflow.WorkflowNames;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Runs SLA clocks (docs/workflow.md, "SLA clocks"): starts them on record creation, on a date field
 * or when a user task opens; resets them on a person's save when the policy says so; stops them when
 * the task ends, the record is deleted or the policy's {@code until} formula comes true; pauses every
 * running clock of a record while a returned item sits with the submitter. Each pending step is one
 * Camunda timer job; when it fires, the step's recipients are notified (after commit), the clock
 * turns red and the next step, if any, is scheduled. All of it runs in the caller's transaction.
 */
public final class SlaService {

    public static final String RUNNING = "running";
    public static final String PAUSED = "paused";
    public static final String MET = "met";
    public static final String STOPPED = "stopped";
    public static final String DONE = "done";

    private static final Logger LOG = LoggerFactory.getLogger(SlaService.class);
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final String COLUMNS = "id, form_key, record_id, policy_key, task_id, activity_id, status, breached,"
            + " started_at, paused_at, paused_by_task, paused_elapsed_ms, paused_working_ms, next_step, generation,"
            + " due_at, job_id";

    private final DSLContext dsl;
    private final TransactionOperations transactions;
    private final RecordService records;
    private final PublishedForms forms;
    private final UserDirectory users;
    private final CalendarStore calendars;
    private final NotificationService notifications;
    private final FormulaEngine formulas = new FormulaEngine();
    private final Clock clock;
    private final ZoneId zone;
    private final SlaEnginePlugin jobs;
    private final Consumer<Object> events;

    SlaService(DSLContext dsl, TransactionOperations transactions, RecordService records, PublishedForms forms,
               UserDirectory users, CalendarStore calendars, NotificationService notifications, Clock clock,
               ZoneId zone, SlaEnginePlugin jobs, Consumer<Object> events) {
        this.dsl = dsl;
        this.transactions = transactions;
        this.records = records;
        this.forms = forms;
        this.users = users;
        this.calendars = calendars;
        this.notifications = notifications;
        this.clock = clock;
        this.zone = zone;
        this.jobs = jobs;
        this.events = events;
    }

    /** One stored clock. */
    record Row(long id, String formKey, long recordId, String policy, String taskId, String activityId, String status,
               boolean breached, Instant startedAt, Instant pausedAt, String pausedByTask, long pausedElapsed,
               long pausedWorking, int nextStep, int generation, Instant dueAt, String jobId) {
    }

    // ---- events

    /** A record was saved (inside its transaction). */
    public void onRecordChanged(RecordChanged change) {
        Optional<PublishedForm> form = forms.current(change.formKey());
        if (form.isEmpty()) {
            return;
        }
        List<SlaPolicy> policies = SlaPolicy.of(form.get().definition());
        List<Row> clocks = clocks(change.formKey(), change.recordId(), true);
        // a chain that ran out starts again on the next save when its policy resets on updates
        List<Row> finished = clocks(change.formKey(), change.recordId(), false).stream()
                .filter(c -> DONE.equals(c.status())).toList();
        if (policies.isEmpty() && clocks.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            if (Revision.DELETE.equals(change.action())) {
                clocks.forEach(c -> end(c, STOPPED));
                return;
            }
            FormRecord record = records.get(Actor.system(), change.formKey(), change.recordId());
            boolean byPerson = change.changedBy() != null && !Actor.system().username().equals(change.changedBy());
            // a stage move is an update too: "3 working days without an update" counts from it
            boolean updated = Revision.UPDATE.equals(change.action()) || Revision.STAGE.equals(change.action());
            for (Row clock : clocks) {
                SlaPolicy policy = policy(policies, clock.policy());
                if (policy == null) {
                    end(clock, STOPPED);
                } else if (until(policy, form.get(), record)) {
                    end(clock, MET);
                } else if (SlaPolicy.STAGE.equals(policy.start()) && !Objects.equals(clock.activityId(), record.stage())) {
                    end(clock, STOPPED);
                    if (clock.activityId() == null && policy.appliesToStage(record.stage())) {
                        // started before its policy became a stage clock (a template upgrade, e.g. sales-crm
                        // 1.0 to 1.1): it goes on as a clock of the stage the record is in
                        start(policy, record, null, record.stage(), now());
                    }
                } else if (SlaPolicy.FIELD.equals(policy.start()) && change.changedFields().contains(policy.field())) {
                    end(clock, STOPPED);
                } else if (policy.resetOnUpdate() && byPerson && updated
                        && RUNNING.equals(clock.status())) {
                    reset(clock, now());
                }
            }
            for (Row clock : finished) {
                SlaPolicy policy = policy(policies, clock.policy());
                if (policy != null && policy.resetOnUpdate() && byPerson && Revision.UPDATE.equals(change.action())
                        && (!SlaPolicy.STAGE.equals(policy.start()) || Objects.equals(clock.activityId(), record.stage()))
                        && !until(policy, form.get(), record)) {
                    dsl.execute("update sla_clock set status = ? where id = ?", RUNNING, clock.id());
                    reset(load(clock.id()), now());
                }
            }
            for (SlaPolicy policy : policies) {
                boolean exists = clocks(change.formKey(), change.recordId(), true).stream()
                        .anyMatch(c -> c.policy().equals(policy.key()));
                if (exists || until(policy, form.get(), record)) {
                    continue;
                }
                if (SlaPolicy.STAGE.equals(policy.start())) {
                    // only on entering a stage, so a clock that ran out does not start over on every save
                    boolean entered = Revision.CREATE.equals(change.action()) || Revision.STAGE.equals(change.action());
                    if (entered && policy.appliesToStage(record.stage())) {
                        start(policy, record, null, record.stage(), now());
                    }
                } else if (SlaPolicy.RECORD.equals(policy.start()) && Revision.CREATE.equals(change.action())) {
                    start(policy, record, null, null, now());
                } else if (SlaPolicy.FIELD.equals(policy.start())) {
                    Instant from = fieldInstant(record.values().get(policy.field()));
                    if (from != null && (change.changedFields().contains(policy.field())
                            || Revision.CREATE.equals(change.action()))) {
                        start(policy, record, null, null, from);
                    }
                }
            }
        });
    }

    /** A user task was created, completed or deleted (inside the Camunda command). */
    void onTaskEvent(DelegateTask task) {
        Object formKey = task.getVariable(WorkflowNames.FORM_KEY);
        Object recordId = task.getVariable(WorkflowNames.RECORD_ID);
        String event = task.getEventName();
        if (TaskListener.EVENTNAME_COMPLETE.equals(event) || TaskListener.EVENTNAME_DELETE.equals(event)) {
            for (Row clock : byTask("task_id", task.getId())) {
                end(clock, STOPPED);
            }
            for (Row clock : byTask("paused_by_task", task.getId())) {
                resume(clock, now());
            }
            return;
        }
        if (!(formKey instanceof String key) || !(recordId instanceof Number id)) {
            return;
        }
        Optional<PublishedForm> form = forms.current(key);
        if (form.isEmpty()) {
            return;
        }
        Object reason = task.getVariable(WorkflowNames.RETURN_REASON);
        Object submitter = task.getVariable(WorkflowNames.SUBMITTER);
        if (reason != null && submitter != null && submitter.equals(task.getAssignee())) {
            // a returned item sits with the submitter: every running clock of the record waits for it
            for (Row clock : clocks(key, id.longValue(), true)) {
                if (RUNNING.equals(clock.status())) {
                    pause(clock, now(), task.getId());
                }
            }
            return;
        }
        FormRecord record = records.get(Actor.system(), key, id.longValue());
        for (SlaPolicy policy : SlaPolicy.of(form.get().definition())) {
            if (policy.appliesToTask(task.getTaskDefinitionKey()) && !until(policy, form.get(), record)) {
                start(policy, record, task.getId(), task.getTaskDefinitionKey(), now());
            }
        }
    }

    /** A clock's timer job is due (inside the job's transaction). Stale jobs (reset, stopped) do nothing. */
    void fire(long clockId, int generation) {
        Row clock = load(clockId);
        if (clock == null || !RUNNING.equals(clock.status()) || clock.generation() != generation) {
            return;
        }
        Optional<PublishedForm> form = forms.current(clock.formKey());
        SlaPolicy policy = form.map(f -> policy(SlaPolicy.of(f.definition()), clock.policy())).orElse(null);
        FormRecord record;
        try {
            record = records.get(Actor.system(), clock.formKey(), clock.recordId());
        } catch (EngineException gone) {
            end(clock, STOPPED);
            return;
        }
        if (policy == null || clock.nextStep() >= policy.steps().size()) {
            end(clock, STOPPED);
            return;
        }
        if (until(policy, form.get(), record)) {
            end(clock, MET);
            return;
        }
        SlaPolicy.Step step = policy.steps().get(clock.nextStep());
        Set<String> to = new LinkedHashSet<>(recipients(step.to(), record, clock));
        to.addAll(recipients(step.cc(), record, clock));
        Instant now = now();
        dsl.execute("insert into sla_event (clock_id, step, due_at, fired_at, recipients) values (?, ?, ?, ?, ?)",
                clock.id(), clock.nextStep(), timestamp(offset(clock.dueAt())), timestamp(offset(now)),
                String.join(",", to));
        notify(to, step, policy, form.get().definition(), record, clock);
        events.accept(new SlaBreached(clock.formKey(), clock.recordId(), clock.policy(), clock.nextStep()));
        int next = clock.nextStep() + 1;
        dsl.execute("update sla_clock set breached = true, next_step = ?, job_id = null, updated_at = ? where id = ?",
                next, timestamp(offset(now)), clock.id());
        if (next < policy.steps().size()) {
            schedule(load(clock.id()), policy);
        } else {
            dsl.execute("update sla_clock set status = ?, due_at = null where id = ?", DONE, clock.id());
        }
    }

    // ---- clock life

    private void start(SlaPolicy policy, FormRecord record, String taskId, String activityId, Instant from) {
        Long id = dsl.insertInto(DSL.table(DSL.unquotedName("sla_clock")))
                .set(DSL.field(DSL.unquotedName("form_key")), (Object) record.formKey())
                .set(DSL.field(DSL.unquotedName("record_id")), (Object) record.id())
                .set(DSL.field(DSL.unquotedName("policy_key")), (Object) policy.key())
                .set(DSL.field(DSL.unquotedName("task_id")), (Object) taskId)
                .set(DSL.field(DSL.unquotedName("activity_id")), (Object) activityId)
                .set(DSL.field(DSL.unquotedName("status")), (Object) RUNNING)
                .set(DSL.field(DSL.unquotedName("started_at")), (Object) timestamp(offset(from)))
                .set(DSL.field(DSL.unquotedName("updated_at")), (Object) timestamp(offset(now())))
                .returningResult(DSL.field(DSL.unquotedName("id"), SQLDataType.BIGINT))
                .fetchOne(0, Long.class);
        schedule(load(id), policy);
    }

    private void schedule(Row clock, SlaPolicy policy) {
        SlaPolicy.Step step = policy.steps().get(clock.nextStep());
        BusinessCalendar calendar = calendars.get(policy.calendar()).business();
        Instant due = calendar.due(clock.startedAt(), step.after(), clock.pausedElapsed(), clock.pausedWorking());
        String jobId = jobs.schedule(due, clock.id(), clock.generation());
        dsl.execute("update sla_clock set due_at = ?, job_id = ? where id = ?", timestamp(offset(due)), jobId,
                clock.id());
    }

    private void reset(Row clock, Instant now) {
        jobs.unschedule(clock.jobId());
        dsl.execute("update sla_clock set started_at = ?, paused_elapsed_ms = 0, paused_working_ms = 0, next_step = 0,"
                        + " breached = false, generation = generation + 1, job_id = null, updated_at = ? where id = ?",
                timestamp(offset(now)), timestamp(offset(now)), clock.id());
        SlaPolicy policy = forms.current(clock.formKey()).map(f -> policy(SlaPolicy.of(f.definition()), clock.policy()))
                .orElseThrow();
        schedule(load(clock.id()), policy);
    }

    private void end(Row clock, String status) {
        jobs.unschedule(clock.jobId());
        dsl.execute("update sla_clock set status = ?, generation = generation + 1, job_id = null, due_at = null,"
                + " updated_at = ? where id = ?", status, timestamp(offset(now())), clock.id());
    }

    private void pause(Row clock, Instant now, String taskId) {
        jobs.unschedule(clock.jobId());
        dsl.execute("update sla_clock set status = ?, paused_at = ?, paused_by_task = ?, generation = generation + 1,"
                        + " job_id = null, updated_at = ? where id = ?", PAUSED, timestamp(offset(now)), taskId,
                timestamp(offset(now)), clock.id());
    }

    private void resume(Row clock, Instant now) {
        if (!PAUSED.equals(clock.status())) {
            return;
        }
        SlaPolicy policy = forms.current(clock.formKey()).map(f -> policy(SlaPolicy.of(f.definition()), clock.policy()))
                .orElse(null);
        if (policy == null) {
            end(clock, STOPPED);
            return;
        }
        BusinessCalendar calendar = calendars.get(policy.calendar()).business();
        long elapsed = Math.max(0, now.toEpochMilli() - clock.pausedAt().toEpochMilli());
        long working = calendar.workingMillisBetween(clock.pausedAt(), now);
        dsl.execute("update sla_clock set status = ?, paused_at = null, paused_by_task = null,"
                        + " paused_elapsed_ms = paused_elapsed_ms + ?, paused_working_ms = paused_working_ms + ?,"
                        + " updated_at = ? where id = ?", RUNNING, elapsed, working, timestamp(offset(now)), clock.id());
        schedule(load(clock.id()), policy);
    }

    // ---- reading

    /** The clocks of a record, newest first, for anyone who may read the record. */
    public List<ClockView> clocks(Actor actor, String formKey, long recordId) {
        records.get(actor, formKey, recordId);
        return clocks(formKey, recordId, false).stream().map(SlaService::view).toList();
    }

    /** Running or paused clocks that have turned red, for reports. */
    List<Row> breached() {
        return dsl.fetch("select " + COLUMNS + " from sla_clock where breached = true and status in (?, ?)"
                + " order by id", RUNNING, PAUSED).map(SlaService::row);
    }

    private List<Row> clocks(String formKey, long recordId, boolean activeOnly) {
        return dsl.fetch("select " + COLUMNS + " from sla_clock where form_key = ? and record_id = ?"
                        + (activeOnly ? " and status in ('running', 'paused')" : "") + " order by id desc",
                formKey, recordId).map(SlaService::row);
    }

    private List<Row> byTask(String column, String taskId) {
        return dsl.fetch("select " + COLUMNS + " from sla_clock where " + column + " = ? and status in"
                + " ('running', 'paused', 'done')", taskId).map(SlaService::row);
    }

    private Row load(long id) {
        Record r = dsl.fetchOne("select " + COLUMNS + " from sla_clock where id = ?", id);
        return r == null ? null : row(r);
    }

    private static Row row(Record r) {
        return new Row(r.get(0, Long.class), r.get(1, String.class), r.get(2, Long.class), r.get(3, String.class),
                r.get(4, String.class), r.get(5, String.class), r.get(6, String.class),
                Boolean.TRUE.equals(r.get(7, Boolean.class)), instant(r.get(8)), instant(r.get(9)),
                r.get(10, String.class), r.get(11, Long.class), r.get(12, Long.class), r.get(13, Integer.class),
                r.get(14, Integer.class), instant(r.get(15)), r.get(16, String.class));
    }

    private static ClockView view(Row r) {
        return new ClockView(r.id(), r.formKey(), r.recordId(), r.policy(), r.activityId(), r.taskId(), r.status(),
                r.breached(), offset(r.startedAt()), offset(r.dueAt()), r.nextStep());
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return OffsetDateTime.parse(value.toString()).toInstant();
    }

    private static OffsetDateTime offset(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    // ---- helpers

    private static SlaPolicy policy(List<SlaPolicy> policies, String key) {
        return policies.stream().filter(p -> p.key().equals(key)).findFirst().orElse(null);
    }

    private boolean until(SlaPolicy policy, PublishedForm form, FormRecord record) {
        if (policy.until() == null || policy.until().isBlank()) {
            return false;
        }
        try {
            FormulaSchema schema = FormulaSchema.of(form.definition(), k -> forms.current(k).map(PublishedForm::definition));
            FormulaContext context = new FormulaContext(clock, zone,
                    calendars.get(policy.calendar()).workCalendar(), (k, id) -> Map.of());
            return Boolean.TRUE.equals(formulas.compile(policy.until().trim(), schema, null)
                    .evaluate(record.values(), context));
        } catch (RuntimeException e) {
            LOG.warn("SLA {} of {}: until formula failed, clock keeps running", policy.key(), form.key(), e);
            return false;
        }
    }

    private Instant fieldInstant(Object value) {
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.time.ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay(zone).toInstant();
        }
        if (value instanceof java.time.LocalDateTime l) {
            return l.atZone(zone).toInstant();
        }
        return null;
    }

    private List<String> recipients(List<String> specs, FormRecord record, Row clock) {
        List<String> found = new ArrayList<>();
        Optional<UserAccount> owner = record.ownerId() != null ? users.byId(record.ownerId())
                : users.byUsername(record.createdBy());
        for (String spec : specs) {
            if ("owner".equals(spec)) {
                owner.ifPresent(u -> found.add(u.username()));
            } else if ("submitter".equals(spec)) {
                found.add(record.createdBy());
            } else if (spec.startsWith("manager")) {
                int levels = spec.contains(":") ? Integer.parseInt(spec.substring(spec.indexOf(':') + 1)) : 1;
                Optional<UserAccount> up = owner;
                for (int i = 0; i < levels && up.isPresent(); i++) {
                    Long managerId = up.get().managerId();
                    up = managerId == null ? Optional.empty() : users.byId(managerId);
                }
                up.ifPresent(u -> found.add(u.username()));
            } else if ("assignee".equals(spec)) {
                if (clock.taskId() != null) {
                    String assignee = jobs.assignee(clock.taskId());
                    if (assignee != null) {
                        found.add(assignee);
                    }
                }
            } else if (spec.startsWith("role:")) {
                found.addAll(dsl.fetch("select u.username from app_user u join app_user_role r on r.user_id = u.id"
                        + " where r.role = ? and u.enabled = true order by u.id", spec.substring(5))
                        .map(x -> x.get(0, String.class)));
            } else if (spec.startsWith("user:")) {
                found.add(spec.substring(5));
            } else if (spec.startsWith("field:")) {
                Object value = record.values().get(spec.substring(6));
                if (value instanceof Number n) {
                    users.byId(n.longValue()).ifPresent(u -> found.add(u.username()));
                }
            }
        }
        return found;
    }

    private void notify(Set<String> to, SlaPolicy.Step step, SlaPolicy policy, FormDefinition form,
                        FormRecord record, Row clock) {
        Optional<UserAccount> owner = record.ownerId() != null ? users.byId(record.ownerId())
                : users.byUsername(record.createdBy());
        String ownerName = owner.map(UserAccount::displayName).orElse(record.createdBy());
        Object titleValue = form.titleField() == null ? null : record.values().get(form.titleField());
        String due = clock.dueAt() == null ? "" : DUE.format(clock.dueAt().atZone(zone));
        String kind = "sla." + step.message();
        // The title is a field value: only recipients who may see it get it, the others the record number.
        Set<String> seeTitle = new LinkedHashSet<>();
        Set<String> seeNumber = new LinkedHashSet<>();
        to.forEach(username -> (titleValue != null && seesTitle(username, form, record) ? seeTitle : seeNumber)
                .add(username));
        for (Set<String> group : List.of(seeTitle, seeNumber)) {
            if (group.isEmpty()) {
                continue;
            }
            String title = group == seeTitle ? titleValue.toString() : "#" + record.id();
            notifications.notify(group, kind, record.formKey(), record.id(), locale -> {
                String formLabel = form.label() == null ? form.key() : form.label().in(locale);
                String policyLabel = policy.label() == null ? policy.key() : policy.label().in(locale);
                String where = clock.activityId() == null ? ""
                        : SlaPolicy.STAGE.equals(policy.start())
                        ? Templates.render(locale, "sla.stage", stageLabel(form, clock.activityId(), locale))
                        : Templates.render(locale, "sla.step", clock.activityId());
                Object[] args = {formLabel, title, policyLabel, where, due, ownerName};
                return new String[] {Templates.render(locale, kind + ".title", args),
                        Templates.render(locale, kind + ".body", args)};
            });
        }
    }

    /** Whether the user may read the record and see its title field, as they would in the app. */
    private boolean seesTitle(String username, FormDefinition form, FormRecord record) {
        Optional<UserAccount> account = users.byUsername(username);
        if (account.isEmpty()) {
            return false;
        }
        UserAccount user = account.get();
        Actor recipient = new Actor(user.id(), user.username(), user.roles(), null, null);
        try {
            return records.get(recipient, record.formKey(), record.id()).values().containsKey(form.titleField());
        } catch (EngineException refused) {
            return false;
        }
    }

    /** The stage's label in the recipient's language, else its key. */
    private static String stageLabel(FormDefinition form, String stage, java.util.Locale locale) {
        if (form.pipeline() != null) {
            for (com.fasterxml.jackson.databind.JsonNode node : form.pipeline().path("stages")) {
                if (stage.equals(node.path("key").asText()) && node.hasNonNull("label")) {
                    LocalizedText label = io.opensop.engine.support.Json.mapper()
                            .convertValue(node.get("label"), LocalizedText.class);
                    return label.in(locale);
                }
            }
        }
        return stage;
    }

    private Instant now() {
        return clock.instant();
    }

}
