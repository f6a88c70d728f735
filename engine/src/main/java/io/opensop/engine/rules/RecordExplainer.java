package io.opensop.engine.rules;

import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.formula.CompiledFormula;
import io.opensop.engine.formula.FormulaType;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.Actor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * "Why this value" for a formula field of a stored record. Every sub-expression's value is shown,
 * so the actor must be allowed to see every field the formula reads; otherwise the explanation
 * would reveal hidden values and is refused.
 */
public final class RecordExplainer {

    private final FormulaSupport formulas;
    private final RecordService records;

    RecordExplainer(FormulaSupport formulas, RecordService records) {
        this.formulas = formulas;
        this.records = records;
    }

    public FieldExplanation explain(Actor actor, String formKey, long id, String fieldKey) {
        FormRecord record = records.get(actor, formKey, id);
        FormDefinition form = formulas.forms().current(formKey).orElseThrow().definition();
        FieldDefinition field = form.field(fieldKey).filter(f -> record.values().containsKey(f.key()))
                .orElseThrow(() -> new ValidationException(Problem.of(fieldKey, "unknown_field", fieldKey)));
        if (field.type() != FieldType.FORMULA) {
            throw new ValidationException(Problem.of(fieldKey, "not_a_formula", fieldKey));
        }
        CompiledFormula formula = formulas.compile(form, field.formula(), FormulaType.of(field.resultType()));
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (String read : formula.fieldsRead()) {
            if (!record.values().containsKey(read)) {
                throw new AccessDeniedException("the formula of " + fieldKey + " reads a field hidden from "
                        + actor.username());
            }
            inputs.put(read, record.values().get(read));
        }
        var context = formulas.context().withResolver(new ActorReferences(records, actor));
        return new FieldExplanation(formKey, id, fieldKey, field.formula(), record.values().get(fieldKey), inputs,
                formula.explain(FormulaInputs.of(form, record.values()), context));
    }
}
