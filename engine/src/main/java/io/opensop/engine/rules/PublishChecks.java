package io.opensop.engine.rules;

import io.opensop.engine.error.Problem;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.RollupDefinition;
import io.opensop.engine.form.RuleDefinition;
import io.opensop.engine.formula.FormulaCheck;
import io.opensop.engine.formula.FormulaDependencies;
import io.opensop.engine.formula.FormulaError;
import io.opensop.engine.formula.FormulaException;
import io.opensop.engine.formula.FormulaSchema;
import io.opensop.engine.formula.FormulaType;
import io.opensop.engine.metadata.PublishCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Refuses to publish a form whose formulas, conditions, rules or roll-ups would fail at save time:
 * each is type-checked against the form's schema (references resolve to published forms, as when
 * saving) and formula fields must not depend on each other in a cycle.
 */
final class PublishChecks implements PublishCheck {

    private final FormulaSupport formulas;

    PublishChecks(FormulaSupport formulas) {
        this.formulas = formulas;
    }

    @Override
    public List<Problem> problems(FormDefinition form, Function<String, Optional<FormDefinition>> forms) {
        FormulaSchema schema = formulas.schema(form);
        List<Problem> problems = new ArrayList<>();
        List<FieldDefinition> fields = form.fieldList();
        for (int i = 0; i < fields.size(); i++) {
            FieldDefinition field = fields.get(i);
            String at = "$.fields[" + i + "]";
            if (field.type() == FieldType.FORMULA && field.resultType() != null) {
                check(field.formula(), schema, FormulaType.of(field.resultType()), at + ".formula", problems);
            }
            check(field.requiredWhen(), schema, FormulaType.BOOLEAN, at + ".requiredWhen", problems);
            check(field.visibleWhen(), schema, FormulaType.BOOLEAN, at + ".visibleWhen", problems);
            check(field.readOnlyWhen(), schema, FormulaType.BOOLEAN, at + ".readOnlyWhen", problems);
            if (field.type() == FieldType.ROLLUP && field.rollup() != null) {
                new RollupCheck(formulas, form, field, at, forms).check(problems);
            }
        }
        for (int i = 0; i < form.ruleList().size(); i++) {
            RuleDefinition rule = form.ruleList().get(i);
            check(rule.expression(), schema, FormulaType.BOOLEAN, "$.rules[" + i + "].expression", problems);
        }
        if (problems.isEmpty()) {
            checkCycles(form, schema, problems);
        }
        return problems;
    }

    private void check(String expression, FormulaSchema schema, FormulaType expected, String path,
                       List<Problem> problems) {
        if (expression == null) {
            return;
        }
        FormulaCheck result = formulas.engine().check(expression, schema, expected);
        result.errors().forEach(error -> problems.add(FormulaProblems.of(path, error)));
    }

    private static void checkCycles(FormDefinition form, FormulaSchema schema, List<Problem> problems) {
        try {
            FormulaDependencies.order(form, schema);
        } catch (FormulaException e) {
            FormulaError first = e.errors().get(0);
            if ("formula_cycle".equals(first.code())) {
                String cycle = (String) first.args().get(0);
                String start = cycle.substring(0, cycle.indexOf(' ') < 0 ? cycle.length() : cycle.indexOf(' '));
                problems.add(Problem.of(pathOf(form, start), "formula_cycle", cycle));
            } else {
                e.errors().forEach(error -> problems.add(FormulaProblems.of("$.fields", error)));
            }
        }
    }

    private static String pathOf(FormDefinition form, String fieldKey) {
        for (int i = 0; i < form.fieldList().size(); i++) {
            if (fieldKey.equals(form.fieldList().get(i).key())) {
                return "$.fields[" + i + "].formula";
            }
        }
        return "$.fields";
    }

    /** One roll-up: the child form, its reference back to this form, the aggregated field, the filter. */
    private record RollupCheck(FormulaSupport formulas, FormDefinition form, FieldDefinition field, String at,
                               Function<String, Optional<FormDefinition>> forms) {

        void check(List<Problem> problems) {
            RollupDefinition rollup = field.rollup();
            Optional<FormDefinition> child = forms.apply(rollup.form());
            if (child.isEmpty()) {
                problems.add(Problem.of(at + ".rollup.form", "unknown_form", rollup.form()));
                return;
            }
            if (rollup.period() != null) {
                checkPeriod(child.get(), rollup.period(), problems);
            } else {
                Optional<FieldDefinition> reference = child.get().field(rollup.reference());
                if (reference.isEmpty() || reference.get().type() != FieldType.REFERENCE
                        || !form.key().equals(reference.get().target())) {
                    problems.add(Problem.of(at + ".rollup.reference", "rollup_reference", rollup.reference(),
                            rollup.form(), form.key()));
                }
            }
            checkAggregated(child.get(), rollup, problems);
            if (rollup.filter() != null) {
                FormulaSchema childSchema = formulas.schema(child.get());
                formulas.engine().check(rollup.filter(), childSchema, FormulaType.BOOLEAN).errors()
                        .forEach(error -> problems.add(FormulaProblems.of(at + ".rollup.filter", error)));
            }
        }

        /** The holding form's owner (user) and start (date) fields, and the child's date or datetime. */
        private void checkPeriod(FormDefinition child, RollupDefinition.Period period, List<Problem> problems) {
            if (form.field(period.owner()).map(FieldDefinition::type).orElse(null) != FieldType.USER) {
                problems.add(Problem.of(at + ".rollup.period.owner", "rollup_period_field", period.owner(), "user",
                        form.key()));
            }
            if (form.field(period.start()).map(FieldDefinition::storedType).orElse(null) != FieldType.DATE) {
                problems.add(Problem.of(at + ".rollup.period.start", "rollup_period_field", period.start(), "date",
                        form.key()));
            }
            FieldType date = child.field(period.dateField()).map(FieldDefinition::storedType).orElse(null);
            if (!RollupDefinition.Period.CREATED_AT.equals(period.dateField())
                    && date != FieldType.DATE && date != FieldType.DATETIME) {
                problems.add(Problem.of(at + ".rollup.period.date", "rollup_period_field", period.dateField(),
                        "date/datetime", child.key()));
            }
        }

        private void checkAggregated(FormDefinition child, RollupDefinition rollup, List<Problem> problems) {
            if (rollup.aggregate() == RollupDefinition.Aggregate.COUNT) {
                requireResult(field.resultType() != null && field.resultType().numeric(), problems);
                return;
            }
            FieldType type = child.field(rollup.field()).map(FieldDefinition::storedType).orElse(null);
            boolean temporal = type == FieldType.DATE || type == FieldType.DATETIME;
            boolean minMax = rollup.aggregate() == RollupDefinition.Aggregate.MIN
                    || rollup.aggregate() == RollupDefinition.Aggregate.MAX;
            if (type == null || !(type.numeric() || minMax && temporal)) {
                problems.add(Problem.of(at + ".rollup.field", "rollup_field", String.valueOf(rollup.field()),
                        rollup.aggregate().name()));
                return;
            }
            requireResult(temporal ? field.resultType() == type
                    : field.resultType() != null && field.resultType().numeric(), problems);
        }

        private void requireResult(boolean fits, List<Problem> problems) {
            if (!fits) {
                problems.add(Problem.of(at + ".resultType", "rollup_result_type",
                        field.resultType() == null ? "" : field.resultType().json(), field.rollup().aggregate().name()));
            }
        }
    }
}
