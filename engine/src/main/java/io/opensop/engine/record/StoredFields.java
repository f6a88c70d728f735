package io.opensop.engine.record;

import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import java.util.LinkedHashMap;
import java.util.Map;

/** The fields of a form that own a column, by path ({@code key} or {@code subForm.column}). */
final class StoredFields {

    private StoredFields() {
    }

    static Map<String, FieldDefinition> columns(FormDefinition form) {
        Map<String, FieldDefinition> byPath = new LinkedHashMap<>();
        if (form == null) {
            return byPath;
        }
        for (FieldDefinition field : form.fieldList()) {
            if (field.type() == FieldType.SUB_FORM) {
                for (FieldDefinition column : field.subFields()) {
                    byPath.put(field.key() + "." + column.key(), column);
                }
            } else {
                byPath.put(field.key(), field);
            }
        }
        return byPath;
    }

    static Map<String, FieldDefinition> subForms(FormDefinition form) {
        Map<String, FieldDefinition> subForms = new LinkedHashMap<>();
        if (form != null) {
            form.fieldList().stream().filter(f -> f.type() == FieldType.SUB_FORM)
                    .forEach(f -> subForms.put(f.key(), f));
        }
        return subForms;
    }

    static String tablePath(String fieldPath) {
        int dot = fieldPath.indexOf('.');
        return dot < 0 ? LayoutRepository.MAIN_TABLE_PATH : fieldPath.substring(0, dot);
    }

    static String key(String fieldPath) {
        int dot = fieldPath.indexOf('.');
        return dot < 0 ? fieldPath : fieldPath.substring(dot + 1);
    }
}
