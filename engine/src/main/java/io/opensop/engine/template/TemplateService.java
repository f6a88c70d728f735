package io.opensop.engine.template;

import static io.opensop.engine.support.SqlValues.timestamp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opensop.engine.dashboard.DashboardDefinition;
import io.opensop.engine.dashboard.DashboardService;
import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.ConflictException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.FormDefinitionValidator;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.i18n.LocalizedText;
import io.opensop.engine.metadata.FormDraft;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.security.Actor;
import io.opensop.engine.support.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;

/**
 * Installs, upgrades, uninstalls and exports template packages. Installing the same version twice
 * changes nothing; an upgrade merges the template's new version into the customer's copy against
 * the version that was installed, keeping local changes and reporting conflicts.
 */
public final class TemplateService {

    private static final String INSTALLED = "installed";
    private static final String UNINSTALLED = "uninstalled";

    private final DSLContext dsl;
    private final FormService forms;
    private final ProcessModels processes;
    private final SampleDataLoader sampleData;
    private final Clock clock;
    private final TemplateDashboards dashboards;
    /** App names by template id and install time: read from the stored base once, not on every home page. */
    private final Map<String, LocalizedText> names = new ConcurrentHashMap<>();

    public TemplateService(DSLContext dsl, FormService forms, ProcessModels processes, SampleDataLoader sampleData,
                           Clock clock, DashboardService dashboards) {
        this.dashboards = new TemplateDashboards(dashboards);
        this.dsl = dsl;
        this.forms = forms;
        this.processes = processes;
        this.sampleData = sampleData;
        this.clock = clock;
    }

    public List<TemplateInstallation> installed() {
        return dsl.fetch("select template_id, version, app_key, status, installed_by, installed_at"
                        + " from template_installation order by template_id")
                .map(r -> new TemplateInstallation(r.get(0, String.class), r.get(1, String.class),
                        r.get(2, String.class), r.get(3, String.class), r.get(4, String.class),
                        r.get(5, OffsetDateTime.class)));
    }

    /**
     * The installed apps with the published forms of each that the actor may read (an app with none is
     * left out), and the readable forms that belong to no installed app. Uninstalled apps are not listed;
     * their forms count as belonging to no app.
     */
    public AppLauncher launcher(Actor actor) {
        List<PublishedForm> readable = new ArrayList<>();
        for (FormDraft form : forms.list(actor)) {
            if (form.publishedVersion() == null) {
                continue;
            }
            try {
                readable.add(forms.published(actor, form.key()));
            } catch (NotFoundException notReadable) {
                // a designer lists forms whose records they may not read: not theirs to open
            }
        }
        List<InstalledApp> apps = new ArrayList<>();
        for (TemplateInstallation installation : installed()) {
            if (installation.status().equals(INSTALLED) && installation.app() != null) {
                apps.add(new InstalledApp(installation.templateId(), installation.app(), name(installation), List.of()));
            }
        }
        return AppLauncher.group(apps, readable);
    }

    private LocalizedText name(TemplateInstallation installation) {
        return names.computeIfAbsent(installation.templateId() + "@" + installation.installedAt().toInstant(), k -> {
            JsonNode name = baseDocuments(installation.templateId()).get("name");
            // installed before the base kept the name: the template id is all there is
            return name == null || name.isNull() ? LocalizedText.of(installation.templateId(), null)
                    : Json.mapper().convertValue(name, LocalizedText.class);
        });
    }

    public Optional<TemplateInstallation> installation(String templateId) {
        return installed().stream().filter(i -> i.templateId().equals(templateId)).findFirst();
    }

