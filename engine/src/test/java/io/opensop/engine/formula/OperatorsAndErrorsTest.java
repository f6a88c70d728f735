package io.opensop.engine.formula;

import static io.opensop.engine.formula.TestForms.dec;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Operators, precedence, blank semantics, and how errors are reported. */
class OperatorsAndErrorsTest extends FormulaFixture {

    private static BigDecimal num(String formula, Object... kv) {
        return (BigDecimal) eval(formula, kv);
    }

    @Test
    void precedenceFollowsTheDocumentedTable() {
        assertThat(num("1 + 2 * 3")).isEqualByComparingTo("7");
        assertThat(num("-2 ^ 2")).isEqualByComparingTo("-4");
        assertThat(num("2 ^ 3 ^ 2")).isEqualByComparingTo("512");
        assertThat(num("2 ^ -1")).isEqualByComparingTo("0.5");
        assertThat(eval("1 + 1 & \"x\"")).isEqualTo("2x");
        assertThat(eval("(1 < 2) = TRUE")).isEqualTo(true);
    }

    @Test
    void andBindsTighterThanOrAndConditionalsAreParenthesisedForMvel() {
        assertThat(eval("TRUE || FALSE && FALSE")).isEqualTo(true);
        assertThat(eval("IF(signed && amount > 1 || TRUE, 1, 2)")).isEqualTo(dec("1"));
        assertThat(eval("IF(signed && amount > 1, 1, 2)", "signed", true, "amount", dec("5"))).isEqualTo(dec("1"));
    }

    @Test
    void percentSignDirectlyAfterANumberIsAPercentAndWithASpaceIsTheRemainder() {
        assertThat(num("12.5%")).isEqualByComparingTo("0.125");
        assertThat(typeOf("12.5%")).isEqualTo(FormulaType.PERCENT);
        assertThat(num("10 % 3")).isEqualByComparingTo("1");
        assertThat(num("-7 % 3")).isEqualByComparingTo("2");
        assertThat(num("amount % 3", "amount", dec("10"))).isEqualByComparingTo("1");
        assertThat(errors("10%3")).containsExactly("unexpected_token");
    }

    @Test
    void blankCountsAsZeroInArithmeticAndDivisionByZeroIsBlank() {
        assertThat(num("amount + 5")).isEqualByComparingTo("5");
        assertThat(num("amount * 5")).isEqualByComparingTo("0");
        assertThat(num("-amount")).isEqualByComparingTo("0");
        assertThat(eval("5 / amount")).isNull();
        assertThat(eval("5 % 0")).isNull();
        assertThat(num("1 / 3")).isEqualTo(dec("0.3333333333"));
        assertThat(num("10 / 4")).isEqualTo(dec("2.5"));
    }

    @Test
    void comparisonsWithBlankAreFalseEvenNotEqual() {
        assertThat(eval("name = \"x\"")).isEqualTo(false);
        assertThat(eval("name <> \"x\"")).isEqualTo(false);
        assertThat(eval("amount < 1")).isEqualTo(false);
        assertThat(eval("name != \"x\"", "name", "y")).isEqualTo(true);
        assertThat(eval("amount == 480", "amount", dec("480.000"))).isEqualTo(true);
        assertThat(eval("sign_date < due_date", "sign_date", LocalDate.of(2024, 1, 1), "due_date", LocalDate.of(2024, 1, 2)))
                .isEqualTo(true);
    }

    @Test
    void moneyArithmeticTypesFollowTheDocumentedRules() {
        assertThat(typeOf("amount + amount")).isEqualTo(FormulaType.MONEY);
        assertThat(typeOf("amount * 2")).isEqualTo(FormulaType.MONEY);
        assertThat(typeOf("amount * rate")).isEqualTo(FormulaType.MONEY);
        assertThat(typeOf("amount / 12")).isEqualTo(FormulaType.MONEY);
        assertThat(typeOf("amount / amount")).isEqualTo(FormulaType.NUMBER);
        assertThat(typeOf("rate + rate")).isEqualTo(FormulaType.PERCENT);
        assertThat(typeOf("payment_days ^ 2")).isEqualTo(FormulaType.NUMBER);
    }

