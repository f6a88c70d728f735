package io.opensop.engine.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.opensop.engine.i18n.LocalizedText;
import java.util.List;
import java.util.Map;

/**
 * What a template package contains. {@code forms} are file paths inside the package, installed in
 * this order (a form must come after the forms it references); {@code sampleData} files hold
 * records to load when the installer asks for them; {@code dashboards} are dashboard definitions
 * (JSON files, usually in a {@code dashboards/} folder), installed after the forms they query.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TemplateManifest(String id, String version, LocalizedText name, LocalizedText description, String app,
                               Map<String, String> requires, List<String> forms, List<ProcessEntry> processes,
                               List<RoleEntry> roles, List<String> sampleData,
                               List<String> dashboards) {

    public List<String> formFiles() {
        return forms == null ? List.of() : forms;
    }

    public List<ProcessEntry> processList() {
        return processes == null ? List.of() : processes;
    }

    public List<String> dashboardFiles() {
        return dashboards == null ? List.of() : dashboards;
    }

    public List<String> sampleDataFiles() {
        return sampleData == null ? List.of() : sampleData;
    }

    /** A BPMN model of the package, deployed under {@code key}. */
    public record ProcessEntry(String key, String file) {
    }

    /** A role the package's permissions name, with a label for people. */
    public record RoleEntry(String key, LocalizedText label) {
    }
}
