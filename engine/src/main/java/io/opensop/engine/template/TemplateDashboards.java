package io.opensop.engine.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opensop.engine.dashboard.Dashboard;
import io.opensop.engine.dashboard.DashboardDefinition;
import io.opensop.engine.dashboard.DashboardService;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.security.Actor;
import io.opensop.engine.support.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboards of template packages, handled like forms: installed when absent, never over a
 * different dashboard of the same key, upgraded by a three-way merge against the version the
 * template delivered (widgets merge by key), exported with the app.
 */
final class TemplateDashboards {

    static final String BASE = "dashboards";

    private final DashboardService dashboards;

    TemplateDashboards(DashboardService dashboards) {
        this.dashboards = dashboards;
    }

    Map<String, DashboardDefinition> read(TemplatePackage template) {
        Map<String, DashboardDefinition> read = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (String file : template.manifest().dashboardFiles()) {
            try {
                DashboardDefinition definition = Json.mapper().readValue(template.text(file), DashboardDefinition.class);
                read.put(definition.key(), definition);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                problems.add(Problem.of(file, "invalid_value", e.getOriginalMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return read;
    }

    /** Refuses an install that would overwrite a dashboard the template did not deliver. */
    void checkNoForeign(Map<String, DashboardDefinition> definitions, List<Problem> problems) {
        definitions.values().forEach(d -> dashboards.stored(d.key()).map(Dashboard::definition).filter(existing -> !existing.equals(d))
                .ifPresent(existing -> problems.add(Problem.of("dashboard:" + d.key(), "template_dashboard_exists",
                        d.key()))));
    }

    List<TemplateChange> install(Actor actor, Map<String, DashboardDefinition> definitions) {
        List<TemplateChange> changes = new ArrayList<>();
        for (DashboardDefinition definition : definitions.values()) {
            String document = "dashboard:" + definition.key();
            if (dashboards.stored(definition.key()).isPresent()) {
                changes.add(new TemplateChange(document, "$", "unchanged"));
            } else {
                dashboards.save(actor, definition, null);
                changes.add(new TemplateChange(document, "$", "added"));
            }
        }
        return changes;
    }

    /** The merged dashboards an upgrade saves; every merge decision is added to {@code changes}. */
    Map<String, DashboardDefinition> merge(TemplatePackage template, JsonNode base, List<TemplateChange> changes) {
        Map<String, DashboardDefinition> merged = new LinkedHashMap<>();
        Map<String, DashboardDefinition> next = read(template);
        for (DashboardDefinition theirs : next.values()) {
            String document = "dashboard:" + theirs.key();
            JsonNode baseNode = base.path(BASE).get(theirs.key());
            Optional<DashboardDefinition> current = dashboards.stored(theirs.key()).map(Dashboard::definition);
            if (current.isEmpty()) {
                changes.add(new TemplateChange(document, "$", "added"));
                merged.put(theirs.key(), theirs);
                continue;
            }
            if (baseNode == null) {
                changes.add(new TemplateChange(document, "$", current.get().equals(theirs) ? "unchanged" : "conflict"));
                continue;
            }
            JsonNode ours = Json.mapper().valueToTree(current.get());
            JsonMerge merge = new JsonMerge();
            JsonNode result = merge.merge(baseNode, ours, Json.mapper().valueToTree(theirs), "$");
            merge.changes().forEach(c -> changes.add(new TemplateChange(document, c.path(), c.kind())));
            if (!result.equals(ours)) {
                merged.put(theirs.key(), Json.mapper().convertValue(result, DashboardDefinition.class));
            }
        }
        base.path(BASE).fieldNames().forEachRemaining(key -> {
            if (!next.containsKey(key)) {
                changes.add(new TemplateChange("dashboard:" + key, "$", "removed_upstream_kept"));
            }
        });
        return merged;
    }

    /** Problems of merged dashboards, checked before anything is written. */
    void validate(Actor actor, Map<String, DashboardDefinition> merged, List<Problem> problems) {
        merged.values().forEach(d -> dashboards.validate(actor, d).forEach(p ->
                problems.add(Problem.of("dashboard:" + d.key() + ":" + p.field(), p.code(), p.args().toArray()))));
    }

    void save(Actor actor, Map<String, DashboardDefinition> merged) {
        for (DashboardDefinition definition : merged.values()) {
            Integer version = dashboards.stored(definition.key()).map(Dashboard::version).orElse(null);
            dashboards.save(actor, definition, version);
        }
    }

    void putBase(TemplatePackage template, ObjectNode base) {
        ObjectNode node = base.putObject(BASE);
        read(template).forEach((key, definition) -> node.set(key, Json.mapper().valueToTree(definition)));
    }

    /** Adds the app's dashboards to an export; returns their paths for the manifest. */
    List<String> export(String app, Map<String, byte[]> files) {
        List<String> paths = new ArrayList<>();
        for (DashboardDefinition definition : dashboards.ofApp(app)) {
            String path = "dashboards/" + definition.key() + ".json";
            files.put(path, Json.write(definition).getBytes(StandardCharsets.UTF_8));
            paths.add(path);
        }
        return paths;
    }
}
