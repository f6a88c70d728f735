package io.opensop.engine.formula;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

/** Shared helpers: evaluate against the contract form, or collect the error codes of a check. */
abstract class FormulaFixture {

    static final FormulaEngine ENGINE = new FormulaEngine();
    static final FormulaSchema SCHEMA = TestForms.schema();

    static Object eval(String formula, Object... keyValues) {
        return evalWith(TestForms.context(), formula, keyValues);
    }

    static Object evalWith(FormulaContext ctx, String formula, Object... keyValues) {
        Map<String, Object> values = TestForms.values(keyValues);
        return ENGINE.compile(formula, SCHEMA, null).evaluate(values, ctx);
    }

    static List<String> errors(String formula) {
        return errors(formula, null);
    }

    static List<String> errors(String formula, FormulaType expected) {
        FormulaCheck check = ENGINE.check(formula, SCHEMA, expected);
        assertThat(check.ok()).as("check of %s", formula).isEqualTo(check.errors().isEmpty());
        return check.errors().stream().map(FormulaError::code).toList();
    }

    static FormulaType typeOf(String formula) {
        FormulaCheck check = ENGINE.check(formula, SCHEMA, null);
        assertThat(check.errors()).as("errors of %s", formula).isEmpty();
        return check.type();
    }
}
