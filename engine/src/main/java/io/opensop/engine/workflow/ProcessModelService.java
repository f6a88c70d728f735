package io.opensop.engine.workflow;

import static io.opensop.engine.support.SqlValues.timestamp;

import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.ConflictException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.formula.FormulaEngine;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.record.PublishedForms;
import io.opensop.engine.security.Actor;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.ResourceReport;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Definitions;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Process models through their life, like forms: drafts that admins import and edit, and published
 * versions that never change again. Publishing validates the model ({@link ModelRules}) and deploys
 * its executable processes to the embedded engine in the same transaction as the version row.
 * The XML is kept exactly as imported, so exporting gives back every element, attribute and shape.
 */
public final class ProcessModelService {

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");

    private final DSLContext dsl;
    private final TransactionOperations transactions;
    private final RepositoryService repository;
    private final PublishedForms forms;
    private final FormulaEngine formulas;
    private final Set<String> allowedDelegates;
    private final Clock clock;

    public ProcessModelService(DSLContext dsl, TransactionOperations transactions, RepositoryService repository,
                               PublishedForms forms, FormulaEngine formulas, Set<String> allowedDelegates,
                               Clock clock) {
        this.dsl = dsl;
        this.transactions = transactions;
        this.repository = repository;
        this.forms = forms;
        this.formulas = formulas;
        this.allowedDelegates = Set.copyOf(allowedDelegates);
        this.clock = clock;
    }

    /**
     * Stores a new draft. The key defaults to the id of the first executable process (else the first
     * process, else the definitions). The document must be well-formed BPMN without a DOCTYPE.
     */
    public ProcessModel importModel(Actor actor, String key, byte[] xml) {
        requireAdmin(actor);
        BpmnXml.Parsed parsed = BpmnXml.read(xml);
        String modelKey = key == null || key.isBlank() ? defaultKey(parsed.model()) : key.trim();
        requireKey(modelKey);
        return transactions.execute(status -> {
            if (exists(modelKey)) {
                throw new ConflictException("process_exists", "a process model with key " + modelKey + " exists",
                        null);
            }
            OffsetDateTime now = now();
            dsl.execute("insert into process_model (model_key, name, draft_xml, draft_revision, published_version,"
                            + " created_by, created_at, updated_by, updated_at) values (?, ?, ?, 1, null, ?, ?, ?, ?)",
                    modelKey, name(parsed.model()), parsed.text(), actor.username(), timestamp(now), actor.username(),
                    timestamp(now));
            return load(modelKey).orElseThrow();
        });
    }

    public ProcessModel updateDraft(Actor actor, String key, long expectedRevision, byte[] xml) {
        requireAdmin(actor);
        ProcessModel current = draft(actor, key);
        BpmnXml.Parsed parsed = BpmnXml.read(xml);
        return transactions.execute(status -> {
            int updated = dsl.execute("update process_model set draft_xml = ?, name = ?,"
                            + " draft_revision = draft_revision + 1, updated_by = ?, updated_at = ?"
                            + " where model_key = ? and draft_revision = ?",
                    parsed.text(), name(parsed.model()), actor.username(), timestamp(now()), key, expectedRevision);
            if (updated == 0) {
                long stored = load(key).map(ProcessModel::draftRevision).orElse(current.draftRevision());
                throw ConflictException.staleVersion(expectedRevision, stored);
            }
            return load(key).orElseThrow();
        });
    }

    public ProcessModel draft(Actor actor, String key) {
        requireReader(actor);
        return load(key).orElseThrow(() -> new NotFoundException("process", key));
    }

    public List<ProcessModelInfo> list(Actor actor) {
        requireReader(actor);
        return dsl.fetch("select m.model_key, m.name, m.draft_revision, m.published_version, m.updated_by,"
                        + " m.updated_at, v.deployment_id from process_model m left join process_model_version v"
                        + " on v.model_key = m.model_key and v.version = m.published_version order by m.model_key")
                .map(r -> new ProcessModelInfo(r.get(0, String.class), r.get(1, String.class), r.get(2, Long.class),
                        r.get(3, Integer.class), r.get(6, String.class) != null, r.get(4, String.class),
                        utc(r.get(5, OffsetDateTime.class))));
    }

    /** Checks the draft as a publish would, without storing or deploying anything. */
    public List<Problem> validate(Actor actor, String key) {
        ProcessModel draft = draft(actor, key);
        return rules().check(BpmnXml.read(draft.xml()).model());
    }

    /**
     * Validates the draft and makes it the next version; executable processes are deployed, a model
     * without any is stored only ({@link ProcessVersion#NOT_EXECUTABLE}).
     */
    public ProcessVersion publish(Actor actor, String key) {
        requireAdmin(actor);
        ProcessModel draft = draft(actor, key);
        BpmnModelInstance model = BpmnXml.read(draft.xml()).model();
        List<Problem> problems = rules().check(model);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        List<String> executable = ModelRules.executableProcessIds(model);
        return transactions.execute(status -> {
            Integer observed = dsl.fetchOne("select published_version from process_model where model_key = ?"
                    + " for update", key).get(0, Integer.class);
            int version = observed == null ? 1 : observed + 1;
            String deploymentId = null;
            String note = null;
            if (executable.isEmpty()) {
                note = ProcessVersion.NOT_EXECUTABLE;
            } else {
                deploymentId = deploy(key, version, draft.xml());
            }
            OffsetDateTime now = now();
            dsl.execute("insert into process_model_version (model_key, version, bpmn_xml, deployment_id,"
                            + " process_keys, note, published_by, published_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
                    key, version, draft.xml(), deploymentId, String.join(",", executable), note, actor.username(),
                    timestamp(now));
            dsl.execute("update process_model set published_version = ? where model_key = ?", version, key);
            return versionRow(key, version).orElseThrow();
        });
    }

