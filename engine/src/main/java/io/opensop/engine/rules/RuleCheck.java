package io.opensop.engine.rules;

import io.opensop.engine.error.Problem;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.RuleDefinition;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Validation rules that hold on every save (scope absent or {@code always}); stage and task rules
 * are the workflow's to check. Only FALSE refuses: a rule that comes out blank passes, so a rule can
 * be written to apply only sometimes ({@code IF(stage = "won", ISBLANK(lost_reason))}).
 */
final class RuleCheck {

    static final String ALWAYS = "always";

    private final FormulaSupport formulas;

    RuleCheck(FormulaSupport formulas) {
        this.formulas = formulas;
    }

    void check(FormDefinition form, Map<String, Object> values, Locale locale, List<Problem> problems) {
        for (RuleDefinition rule : form.ruleList()) {
            if (!appliesAlways(rule)) {
                continue;
            }
            if (Boolean.FALSE.equals(formulas.condition(form, rule.expression(), values))) {
                String message = rule.message() == null ? rule.key() : rule.message().in(locale);
                List<String> blamed = rule.fields() == null || rule.fields().isEmpty() ? List.of(rule.key())
                        : rule.fields();
                blamed.forEach(field -> problems.add(Problem.of(field, "rule_failed", message, rule.key())));
            }
        }
    }

    static boolean appliesAlways(RuleDefinition rule) {
        return rule.scope() == null || rule.scope().isBlank() || ALWAYS.equals(rule.scope());
    }
}
