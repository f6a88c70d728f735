package io.opensop.engine.workflow.camundaforms;

import io.opensop.engine.error.Problem;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.RuleDefinition;
import io.opensop.engine.formula.FormulaContext;
import io.opensop.engine.formula.FormulaEngine;
import io.opensop.engine.formula.FormulaException;
import io.opensop.engine.formula.FormulaSchema;
import io.opensop.engine.formula.WorkCalendar;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.record.PublishedForms;
import io.opensop.engine.workflow.TaskCompletionCheck;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Enforces rules scoped {@code task:<activityId>} when that task is completed (record saves check
 * only {@code always} rules). Like every rule, only FALSE refuses; blank passes. Imported Camunda
 * forms put their task-form validation here.
 */
public final class TaskScopedRules implements TaskCompletionCheck {

    private final PublishedForms forms;
    private final Clock clock;
    private final FormulaEngine formulas = new FormulaEngine();

    public TaskScopedRules(PublishedForms forms, Clock clock) {
        this.forms = forms;
        this.clock = clock;
    }

    @Override
    public List<Problem> problems(String activityId, FormDefinition form, FormRecord saved) {
        List<Problem> problems = new ArrayList<>();
        String scope = "task:" + activityId;
        FormulaSchema schema = null;
        for (RuleDefinition rule : form.ruleList()) {
            if (!scope.equals(rule.scope())) {
                continue;
            }
            if (schema == null) {
                schema = FormulaSchema.of(form, key -> forms.current(key).map(PublishedForm::definition));
            }
            Object result;
            try {
                result = formulas.compile(rule.expression().trim(), schema, null).evaluate(saved.values(),
                        new FormulaContext(clock, clock.getZone(), WorkCalendar.standard(), (k, id) -> Map.of()));
            } catch (FormulaException e) {
                result = Boolean.FALSE;
            }
            if (Boolean.FALSE.equals(result)) {
                String message = rule.message() == null ? rule.key() : rule.message().in(Locale.ENGLISH);
                List<String> blamed = rule.fields() == null || rule.fields().isEmpty() ? List.of(rule.key())
                        : rule.fields();
                blamed.forEach(field -> problems.add(Problem.of(field, "rule_failed", message, rule.key())));
            }
        }
        return problems;
    }
}