    @Test
    void mixingTextAndNumbersIsATypeErrorCoveringTheExpression() {
        FormulaCheck check = ENGINE.check("1 + name + 2", SCHEMA, null);
        assertThat(check.ok()).isFalse();
        FormulaError error = check.errors().get(0);
        assertThat(error.code()).isEqualTo("type_mismatch");
        assertThat(error.start()).isEqualTo(0);
        assertThat(error.end()).isEqualTo(8);
        assertThat(errors("signed > signed")).containsExactly("type_mismatch");
        assertThat(errors("sign_date = updated")).containsExactly("type_mismatch");
        assertThat(errors("-name")).containsExactly("operand_type");
    }

    @Test
    void unknownFieldsLabelsAndFunctionsAreReportedAtTheirPosition() {
        FormulaCheck check = ENGINE.check("nope + {无此字段} + FOO(1)", SCHEMA, null);
        assertThat(check.errors()).extracting(FormulaError::code)
                .containsExactly("unknown_field", "unknown_label", "unknown_function");
        assertThat(check.errors()).extracting(FormulaError::start).containsExactly(0, 7, 16);
        assertThat(check.errors()).extracting(FormulaError::end).containsExactly(4, 13, 19);
        assertThat(errors("{重复}")).containsExactly("ambiguous_label");
    }

    @Test
    void functionNamesAndKeywordsAreCaseInsensitiveButFieldKeysAreNot() {
        assertThat(eval("if(true, sum(1, 2), 0)")).isEqualTo(dec("3"));
        assertThat(eval("True and not False")).isEqualTo(true);
        assertThat(errors("AMOUNT")).containsExactly("unknown_field");
    }

    @Test
    void theExpectedTypeIsEnforcedWithNumericKindsInterchangeable() {
        assertThat(errors("name", FormulaType.MONEY)).containsExactly("expected_type_mismatch");
        assertThat(errors("amount > 1", FormulaType.TEXT)).containsExactly("expected_type_mismatch");
        assertThat(errors("payment_days * 2", FormulaType.MONEY)).isEmpty();
        assertThat(errors("sign_date", FormulaType.DATETIME)).containsExactly("expected_type_mismatch");
    }

    @Test
    void syntaxErrorsCarryCodesAndRanges() {
        FormulaCheck check = ENGINE.check("IF(amount > 1, 2", SCHEMA, null);
        assertThat(check.errors()).extracting(FormulaError::code).containsExactly("unclosed_parenthesis");
        assertThat(errors("")).containsExactly("empty_expression");
        assertThat(errors("1 +")).containsExactly("unexpected_end");
        assertThat(errors("\"abc")).containsExactly("unterminated_string");
        assertThat(errors("\"a\\nb\"")).containsExactly("invalid_escape");
        assertThat(errors("{合同金额")).containsExactly("unterminated_label");
        assertThat(errors("{}")).containsExactly("empty_label");
        assertThat(errors("1 < 2 < 3")).containsExactly("chained_comparison");
        assertThat(errors("1e3")).containsExactly("invalid_number");
        assertThat(errors("合同金额 > 1")).containsExactly("invalid_identifier_character");
        assertThat(eval("\"say \\\"hi\\\" \\\\ bye\"")).isEqualTo("say \"hi\" \\ bye");
    }

    @Test
    void messagesAreAvailableInEnglishAndSimplifiedChinese() {
        FormulaError error = ENGINE.check("ROUND(name, 2)", SCHEMA, null).errors().get(0);
        assertThat(error.message()).isEqualTo("Argument 1 of ROUND must be a number, not text.");
        assertThat(error.message(Locale.SIMPLIFIED_CHINESE)).isEqualTo("ROUND 的第 1 个参数应为数字，而不是文本。");
        FormulaError unknown = ENGINE.check("nope", SCHEMA, null).errors().get(0);
        assertThat(unknown.message(Locale.CHINA)).isEqualTo("未知字段“nope”。");
        FormulaError label = ENGINE.check("合同 > 1", SCHEMA, null).errors().get(0);
        assertThat(label.message()).contains("{合同金额}");
    }

    @Test
    void everyCodeTheEngineCanRaiseHasAMessageInBothLanguages() throws Exception {
        java.util.Properties en = new java.util.Properties();
        java.util.Properties zh = new java.util.Properties();
        try (var a = getClass().getResourceAsStream("/io/opensop/engine/formula/messages.properties");
             var b = getClass().getResourceAsStream("/io/opensop/engine/formula/messages_zh_CN.properties")) {
            en.load(new java.io.InputStreamReader(a, java.nio.charset.StandardCharsets.UTF_8));
            zh.load(new java.io.InputStreamReader(b, java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(zh.keySet()).isEqualTo(en.keySet());
    }
}
