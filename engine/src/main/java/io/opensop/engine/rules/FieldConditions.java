package io.opensop.engine.rules;

import io.opensop.engine.error.Problem;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordValues;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * requiredWhen, visibleWhen and readOnlyWhen. A condition that comes out blank counts as FALSE, as
 * everywhere in the language: a blank visibleWhen hides, a blank requiredWhen does not require.
 */
final class FieldConditions {

    private final FormulaSupport formulas;

    FieldConditions(FormulaSupport formulas) {
        this.formulas = formulas;
    }

    void check(FormDefinition form, FormRecord previous, Map<String, Object> values, List<Problem> problems) {
        for (FieldDefinition field : form.fieldList()) {
            if (!field.type().clientWritable()) {
                continue;
            }
            if (field.readOnlyWhen() != null && changed(field, previous, values)
                    && holds(form, field.readOnlyWhen(), previous == null ? values : previous.values())) {
                problems.add(Problem.of(field.key(), "read_only"));
                continue;
            }
            if (RecordValues.isBlank(values.get(field.key())) && required(form, field, values)
                    && problems.stream().noneMatch(p -> field.key().equals(p.field()))) {
                problems.add(Problem.of(field.key(), "required"));
            }
        }
    }

    /**
     * Judged on the record as stored when updating, i.e. as the editor saw it, so one save cannot
     * both lift the lock and change the locked value; on the new values when creating.
     */
    private static boolean changed(FieldDefinition field, FormRecord previous, Map<String, Object> values) {
        if (previous == null) {
            // a new record starts from the default; only a value the client chose differs from it
            return field.defaultValue() == null && !RecordValues.isBlank(values.get(field.key()));
        }
        return !Objects.equals(previous.values().get(field.key()), values.get(field.key()));
    }

    private boolean required(FormDefinition form, FieldDefinition field, Map<String, Object> values) {
        if (field.visibleWhen() != null && !holds(form, field.visibleWhen(), values)) {
            return false;
        }
        return field.requiresValue() && field.visibleWhen() != null
                || field.requiredWhen() != null && holds(form, field.requiredWhen(), values);
    }

    private boolean holds(FormDefinition form, String condition, Map<String, Object> values) {
        return Boolean.TRUE.equals(formulas.condition(form, condition, values));
    }
}
