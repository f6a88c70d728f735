package io.opensop.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.EngineServices;
import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.formula.FormulaCheck;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.rules.FormulaTools.FieldUse;
import io.opensop.engine.security.Actor;
import io.opensop.engine.testing.EngineHarness;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The formula editor's design-time tools: formulas checked and tried against a definition that is
 * being edited (never published, or edited since), and which formulas read a field.
 */
abstract class FormulaDesignToolsContract {

    private HikariDataSource dataSource;
    private EngineServices engine;
    private final Actor admin = EngineHarness.admin();
    private final Actor designer = EngineHarness.user(7, "dora", Actor.DESIGNER);
    private final Actor rep = EngineHarness.user(8, "rick", "sales_rep");

    protected abstract HikariDataSource newDatabase();

    @BeforeEach
    void startEngine() {
        dataSource = newDatabase();
        engine = new EngineHarness(dataSource).engine;
    }

    @AfterEach
    void closeDatabase() {
        dataSource.close();
    }

    private static FormDefinition quote(String discountFormula) {
        return FormJson.read("""
                {"key":"quote","label":{"en":"Quote","zh-CN":"报价"},
                 "fields":[
                   {"key":"amount","type":"money","label":{"en":"Amount","zh-CN":"金额"},"currency":"CNY"},
                   {"key":"vip","type":"boolean","label":{"en":"VIP"}},
                   {"key":"discount","type":"formula","label":{"en":"Discount"},"resultType":"money",
                    "formula":"%s"},
                   {"key":"reason","type":"text","label":{"en":"Reason"},"requiredWhen":"amount > 1000"}
                 ],
                 "rules":[{"key":"positive","expression":"amount > 0","fields":["amount"],
                   "message":{"en":"Amount must be positive","zh-CN":"金额必须为正"}}]}
                """.formatted(discountFormula));
    }

    @Test
    void aFormulaIsCheckedAgainstADraftThatWasNeverPublished() {
        FormDefinition draft = quote("amount * 5%");
        FormulaCheck ok = engine.formulaTools().checkDesign(designer, draft, "IF(vip, amount * 10%, 0)",
                FieldType.MONEY);
        assertThat(ok.ok()).isTrue();

        FormulaCheck bad = engine.formulaTools().checkDesign(designer, draft, "amount + discont", null);
        assertThat(bad.ok()).isFalse();
        assertThat(bad.errors()).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo("unknown_field");
            assertThat(error.start()).isEqualTo(9);
            assertThat(error.end()).isEqualTo(16);
        });
        assertThat(engine.forms().exists("quote")).as("checking stores nothing").isFalse();
    }

    @Test
    void someoneWhoMayNotDesignCannotUseTheDesignTools() {
        FormDefinition draft = quote("amount * 5%");
        assertThatThrownBy(() -> engine.formulaTools().checkDesign(rep, draft, "amount", null))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> engine.formulaTools().evaluateDesign(rep, draft, "amount", Map.of()))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aDraftFormulaIsTriedOnHandEnteredValues() {
        FormulaTools.Evaluation result = engine.formulaTools().evaluateDesign(designer, quote("amount * 5%"),
                "IF(vip, amount * 10%, 0)", Map.of("amount", "2000.00", "vip", true));
        assertThat((BigDecimal) result.value()).isEqualByComparingTo("200");
        assertThat(result.type().displayName()).isEqualTo("money");
    }

    @Test
    void anEditedFormulaIsTriedOnAStoredRecordOfThePublishedForm() {
        engine.forms().create(admin, quote("amount * 5%"));
        engine.forms().publish(admin, "quote", false);
        FormRecord stored = engine.records().create(admin, "quote", Map.of("amount", "3000", "vip", false,
                "reason", "bulk"));

        FormulaTools.Evaluation result = engine.formulaTools().evaluateDesignOnRecord(designer,
                quote("amount * 7%"), "amount * 7% + IF(vip, 1, 0)", stored.id());
        assertThat((BigDecimal) result.value()).isEqualByComparingTo("210");

        assertThatThrownBy(() -> engine.formulaTools().evaluateDesignOnRecord(designer, quote("amount"), "amount",
                stored.id() + 1000)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theToolsNameEveryFormulaConditionAndRuleThatReadsAField() {
        FormDefinition draft = quote("IF(vip, amount * 10%, 0)");
        assertThat(engine.formulaTools().usesOf(draft, "amount")).containsExactly(
                new FieldUse("discount", "formula"), new FieldUse("reason", "requiredWhen"),
                new FieldUse("positive", "rule"));
        assertThat(engine.formulaTools().usesOf(draft, "vip")).containsExactly(new FieldUse("discount", "formula"));
        assertThat(engine.formulaTools().usesOf(draft, "reason")).isEmpty();
    }
}
