package io.opensop.engine.form;

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
        JsonNode pipeline) {

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
