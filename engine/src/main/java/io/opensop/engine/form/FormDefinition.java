package io.opensop.engine.form;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.opensop.engine.i18n.LocalizedText;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metadata document of a form: what ops staff design and the engine interprets.
 *
 * @param app         key of the app (bundle) the form belongs to
 * @param titleField  the field that names a record in pickers and lists
 * @param permissions operation ({@code create}, {@code read}, {@code update}, {@code delete},
 *                    {@code export}, {@code design}) to the roles that may do it; absent means the default policy
 * @param access      row scopes and field access by role
 * @param pipeline    stages and gates; interpreted by the workflow feature
 * @param sla         SLA clocks of the form's records (docs/workflow.md); interpreted by {@code io.opensop.engine.sla}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FormDefinition(
        String key,
        String app,
        LocalizedText label,
        LocalizedText description,
        String titleField,
        List<FieldDefinition> fields,
        List<SectionDefinition> sections,
        List<RuleDefinition> rules,
        Map<String, List<String>> permissions,
        FormAccess access,
        JsonNode pipeline,
        JsonNode sla) {

    /** Jackson must bind through the canonical constructor, not the shorter one kept for callers. */
    @JsonCreator
    public FormDefinition {
    }

    /** The attributes before SLA settings existed; kept so existing callers compile unchanged. */
    public FormDefinition(String key, String app, LocalizedText label, LocalizedText description, String titleField,
                          List<FieldDefinition> fields, List<SectionDefinition> sections, List<RuleDefinition> rules,
                          Map<String, List<String>> permissions, FormAccess access, JsonNode pipeline) {
        this(key, app, label, description, titleField, fields, sections, rules, permissions, access, pipeline, null);
    }

    @JsonIgnore
    public List<FieldDefinition> fieldList() {
        return fields == null ? List.of() : fields;
    }

    @JsonIgnore
    public List<RuleDefinition> ruleList() {
        return rules == null ? List.of() : rules;
    }

    public Optional<FieldDefinition> field(String fieldKey) {
        return fieldList().stream().filter(f -> f.key().equals(fieldKey)).findFirst();
    }
}
