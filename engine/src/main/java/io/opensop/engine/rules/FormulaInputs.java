package io.opensop.engine.rules;

import io.opensop.engine.attachment.AttachmentRef;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stored values as formulas expect them. Only attachments differ: the store keeps file descriptions,
 * formulas see a list of text (the file ids), which is all ISBLANK, COUNT and CONTAINS need.
 */
final class FormulaInputs {

    private FormulaInputs() {
    }

    static Map<String, Object> of(FormDefinition form, Map<String, Object> values) {
        Map<String, Object> inputs = null;
        for (FieldDefinition field : form.fieldList()) {
            if ((field.type() == FieldType.ATTACHMENT || field.type() == FieldType.SIGNATURE)
                    && values.get(field.key()) instanceof List<?> files) {
                if (inputs == null) {
                    inputs = new HashMap<>(values);
                }
                List<Object> ids = new ArrayList<>();
                files.forEach(f -> ids.add(f instanceof AttachmentRef ref ? ref.id() : f));
                inputs.put(field.key(), ids);
            }
        }
        return inputs == null ? values : inputs;
    }
}