    public TemplateResult install(Actor actor, TemplatePackage template, boolean withSampleData) {
        requireAdmin(actor);
        Optional<TemplateInstallation> existing = installation(template.id());
        if (existing.isPresent() && existing.get().status().equals(INSTALLED)) {
            if (existing.get().version().equals(template.version())) {
                return new TemplateResult(template.id(), template.version(), template.version(), false, List.of());
            }
            throw new ConflictException("template_installed", "version " + existing.get().version()
                    + " is installed; upgrade it instead", null);
        }
        Map<String, FormDefinition> definitions = definitions(template);
        checkNoForeignForms(actor, definitions);
        Map<String, DashboardDefinition> boards = dashboards.read(template);
        List<Problem> foreignBoards = new ArrayList<>();
        dashboards.checkNoForeign(boards, foreignBoards);
        if (!foreignBoards.isEmpty()) {
            throw new ValidationException(foreignBoards);
        }
        List<TemplateChange> changes = new ArrayList<>();
        // Every draft first, then publish: a roll-up may name a form that is published after it.
        for (FormDefinition definition : definitions.values()) {
            if (!forms.exists(definition.key())) {
                forms.create(actor, definition);
            }
        }
        for (FormDefinition definition : definitions.values()) {
            changes.add(publishIfNeeded(actor, definition));
        }
        for (TemplateManifest.ProcessEntry process : template.manifest().processList()) {
            String xml = template.text(process.file());
            Optional<String> current = processes.draftXml(actor, process.key());
            if (current.isEmpty()) {
                processes.importAndPublish(actor, process.key(), xml);
                changes.add(new TemplateChange("process:" + process.key(), "$", "added"));
            } else if (!current.get().equals(xml)) {
                throw new ConflictException("process_exists", "a different process " + process.key() + " exists", null);
            }
        }
        // After the forms: a dashboard is checked against the forms it queries.
        changes.addAll(dashboards.install(actor, boards));
        if (withSampleData) {
            sampleData.load(template);
        }
        saveInstallation(actor, template, existing.isPresent());
        return new TemplateResult(template.id(), null, template.version(), false, changes);
    }

    public TemplateResult upgrade(Actor actor, TemplatePackage template, boolean dryRun) {
        requireAdmin(actor);
        TemplateInstallation installed = installation(template.id())
                .filter(i -> i.status().equals(INSTALLED))
                .orElseThrow(() -> new NotFoundException("template installation", template.id()));
        JsonNode base = baseDocuments(template.id());
        Map<String, FormDefinition> next = definitions(template);
        List<TemplateChange> changes = new ArrayList<>();
        Map<String, FormDefinition> merged = new LinkedHashMap<>();
        for (FormDefinition theirs : next.values()) {
            String key = theirs.key();
            JsonNode baseForm = base.path("forms").get(key);
            if (baseForm == null) {
                if (forms.exists(key)) {
                    changes.add(new TemplateChange("form:" + key, "$", "conflict"));
                } else {
                    changes.add(new TemplateChange("form:" + key, "$", "added"));
                    merged.put(key, theirs);
                }
                continue;
            }
            ObjectNode ours = FormJson.toTree(forms.draft(actor, key).definition());
            JsonMerge merge = new JsonMerge();
            JsonNode result = merge.merge(baseForm, ours, FormJson.toTree(theirs), "$");
            merge.changes().forEach(c -> changes.add(new TemplateChange("form:" + key, c.path(), c.kind())));
            if (!result.equals(ours)) {
                merged.put(key, FormJson.read(result));
            }
        }
        base.path("forms").fieldNames().forEachRemaining(key -> {
            if (!next.containsKey(key)) {
                changes.add(new TemplateChange("form:" + key, "$", "removed_upstream_kept"));
            }
        });
        Map<String, String> processUpdates = planProcesses(actor, template, base, changes);
        Map<String, DashboardDefinition> mergedBoards = dashboards.merge(template, base, changes);
        validate(merged);
        if (dryRun) {
            return new TemplateResult(template.id(), installed.version(), template.version(), true, changes);
        }
        for (FormDefinition definition : merged.values()) {
            if (forms.exists(definition.key())) {
                FormDraft draft = forms.draft(actor, definition.key());
                forms.updateDraft(actor, definition.key(), draft.draftRevision(), definition);
            } else {
                forms.create(actor, definition);
            }
        }
        for (FormDefinition definition : merged.values()) {
            forms.publish(actor, definition.key(), false);
        }
        processUpdates.forEach((key, xml) -> {
            if (processes.draftXml(actor, key).isPresent()) {
                processes.updateAndPublish(actor, key, xml);
            } else {
                processes.importAndPublish(actor, key, xml);
            }
        });
        // Saved after the forms they query were published; each save checks its queries again.
        dashboards.save(actor, mergedBoards);
        saveInstallation(actor, template, true);
        return new TemplateResult(template.id(), installed.version(), template.version(), false, changes);
    }

