package io.opensop.engine.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Things an untrusted author might type to reach Java through MVEL. Every one must be rejected before
 * code generation, and none may have an effect: the marker property and file must never appear.
 */
class EscapeAttemptsTest extends FormulaFixture {

    private static final String PROPERTY = "opensop.formula.pwned";
    private static final String FILE = System.getProperty("java.io.tmpdir") + "/opensop-formula-pwned";
    private static final String SET = "System.setProperty(\"" + PROPERTY + "\", \"1\")";
    private static final String TOUCH = "new java.io.File(\"" + FILE + "\").createNewFile()";

    static Stream<String> attempts() {
        return Stream.of(
                SET,
                "java.lang." + SET,
                TOUCH,
                "Runtime.getRuntime().exec(\"touch " + FILE + "\")",
                "java.lang.Runtime.getRuntime().exec(\"touch " + FILE + "\")",
                "Class.forName(\"java.lang.Runtime\")",
                "\"\".getClass().forName(\"java.lang.System\")",
                "name.length()",
                "name.getClass()",
                "amount.class",
                "System.exit(1)",
                "@{" + SET + "}",
                "def f() { " + SET + " }; f()",
                "import java.io.File; new File(\"" + FILE + "\").createNewFile()",
                "with (amount) { scale = 2 }",
                "foreach (x : lines) { " + SET + " }",
                "(x in lines)",
                "(amount in lines)",
                "[1, 2, 3]",
                "{'a': 1}",
                "amount = 5; " + SET,
                "amount := 5",
                "amount += 5",
                "amount -= 5",
                "amount *= 2",
                "amount /= 2",
                "$amount",
                "#amount",
                "amount?.scale",
                "amount > 1 ? 1 : 2",
                "amount ?: 0",
                "\\u0053ystem.setProperty(\"" + PROPERTY + "\", \"1\")",
                "IF(TRUE, \\u0022x\\u0022, \"y\")",
                "\"abc\\u0022 + " + SET + " + \\u0022\"",
                "amount\\u002Eclass",
                "IF(TRUE, System.getProperty(\"user.home\"), \"\")",
                "SUM(lines.amount.getClass())",
                "lines[0].amount",
                "lines.amount[0]",
                "this",
                "null",
                "nil",
                "empty",
                "amount instanceof java.math.BigDecimal",
                "amount is BigDecimal",
                "name contains \"x\"",
                "name soundslike \"x\"",
                "name ~= \"x.*\"",
                "return amount",
                "while (true) { }",
                "for (i = 0; i < 10; i++) { }",
                "do { } while (true)",
                "function f() { 1 }",
                "var x = 1",
                "amount; 1",
                "'single quoted'",
                "`backtick`",
                "Math.pow(2, 10)",
                "java.lang.Math.abs(-1)",
                "ROUND.class",
                "Thread.sleep(100000)",
                "ＳＵＭ(1)",
                "ѕystem.exit(0)",
                "IF(TRUE, 1, 2) /* comment */",
                "1 // comment",
                "1 | 2",
                "CONCAT(name).toString()",
                "(name).length()",
                "{合同金额}.getClass()",
                "customer.industry.getClass()",
                "IF(TRUE, 1, 2) ; System.exit(0)",
                "getClass()",
                "exec(\"rm -rf /\")",
                "new String(\"x\")",
                "amount.toString",
                "amount == null",
                "a.b.c.d",
                "amount++",
                "!amount.equals(1)",
                "(".repeat(100) + "1" + ")".repeat(100),
                "-".repeat(100) + "1",
                "1+".repeat(6000) + "1",
                "SUM(" + "1,".repeat(100) + "1)");
    }

    @ParameterizedTest
    @MethodSource("attempts")
    void escapeAttemptIsRejectedByCheckAndCompile(String attempt) {
        FormulaCheck check = ENGINE.check(attempt, SCHEMA, null);
        assertThat(check.ok()).isFalse();
        assertThat(check.errors()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.start()).isBetween(0, attempt.length());
            assertThat(e.end()).isBetween(e.start(), attempt.length());
            assertThat(e.message()).isNotBlank();
        });
        assertThatThrownBy(() -> ENGINE.compile(attempt, SCHEMA, null)).isInstanceOf(FormulaException.class);
        assertNoSideEffect();
    }

    @Test
    void codeInsideATextLiteralIsJustText() {
        String formula = "\"\\\" + " + SET.replace("\"", "\\\"") + " + \\\"\"";
        CompiledFormula compiled = ENGINE.compile(formula, SCHEMA, null);
        assertThat(compiled.mvelSource()).doesNotContain("System").doesNotContain("\"");
        Object value = compiled.evaluate(TestForms.values(), TestForms.context());
        assertThat(value).isEqualTo("\" + " + SET + " + \"");
        assertNoSideEffect();
    }

    @Test
    void generatedCodeHoldsOnlyRuntimeCallsWhateverTheFormula() {
        CompiledFormula compiled = ENGINE.compile(
                "IF(AND({合同金额} >= 50000, NOT(ISBLANK(name))), name & \" (\" & TEXT(amount, \"#,##0.00\") & \")\", "
                        + "\"System.exit(0)\")", SCHEMA, null);
        assertThat(compiled.mvelSource()).matches("[rt.a-z_0-9(), ?:&|!]+").doesNotContain("System");
    }

    @Test
    void whitelistRefusesSourceThatIsNotACallOnTheRuntime() {
        for (String bad : new String[] {"System.exit(0)", "rt.getClass()", "rt.c(0).getClass()", "new rt()",
                "rt.c(\"x\")", "rt.f(1); rt.f(2)", "x = 1"}) {
            assertThatThrownBy(() -> MvelWhitelist.verify(bad)).as(bad).isInstanceOf(IllegalStateException.class);
        }
        MvelWhitelist.verify("rt.op_add(1, rt.c(0), rt.f(2))");
    }

    @Test
    void aPowerBeyondTheBoundFailsAtEvaluationWithoutWork() {
        assertThatThrownBy(() -> eval("10 ^ 100000")).isInstanceOf(FormulaException.class)
                .satisfies(e -> assertThat(((FormulaException) e).errors().get(0).code()).isEqualTo("power_exponent"));
        assertThatThrownBy(() -> eval("1000000 ^ 1000")).isInstanceOf(FormulaException.class)
                .satisfies(e -> assertThat(((FormulaException) e).errors().get(0).code()).isEqualTo("number_too_large"));
        assertThat((BigDecimal) eval("2 ^ 10")).isEqualByComparingTo("1024");
    }

    @AfterAll
    static void nothingLeaked() {
        assertNoSideEffect();
    }

    private static void assertNoSideEffect() {
        assertThat(System.getProperty(PROPERTY)).isNull();
        assertThat(new File(FILE)).doesNotExist();
    }
}
