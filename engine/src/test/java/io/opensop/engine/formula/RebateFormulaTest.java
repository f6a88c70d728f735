package io.opensop.engine.formula;

import static io.opensop.engine.formula.TestForms.dec;
import static io.opensop.engine.formula.TestForms.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RebateFormulaTest {

    private static final String REBATE = "IF(amount >= 50000 && payment_days <= 30, amount * 0.008, 0)";
    private static final String REBATE_BY_LABEL = "IF(AND({合同金额} >= 50000, payment_days <= 30), {合同金额} * 0.8%, 0)";

    private final FormulaEngine engine = new FormulaEngine();
    private final FormulaSchema schema = TestForms.schema();

    private Object rebate(String formula, String amount, String days) {
        return engine.compile(formula, schema, FormulaType.MONEY)
                .evaluate(values("amount", dec(amount), "payment_days", dec(days)), TestForms.context());
    }

    @Test
    void rebateIsExactlyFourHundredEightyForSixtyThousandPaidInTwentyFiveDays() {
        Object result = rebate(REBATE, "60000.00", "25");
        assertThat(result).isInstanceOf(BigDecimal.class);
        assertThat((BigDecimal) result).isEqualByComparingTo("480");
        assertThat(result).isEqualTo(dec("480.00000"));
    }

    @Test
    void rebateIsZeroWhenPaymentTakesThirtyOneDays() {
        assertThat((BigDecimal) rebate(REBATE, "60000", "31")).isEqualByComparingTo("0");
    }

    @Test
    void rebateIsZeroJustBelowTheFiftyThousandThreshold() {
        assertThat((BigDecimal) rebate(REBATE, "49999.99", "25")).isEqualByComparingTo("0");
    }

    @Test
    void rebateWrittenWithChineseLabelAndPercentLiteralGivesTheSameAmounts() {
        assertThat((BigDecimal) rebate(REBATE_BY_LABEL, "60000", "25")).isEqualByComparingTo("480");
        assertThat((BigDecimal) rebate(REBATE_BY_LABEL, "60000", "31")).isEqualByComparingTo("0");
        assertThat((BigDecimal) rebate(REBATE_BY_LABEL, "49999.99", "25")).isEqualByComparingTo("0");
    }

    @Test
    void roundingTheRebateToTwoPlacesReturnsScaleTwo() {
        Object result = rebate("ROUND(" + REBATE + ", 2)", "60000", "25");
        assertThat(result).isEqualTo(dec("480.00"));
    }

    @Test
    void rebateIsTypedAsMoney() {
        assertThat(engine.check(REBATE, schema, null).type()).isEqualTo(FormulaType.MONEY);
        assertThat(engine.check(REBATE_BY_LABEL, schema, null).type()).isEqualTo(FormulaType.MONEY);
    }

    @Test
    void blankAmountAndDaysGiveZeroRebate() {
        Object result = engine.compile(REBATE, schema, null).evaluate(values(), TestForms.context());
        assertThat((BigDecimal) result).isEqualByComparingTo("0");
    }
}