    /** Hides the app from launchers; forms, records and history stay until explicitly purged. */
    public void uninstall(Actor actor, String templateId) {
        requireAdmin(actor);
        int updated = dsl.execute("update template_installation set status = ? where template_id = ? and status = ?",
                UNINSTALLED, templateId, INSTALLED);
        if (updated == 0) {
            throw new NotFoundException("template installation", templateId);
        }
    }

    /** The app's current published forms (and the installed processes) as a portable package. */
    public TemplatePackage export(Actor actor, String app) {
        if (!actor.isAdmin() && !actor.hasRole(Actor.DESIGNER)) {
            throw new AccessDeniedException("exporting an app needs the admin or designer role");
        }
        Optional<TemplateInstallation> installation = installed().stream()
                .filter(i -> app.equals(i.app())).findFirst();
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<String> formFiles = new ArrayList<>();
        for (FormDraft draft : forms.list(actor)) {
            Optional<PublishedForm> published = forms.current(draft.key());
            if (published.isPresent() && app.equals(published.get().definition().app())) {
                String path = "forms/" + draft.key() + ".json";
                files.put(path, FormJson.write(published.get().definition()).getBytes(StandardCharsets.UTF_8));
                formFiles.add(path);
            }
        }
        if (formFiles.isEmpty()) {
            throw new NotFoundException("app", app);
        }
        List<TemplateManifest.ProcessEntry> processEntries = new ArrayList<>();
        if (installation.isPresent()) {
            baseDocuments(installation.get().templateId()).path("processes").fieldNames().forEachRemaining(key ->
                    processes.draftXml(actor, key).ifPresent(xml -> {
                        String path = "processes/" + key + ".bpmn";
                        files.put(path, xml.getBytes(StandardCharsets.UTF_8));
                        processEntries.add(new TemplateManifest.ProcessEntry(key, path));
                    }));
        }
        List<String> dashboardFiles = dashboards.export(app, files);
        String id = installation.map(TemplateInstallation::templateId).orElse(app.replace('_', '-') + "-app");
        String version = installation.map(TemplateInstallation::version).orElse("1.0.0");
        TemplateManifest manifest = new TemplateManifest(id, version, io.opensop.engine.i18n.LocalizedText.of(app, null),
                null, app, null, ReferenceOrder.sort(formFiles, files), processEntries, null, null,
                dashboardFiles.isEmpty() ? null : dashboardFiles);
        files.put(TemplatePackage.MANIFEST, Json.write(manifest).getBytes(StandardCharsets.UTF_8));
        return TemplateArchives.of(files);
    }

    private Map<String, String> planProcesses(Actor actor, TemplatePackage template, JsonNode base,
                                              List<TemplateChange> changes) {
        Map<String, String> updates = new LinkedHashMap<>();
        for (TemplateManifest.ProcessEntry process : template.manifest().processList()) {
            String theirs = template.text(process.file());
            JsonNode baseXml = base.path("processes").get(process.key());
            Optional<String> ours = processes.draftXml(actor, process.key());
            String document = "process:" + process.key();
            if (ours.isEmpty()) {
                updates.put(process.key(), theirs);
                changes.add(new TemplateChange(document, "$", "added"));
            } else if (ours.get().equals(theirs)) {
                continue;
            } else if (baseXml != null && baseXml.asText().equals(ours.get())) {
                updates.put(process.key(), theirs);
                changes.add(new TemplateChange(document, "$", "upstream"));
            } else if (baseXml != null && baseXml.asText().equals(theirs)) {
                changes.add(new TemplateChange(document, "$", "customer_kept"));
            } else {
                changes.add(new TemplateChange(document, "$", "conflict"));
            }
        }
        return updates;
    }

