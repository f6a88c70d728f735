package io.opensop.engine.rules;

import io.opensop.engine.error.Problem;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.record.RecordValues;
import io.opensop.engine.record.StoredRecords;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Unique fields, by a query inside the save transaction. Only a value that is new or changed is
 * checked, so duplicates stored before the field became unique do not block unrelated edits.
 */
final class UniqueCheck {

    private final StoredRecords records;

    UniqueCheck(StoredRecords records) {
        this.records = records;
    }

    void check(PublishedForm form, FormRecord previous, Map<String, Object> values, List<Problem> problems) {
        for (FieldDefinition field : form.definition().fieldList()) {
            Object value = values.get(field.key());
            if (!field.mustBeUnique() || RecordValues.isBlank(value) || value instanceof List<?>
                    || previous != null && Objects.equals(previous.values().get(field.key()), value)
                    || problems.stream().anyMatch(p -> field.key().equals(p.field()))) {
                continue;
            }
            if (records.taken(form, field, value, previous == null ? null : previous.id())) {
                problems.add(Problem.of(field.key(), "not_unique", String.valueOf(value)));
            }
        }
    }
}
