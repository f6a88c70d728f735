package io.opensop.engine.workflow;

import io.opensop.engine.error.EngineException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.formula.CompiledFormula;
import io.opensop.engine.formula.FormulaContext;
import io.opensop.engine.formula.FormulaEngine;
import io.opensop.engine.formula.FormulaException;
import io.opensop.engine.formula.FormulaSchema;
import io.opensop.engine.formula.WorkCalendar;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.record.PublishedForms;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.Actor;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates formula-language conditions and script tasks against the current values of the
 * process's record, loaded by id at the moment of evaluation (inside the completing transaction,
 * so a task's own edits are seen). Results become process variables, so they are converted to
 * Camunda's primitive types: decimals and dates become exact strings, booleans stay booleans.
 */
public final class RecordConditions {

    private final RecordService records;
    private final PublishedForms forms;
    private final FormulaEngine formulas;
    private final Clock clock;
    private final ZoneId zone;
    private final WorkCalendar calendar;

    public RecordConditions(RecordService records, PublishedForms forms, FormulaEngine formulas, Clock clock,
                            ZoneId zone, WorkCalendar calendar) {
        this.records = records;
        this.forms = forms;
        this.formulas = formulas;
        this.clock = clock;
        this.zone = zone;
        this.calendar = calendar;
    }

    /**
     * @param elementId the BPMN element evaluating (named in errors)
     * @throws ValidationException when the process has no record or the formula does not fit the form
     */
    Object evaluate(Object formKey, Object recordId, String formula, String elementId) {
        String at = elementId == null ? "process" : elementId;
        if (!(formKey instanceof String key) || !(recordId instanceof Number id)) {
            throw new ValidationException(Problem.of(at, "process_without_record"));
        }
        PublishedForm form = forms.current(key).orElseThrow(() -> new NotFoundException("form", key));
        FormRecord record = records.get(Actor.system(), key, id.longValue());
        FormulaSchema schema = FormulaSchema.of(form.definition(), this::definition);
        try {
            CompiledFormula compiled = formulas.compile(formula.trim(), schema, null);
            FormulaContext context = new FormulaContext(clock, zone, calendar, this::referenced);
            return toVariable(compiled.evaluate(record.values(), context));
        } catch (FormulaException e) {
            throw new ValidationException(Problem.of(at, "condition_invalid", formula.trim(),
                    e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).message(Locale.ENGLISH)));
        }
    }

    private Optional<FormDefinition> definition(String formKey) {
        return forms.current(formKey).map(PublishedForm::definition);
    }

    private Map<String, Object> referenced(String formKey, long id) {
        try {
            return records.get(Actor.system(), formKey, id).values();
        } catch (EngineException missing) {
            return Map.of();
        }
    }

    private static Object toVariable(Object value) {
        if (value == null || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }
}