    private TemplateChange publishIfNeeded(Actor actor, FormDefinition definition) {
        String document = "form:" + definition.key();
        if (forms.current(definition.key()).isEmpty()) {
            forms.publish(actor, definition.key(), false);
            return new TemplateChange(document, "$", "added");
        }
        return new TemplateChange(document, "$", "unchanged");
    }

    /** A form of the same key that this template did not deliver must not be overwritten. */
    private void checkNoForeignForms(Actor actor, Map<String, FormDefinition> definitions) {
        List<Problem> problems = new ArrayList<>();
        for (FormDefinition definition : definitions.values()) {
            if (forms.exists(definition.key())
                    && !forms.draft(actor, definition.key()).definition().equals(definition)) {
                problems.add(Problem.of("form:" + definition.key(), "template_form_exists", definition.key()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }

    private static Map<String, FormDefinition> definitions(TemplatePackage template) {
        Map<String, FormDefinition> definitions = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        List<String> files;
        try {
            files = ReferenceOrder.sort(template.manifest().formFiles(), template.files());
        } catch (ValidationException unreadable) {
            files = template.manifest().formFiles();
        }
        for (String file : files) {
            try {
                FormDefinition definition = FormJson.read(template.text(file));
                definitions.put(definition.key(), definition);
            } catch (ValidationException e) {
                e.problems().forEach(p -> problems.add(Problem.of(file + ":" + p.field(), p.code(), p.args().toArray())));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return definitions;
    }

    private void validate(Map<String, FormDefinition> merged) {
        List<Problem> problems = new ArrayList<>();
        FormDefinitionValidator validator = new FormDefinitionValidator(key -> merged.containsKey(key) || forms.exists(key));
        for (FormDefinition definition : merged.values()) {
            validator.validate(definition).forEach(p ->
                    problems.add(Problem.of("form:" + definition.key() + ":" + p.field(), p.code(), p.args().toArray())));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }

    private JsonNode baseDocuments(String templateId) {
        String json = dsl.fetchOne("select base_json from template_installation where template_id = ?", templateId)
                .get(0, String.class);
        try {
            return Json.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable template base for " + templateId, e);
        }
    }

    private void saveInstallation(Actor actor, TemplatePackage template, boolean exists) {
        ObjectNode base = Json.mapper().createObjectNode();
        if (template.manifest().name() != null) {
            base.set("name", Json.mapper().valueToTree(template.manifest().name()));
        }
        ObjectNode formsNode = base.putObject("forms");
        definitions(template).forEach((key, definition) -> formsNode.set(key, FormJson.toTree(definition)));
        ObjectNode processNode = base.putObject("processes");
        template.manifest().processList().forEach(p -> processNode.put(p.key(), template.text(p.file())));
        dashboards.putBase(template, base);
        Object[] values = {template.version(), template.manifest().app(), INSTALLED, Json.write(base),
                actor.username(), timestamp(OffsetDateTime.now(clock)), template.id()};
        if (exists) {
            dsl.execute("update template_installation set version = ?, app_key = ?, status = ?, base_json = ?,"
                    + " installed_by = ?, installed_at = ? where template_id = ?", values);
        } else {
            dsl.execute("insert into template_installation (version, app_key, status, base_json, installed_by,"
                    + " installed_at, template_id) values (?, ?, ?, ?, ?, ?, ?)", values);
        }
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw new AccessDeniedException("installing templates needs the admin role");
        }
    }
}
