package io.opensop.engine.formula;

import static io.opensop.engine.formula.TestForms.dec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sub-form columns as lists, COUNTIF/SUMIF, and navigation through a reference field. */
class ListsAndReferencesTest extends FormulaFixture {

    private static Map<String, Object> line(String product, String qty, String amount) {
        Map<String, Object> row = new HashMap<>();
        row.put("product", product);
        row.put("qty", qty == null ? null : dec(qty));
        row.put("amount", amount == null ? null : dec(amount));
        return row;
    }

    private static final List<Map<String, Object>> LINES = List.of(
            line("A", "2", "1000.50"), line("B", "1", "2500"), line("A", "3", null), line("C", null, "99.50"));

    @Test
    void sumOfASubFormColumnAddsEveryRowIgnoringBlanks() {
        assertThat((BigDecimal) eval("SUM(lines.amount)", "lines", LINES)).isEqualByComparingTo("3600.00");
        assertThat(typeOf("SUM(lines.amount)")).isEqualTo(FormulaType.MONEY);
        assertThat((BigDecimal) eval("SUM(lines.amount)")).isEqualByComparingTo("0");
    }

    @Test
    void columnsCanBeNamedByLabelInAnyLanguage() {
        assertThat((BigDecimal) eval("SUM({明细}.{行金额})", "lines", LINES)).isEqualByComparingTo("3600.00");
        assertThat((BigDecimal) eval("SUM({Lines}.qty)", "lines", LINES)).isEqualByComparingTo("6");
    }

    @Test
    void avgCountMinAndMaxWorkOnColumns() {
        assertThat((BigDecimal) eval("AVG(lines.amount)", "lines", LINES)).isEqualByComparingTo("1200");
        assertThat((BigDecimal) eval("COUNT(lines.amount)", "lines", LINES)).isEqualByComparingTo("3");
        assertThat((BigDecimal) eval("MIN(lines.amount)", "lines", LINES)).isEqualByComparingTo("99.50");
        assertThat((BigDecimal) eval("MAX(lines.qty, 10)", "lines", LINES)).isEqualByComparingTo("10");
    }

    @Test
    void countIfMatchesValuesOrCriteriaText() {
        assertThat((BigDecimal) eval("COUNTIF(lines.product, \"A\")", "lines", LINES)).isEqualByComparingTo("2");
        assertThat((BigDecimal) eval("COUNTIF(lines.product, \"<>A\")", "lines", LINES)).isEqualByComparingTo("2");
        assertThat((BigDecimal) eval("COUNTIF(lines.amount, \">=1000\")", "lines", LINES)).isEqualByComparingTo("2");
        assertThat((BigDecimal) eval("COUNTIF(lines.qty, 3)", "lines", LINES)).isEqualByComparingTo("1");
        assertThat((BigDecimal) eval("COUNTIF(lines.qty, payment_days)", "lines", LINES)).isEqualByComparingTo("0");
        assertThat(errors("COUNTIF(lines.amount, \"big\")")).containsExactly("invalid_criteria");
        assertThat(errors("COUNTIF(amount, 1)")).containsExactly("wrong_argument_type");
        assertThat(errors("COUNTIF(lines.qty, signed)")).containsExactly("wrong_argument_type");
    }

    @Test
    void sumIfAddsTheRowsWhoseCriterionHolds() {
        assertThat((BigDecimal) eval("SUMIF(lines.product, \"A\", lines.amount)", "lines", LINES))
                .isEqualByComparingTo("1000.50");
        assertThat((BigDecimal) eval("SUMIF(lines.amount, \">100\")", "lines", LINES)).isEqualByComparingTo("3500.50");
        assertThat(typeOf("SUMIF(lines.product, \"A\", lines.amount)")).isEqualTo(FormulaType.MONEY);
        assertThat(errors("SUMIF(lines.product, \"A\")")).containsExactly("wrong_argument_type");
        assertThat(errors("SUMIF(lines.product, \"A\", lines.product)")).containsExactly("wrong_argument_type");
    }

    @Test
    void aListOutsideAnAggregateIsATypeError() {
        assertThat(errors("lines.amount")).containsExactly("list_not_allowed");
        assertThat(errors("lines.amount + 1")).containsExactly("list_not_allowed");
        assertThat(errors("lines")).containsExactly("not_a_value");
        assertThat(errors("SUM(lines.options)")).containsExactly("list_column");
        assertThat(errors("lines.nothing")).containsExactly("unknown_field");
    }

    @Test
    void navigationThroughAReferenceAsksTheResolverOncePerRecord() {
        List<String> calls = new ArrayList<>();
        ReferenceResolver resolver = (form, id) -> {
            calls.add(form + "#" + id);
            return id == 7L ? Map.of("industry", "manufacturing", "credit_limit", dec("80000")) : null;
        };
        FormulaContext ctx = TestForms.context().withResolver(resolver);
        String f = "IF(customer.industry = \"manufacturing\", customer.credit_limit, 0) + 0 * customer.credit_limit";
        assertThat((BigDecimal) evalWith(ctx, f, "customer", 7L)).isEqualByComparingTo("80000");
        assertThat(calls).containsExactly("customer#7");
        assertThat((BigDecimal) evalWith(ctx, f, "customer", 8L)).isEqualByComparingTo("0");
        assertThat(evalWith(ctx, "customer.industry")).isNull();
        assertThat(evalWith(ctx, "{客户}.{行业}", "customer", 7L)).isEqualTo("manufacturing");
    }

    @Test
    void navigationIsCheckedAgainstTheTargetForm() {
        assertThat(errors("customer.nothing")).containsExactly("unknown_field");
        assertThat(errors("customer.parent.industry")).containsExactly("navigation_too_deep");
        assertThat(errors("amount.scale")).containsExactly("not_navigable");
        assertThat(typeOf("customer.parent")).isEqualTo(FormulaType.NUMBER);
        assertThat(typeOf("customer")).isEqualTo(FormulaType.NUMBER);
        FormulaSchema withoutTargets = FormulaSchema.of(TestForms.contract());
        assertThat(ENGINE.check("customer.industry", withoutTargets, null).errors())
                .extracting(FormulaError::code).containsExactly("not_navigable");
    }

    @Test
    void fieldsReadNameTheFieldsOfTheFormulasOwnForm() {
        CompiledFormula compiled = ENGINE.compile(
                "SUM(lines.amount) + customer.credit_limit + IF(signed, amount, 0)", SCHEMA, null);
        assertThat(compiled.fieldsRead()).containsExactlyInAnyOrder("lines", "customer", "signed", "amount");
    }

    @Test
    void aRecordValueOfTheWrongJavaTypeFailsWithAPosition() {
        assertThatThrownBy(() -> eval("1 + amount", "amount", 1.5d))
                .isInstanceOf(FormulaException.class)
                .satisfies(e -> {
                    FormulaError error = ((FormulaException) e).errors().get(0);
                    assertThat(error.code()).isEqualTo("bad_value");
                    assertThat(error.start()).isEqualTo(4);
                    assertThat(error.end()).isEqualTo(10);
                });
        assertThat((BigDecimal) eval("1 + amount", "amount", 2L)).isEqualByComparingTo("3");
    }
}
