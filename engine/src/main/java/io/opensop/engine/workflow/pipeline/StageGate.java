package io.opensop.engine.workflow.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.opensop.engine.i18n.LocalizedText;

/**
 * An entry gate of a stage, one of:
 * <ul>
 *   <li>{@code {"type": "required", "field": "amount"}}: the field is not blank;</li>
 *   <li>{@code {"type": "rule", "key": "margin_ok", "formula": "margin >= 0.1", "field": "margin"}}: a
 *       formula (docs/formulas.md) over the record is true; {@code field} is where the problem is shown;</li>
 *   <li>{@code {"type": "attachment", "field": "contract_file"}}: the attachment field holds a file;</li>
 *   <li>{@code {"type": "approval", "process": "deal_approval"}}: the record's latest instance of that
 *       process (BPMN process id) ended approved: completed at an end event other than {@code rejected}.</li>
 * </ul>
 *
 * @param key     names the gate in problems; defaults to {@code <type>_<field or process>}
 * @param message optional text for the designer; problems carry the code {@code gate_unmet}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StageGate(String key, String type, String field, String formula, String process,
                        LocalizedText message) {

    public static final String REQUIRED = "required";
    public static final String RULE = "rule";
    public static final String ATTACHMENT = "attachment";
    public static final String APPROVAL = "approval";

    /** The key problems name: the given key, else type and field or process. */
    public String effectiveKey() {
        if (key != null && !key.isBlank()) {
            return key;
        }
        return type + "_" + (field != null ? field : process);
    }

    /** Where a problem about this gate is shown: its field, else its key. */
    public String blames() {
        return field != null && !field.isBlank() ? field : effectiveKey();
    }
}