    public List<ProcessVersion> versions(Actor actor, String key) {
        draft(actor, key);
        return dsl.fetch("select model_key, version, deployment_id, process_keys, note, published_by, published_at"
                + " from process_model_version where model_key = ? order by version desc", key)
                .map(ProcessModelService::version);
    }

    /** The XML of a published version, or of the draft when {@code version} is null. */
    public String xml(Actor actor, String key, Integer version) {
        ProcessModel draft = draft(actor, key);
        if (version == null) {
            return draft.xml();
        }
        return xmlAt(key, version).orElseThrow(() -> new NotFoundException("process version", key + "@" + version));
    }

    /** The XML encoded as its declaration says, byte for byte what was imported. */
    public static byte[] encoded(String xml) {
        return BpmnXml.bytes(xml);
    }

    public ProcessModelDiff diff(Actor actor, String key, int from, int to) {
        String before = xml(actor, key, from);
        String after = xml(actor, key, to);
        return ModelDiff.between(key, from, before, to, after);
    }

    /** The current published version, for starting processes; no permission check (the caller did it). */
    Optional<ProcessVersion> current(String key) {
        return dsl.fetchOptional("select published_version from process_model where model_key = ?", key)
                .map(r -> r.get(0, Integer.class))
                .flatMap(v -> v == null ? Optional.empty() : versionRow(key, v));
    }

    Optional<String> deploymentOf(String key, int version) {
        return dsl.fetchOptional("select deployment_id from process_model_version where model_key = ? and version = ?",
                key, version).map(r -> r.get(0, String.class));
    }

    private String deploy(String key, int version, String xml) {
        try {
            Deployment deployment = repository.createDeployment()
                    .name(key)
                    .source("opensop")
                    .addInputStream(key + ".bpmn", new ByteArrayInputStream(BpmnXml.bytes(xml)))
                    .deploy();
            return deployment.getId();
        } catch (ParseException e) {
            List<Problem> problems = new ArrayList<>();
            for (ResourceReport report : e.getResorceReports()) {
                for (org.camunda.bpm.engine.Problem error : report.getErrors()) {
                    String element = error.getMainElementId() == null ? "xml" : error.getMainElementId();
                    problems.add(Problem.of(element, "bpmn_not_executable", error.getMessage()));
                }
            }
            if (problems.isEmpty()) {
                problems.add(Problem.of("xml", "bpmn_not_executable", e.getMessage()));
            }
            throw new ValidationException(problems);
        }
    }

    private ModelRules rules() {
        return new ModelRules(this::publishedDefinition, formulas, allowedDelegates);
    }

    private Optional<FormDefinition> publishedDefinition(String formKey) {
        return forms.current(formKey).map(PublishedForm::definition);
    }

    private Optional<ProcessVersion> versionRow(String key, int version) {
        return dsl.fetchOptional("select model_key, version, deployment_id, process_keys, note, published_by,"
                + " published_at from process_model_version where model_key = ? and version = ?", key, version)
                .map(ProcessModelService::version);
    }

    private static ProcessVersion version(Record r) {
        String keys = r.get(3, String.class);
        return new ProcessVersion(r.get(0, String.class), r.get(1, Integer.class), r.get(2, String.class) != null,
                keys == null || keys.isEmpty() ? List.of() : Arrays.asList(keys.split(",")), r.get(4, String.class),
                r.get(5, String.class), utc(r.get(6, OffsetDateTime.class)));
    }

    private Optional<String> xmlAt(String key, int version) {
        return dsl.fetchOptional("select bpmn_xml from process_model_version where model_key = ? and version = ?",
                key, version).map(r -> r.get(0, String.class));
    }

    private Optional<ProcessModel> load(String key) {
        return dsl.fetchOptional("select name, draft_xml, draft_revision, published_version, updated_by, updated_at"
                        + " from process_model where model_key = ?", key)
                .map(r -> new ProcessModel(key, r.get(0, String.class), r.get(1, String.class), r.get(2, Long.class),
                        r.get(3, Integer.class), r.get(4, String.class), utc(r.get(5, OffsetDateTime.class))));
    }

    public boolean exists(String key) {
        return dsl.fetch("select 1 from process_model where model_key = ?", key).isNotEmpty();
    }

    private static String defaultKey(BpmnModelInstance model) {
        List<String> executable = ModelRules.executableProcessIds(model);
        if (!executable.isEmpty()) {
            return executable.get(0);
        }
        List<String> processes = ModelRules.processIds(model);
        if (!processes.isEmpty()) {
            return processes.get(0);
        }
        Definitions definitions = model.getDefinitions();
        return definitions == null ? "" : definitions.getId();
    }

    private static String name(BpmnModelInstance model) {
        for (Process process : model.getModelElementsByType(Process.class)) {
            if (process.getName() != null && !process.getName().isBlank()) {
                return truncate(process.getName());
            }
        }
        Definitions definitions = model.getDefinitions();
        return definitions == null ? null : truncate(definitions.getName());
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 255 ? text : text.substring(0, 255);
    }

    private static void requireKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new ValidationException(Problem.of("key", "invalid_process_key", key));
        }
        if (ModelRules.isReserved(key)) {
            throw new ValidationException(Problem.of("key", "reserved_process_id", key, ModelRules.RESERVED_PREFIX));
        }
    }

    static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw new AccessDeniedException(actor.username() + " may not import or publish process models");
        }
    }

    private static void requireReader(Actor actor) {
        if (!actor.isAdmin() && !actor.hasRole(Actor.DESIGNER)) {
            throw new AccessDeniedException(actor.username() + " may not read process models");
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
