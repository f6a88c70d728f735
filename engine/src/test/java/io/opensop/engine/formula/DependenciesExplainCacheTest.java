package io.opensop.engine.formula;

import static io.opensop.engine.formula.TestForms.dec;
import static io.opensop.engine.formula.TestForms.field;
import static io.opensop.engine.formula.TestForms.form;
import static io.opensop.engine.formula.TestForms.formula;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DependenciesExplainCacheTest extends FormulaFixture {

    @Test
    void formulaFieldsAreOrderedAfterTheFormulasTheyRead() {
        FormDefinition form = form("deal",
                formula("total", FieldType.MONEY, "net + tax"),
                formula("tax", FieldType.MONEY, "net * 13%"),
                field("price", FieldType.MONEY, "Price", "单价"),
                formula("net", FieldType.MONEY, "price * 2"),
                formula("label", FieldType.TEXT, "\"deal\""));
        assertThat(FormulaDependencies.order(form, FormulaSchema.of(form))).containsExactly("net", "tax", "total", "label");
    }

    @Test
    void aCycleIsRejectedNamingEveryFieldInIt() {
        FormDefinition form = form("deal",
                formula("a", FieldType.NUMBER, "b + 1"),
                formula("b", FieldType.NUMBER, "c + 1"),
                formula("c", FieldType.NUMBER, "a + 1"));
        assertThatThrownBy(() -> FormulaDependencies.order(form, FormulaSchema.of(form)))
                .isInstanceOf(FormulaException.class)
                .satisfies(e -> {
                    FormulaError error = ((FormulaException) e).errors().get(0);
                    assertThat(error.code()).isEqualTo("formula_cycle");
                    assertThat(error.message()).contains("a → b → c → a");
                    assertThat(error.message(java.util.Locale.SIMPLIFIED_CHINESE)).contains("循环依赖：a → b → c → a");
                });
    }

    @Test
    void aFormulaReadingItselfIsACycle() {
        FormDefinition form = form("deal", formula("a", FieldType.NUMBER, "a + 1"));
        assertThatThrownBy(() -> FormulaDependencies.order(form, FormulaSchema.of(form)))
                .hasMessageContaining("a → a");
    }

    @Test
    void anInvalidFormulaIsReportedWithTheFieldItBelongsTo() {
        FormDefinition form = form("deal", formula("a", FieldType.NUMBER, "nope + 1"));
        assertThatThrownBy(() -> FormulaDependencies.order(form, FormulaSchema.of(form)))
                .isInstanceOf(FormulaException.class)
                .satisfies(e -> assertThat(((FormulaException) e).errors()).extracting(FormulaError::code)
                        .containsExactly("invalid_field_formula", "unknown_field"));
    }

    @Test
    void explainShowsEverySubExpressionWithItsValue() {
        CompiledFormula compiled = ENGINE.compile(
                "IF(amount >= 50000 && payment_days <= 30, amount * 0.008, 0)", SCHEMA, null);
        FormulaExplanation why = compiled.explain(TestForms.values("amount", dec("60000"), "payment_days", dec("31")),
                TestForms.context());
        assertThat(why.source()).startsWith("IF(");
        assertThat((BigDecimal) why.value()).isEqualByComparingTo("0");
        FormulaExplanation condition = why.children().get(0);
        assertThat(condition.source()).isEqualTo("amount >= 50000 && payment_days <= 30");
        assertThat(condition.value()).isEqualTo(false);
        assertThat(condition.children()).extracting(FormulaExplanation::source)
                .containsExactly("amount >= 50000", "payment_days <= 30");
        assertThat(condition.children()).extracting(FormulaExplanation::value).containsExactly(true, false);
        assertThat(condition.children().get(1).children().get(0).value()).isEqualTo(dec("31"));
    }

    @Test
    void explainRecordsAnErrorInsteadOfFailing() {
        CompiledFormula compiled = ENGINE.compile("IF(TRUE, 1, 10 ^ 5000)", SCHEMA, null);
        FormulaExplanation why = compiled.explain(TestForms.values(), TestForms.context());
        assertThat(why.value()).isEqualTo(dec("1"));
        assertThat(why.children().get(0).error()).isEqualTo("power_exponent");
    }

    @Test
    void compilingTheSameFormulaTwiceReturnsTheCachedInstance() {
        FormulaEngine engine = new FormulaEngine(2);
        CompiledFormula first = engine.compile("amount * 2", SCHEMA, null);
        assertThat(engine.compile("amount * 2", SCHEMA, null)).isSameAs(first);
        assertThat(engine.compile("amount * 2", SCHEMA, FormulaType.MONEY)).isNotSameAs(first);
        engine.compile("amount * 3", SCHEMA, null);
        engine.compile("amount * 4", SCHEMA, null);
        assertThat(engine.cachedCount()).isEqualTo(2);
    }

    @Test
    void aChangedSchemaGetsItsOwnCompilation() {
        FormulaEngine engine = new FormulaEngine();
        FormDefinition v1 = form("deal", field("x", FieldType.NUMBER, "X", "甲"));
        FormDefinition v2 = form("deal", field("x", FieldType.TEXT, "X", "甲"));
        assertThat(engine.compile("x", FormulaSchema.of(v1), null).type()).isEqualTo(FormulaType.NUMBER);
        assertThat(engine.compile("x", FormulaSchema.of(v2), null).type()).isEqualTo(FormulaType.TEXT);
        assertThat(FormulaSchema.of(v1).fingerprint()).isEqualTo(FormulaSchema.of(v1).fingerprint());
    }

    @Test
    void aCompiledFormulaCanBeEvaluatedFromManyThreads() throws Exception {
        CompiledFormula compiled = ENGINE.compile("ROUND(amount * 0.8%, 2)", SCHEMA, null);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<Object>>();
            for (int i = 0; i < 200; i++) {
                BigDecimal amount = BigDecimal.valueOf(i * 100L);
                futures.add(pool.submit(() -> compiled.evaluate(TestForms.values("amount", amount), TestForms.context())));
            }
            for (int i = 0; i < 200; i++) {
                assertThat(futures.get(i).get()).isEqualTo(BigDecimal.valueOf(i * 100L).multiply(dec("0.008"))
                        .setScale(2, java.math.RoundingMode.HALF_UP));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
