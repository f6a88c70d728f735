package io.opensop.engine.formula;

import static io.opensop.engine.formula.TestForms.dec;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every function with ordinary, blank and wrongly typed arguments. */
class FunctionsTest extends FormulaFixture {

    private static final LocalDate MAY_1 = LocalDate.of(2024, 5, 1);

    private static BigDecimal num(String formula, Object... kv) {
        return (BigDecimal) eval(formula, kv);
    }

    // ---- logic ----

    @Test
    void ifPicksTheBranchAndTreatsABlankConditionAsFalse() {
        assertThat(eval("IF(signed, \"yes\", \"no\")", "signed", true)).isEqualTo("yes");
        assertThat(eval("IF(signed, \"yes\", \"no\")")).isEqualTo("no");
        assertThat(eval("IF(signed, \"yes\")")).isNull();
        assertThat(errors("IF(amount, 1, 2)")).containsExactly("wrong_argument_type");
        assertThat(errors("IF(signed, 1, \"x\")")).containsExactly("incompatible_types");
        assertThat(errors("IF(signed)")).containsExactly("wrong_argument_count");
    }

    @Test
    void ifKeepsMoneyWhenTheOtherBranchIsAPlainNumber() {
        assertThat(typeOf("IF(signed, amount, 0)")).isEqualTo(FormulaType.MONEY);
        assertThat(typeOf("IF(signed, rate, 0)")).isEqualTo(FormulaType.PERCENT);
        assertThat(typeOf("IF(signed, rate, amount)")).isEqualTo(FormulaType.NUMBER);
    }

    @Test
    void ifDoesNotEvaluateTheBranchItDoesNotTake() {
        assertThat(num("IF(TRUE, 1, 10 ^ 100000)")).isEqualByComparingTo("1");
    }

    @Test
    void ifsReturnsTheFirstMatchingValueOrBlank() {
        String grade = "IFS(amount >= 100000, \"A\", amount >= 50000, \"B\", TRUE, \"C\")";
        assertThat(eval(grade, "amount", dec("120000"))).isEqualTo("A");
        assertThat(eval(grade, "amount", dec("60000"))).isEqualTo("B");
        assertThat(eval(grade)).isEqualTo("C");
        assertThat(eval("IFS(amount > 1, \"x\")")).isNull();
        assertThat(errors("IFS(signed, 1, 2)")).containsExactly("wrong_argument_count");
        assertThat(errors("IFS(name, 1)")).containsExactly("wrong_argument_type");
    }

    @Test
    void switchMatchesCasesAndFallsBackToTheDefault() {
        String f = "SWITCH(name, \"a\", 1, \"b\", 2, 0)";
        assertThat(num(f, "name", "b")).isEqualByComparingTo("2");
        assertThat(num(f, "name", "z")).isEqualByComparingTo("0");
        assertThat(num(f)).isEqualByComparingTo("0");
        assertThat(eval("SWITCH(name, \"a\", 1)", "name", "z")).isNull();
        assertThat(errors("SWITCH(name, 1, 2)")).containsExactly("wrong_argument_type");
        assertThat(errors("SWITCH(name, \"a\", 1, \"b\", \"x\")")).containsExactly("incompatible_types");
    }

    @Test
    void andOrNotWorkAsFunctionsAndKeywordsWithBlankAsFalse() {
        assertThat(eval("AND(signed, amount > 0)", "signed", true, "amount", dec("1"))).isEqualTo(true);
        assertThat(eval("signed AND amount > 0", "signed", true)).isEqualTo(false);
        assertThat(eval("OR(signed, amount > 0)")).isEqualTo(false);
        assertThat(eval("signed or amount > 0", "amount", dec("3"))).isEqualTo(true);
        assertThat(eval("NOT(signed)")).isEqualTo(true);
        assertThat(eval("not signed", "signed", true)).isEqualTo(false);
        assertThat(eval("!signed || signed")).isEqualTo(true);
        assertThat(errors("AND(signed, 1)")).containsExactly("wrong_argument_type");
        assertThat(errors("NOT(name)")).containsExactly("wrong_argument_type");
        assertThat(errors("signed AND name")).containsExactly("operand_type");
    }

    @Test
    void isBlankAndBlankValueTreatEmptyTextAndEmptyListsAsBlank() {
        assertThat(eval("ISBLANK(name)")).isEqualTo(true);
        assertThat(eval("ISBLANK(name)", "name", "")).isEqualTo(true);
        assertThat(eval("ISBLANK(name)", "name", "x")).isEqualTo(false);
        assertThat(eval("ISBLANK(tags)", "tags", List.of())).isEqualTo(true);
        assertThat(eval("ISBLANK(files)", "files", List.of("a.pdf"))).isEqualTo(false);
        assertThat(eval("ISBLANK(lines.amount)")).isEqualTo(true);
        assertThat(num("BLANKVALUE(amount, 100)")).isEqualByComparingTo("100");
        assertThat(num("BLANKVALUE(amount, 100)", "amount", dec("5"))).isEqualByComparingTo("5");
        assertThat(errors("BLANKVALUE(name, 1)")).containsExactly("incompatible_types");
        assertThat(errors("ISBLANK()")).containsExactly("wrong_argument_count");
    }

    // ---- numbers ----

    @Test
    void roundUsesHalfUpAndReturnsTheRequestedScale() {
        assertThat(eval("ROUND(2.345, 2)")).isEqualTo(dec("2.35"));
        assertThat(eval("ROUND(-2.345, 2)")).isEqualTo(dec("-2.35"));
        assertThat(eval("ROUND(2.5)")).isEqualTo(dec("3"));
        assertThat(eval("ROUND(1234.5, -2)")).isEqualTo(dec("1200"));
        assertThat(eval("ROUND(amount, 2)")).isEqualTo(dec("0.00"));
        assertThat(typeOf("ROUND(amount, 2)")).isEqualTo(FormulaType.MONEY);
        assertThat(errors("ROUND(name, 2)")).containsExactly("wrong_argument_type");
        assertThat(errors("ROUND(1, \"2\")")).containsExactly("wrong_argument_type");
    }

    @Test
    void roundUpGoesAwayFromZeroAndRoundDownTowardsIt() {
        assertThat(eval("ROUNDUP(2.301, 2)")).isEqualTo(dec("2.31"));
        assertThat(eval("ROUNDUP(-2.301, 2)")).isEqualTo(dec("-2.31"));
        assertThat(eval("ROUNDDOWN(2.309, 2)")).isEqualTo(dec("2.30"));
        assertThat(eval("ROUNDDOWN(-2.309)")).isEqualTo(dec("-2"));
        assertThat(eval("ROUNDUP(amount)")).isEqualTo(dec("0"));
        assertThat(errors("ROUNDDOWN(signed)")).containsExactly("wrong_argument_type");
    }

    @Test
    void absDropsTheSignAndKeepsTheType() {
        assertThat(num("ABS(-3.5)")).isEqualByComparingTo("3.5");
        assertThat(num("ABS(amount)")).isEqualByComparingTo("0");
        assertThat(typeOf("ABS(amount)")).isEqualTo(FormulaType.MONEY);
        assertThat(errors("ABS(name)")).containsExactly("wrong_argument_type");
    }

    @Test
    void minAndMaxIgnoreBlanksAndWorkOnNumbersListsAndDates() {
        assertThat(num("MIN(3, 1, 2)")).isEqualByComparingTo("1");
        assertThat(num("MAX(3, amount, 2)")).isEqualByComparingTo("3");
        assertThat(num("MIN(amount, 5)")).isEqualByComparingTo("5");
        assertThat(eval("MAX(amount)")).isNull();
        assertThat(eval("MAX(sign_date, due_date)", "sign_date", MAY_1, "due_date", MAY_1.plusDays(3)))
                .isEqualTo(MAY_1.plusDays(3));
        assertThat(errors("MIN(name, 1)")).containsExactly("wrong_argument_type");
        assertThat(errors("MAX(sign_date, 1)")).containsExactly("incompatible_types");
    }

    @Test
    void sumAddsNumbersAndListsIgnoringBlanks() {
        assertThat(num("SUM(1, 2.5, amount)")).isEqualByComparingTo("3.5");
        assertThat(num("SUM(amount)")).isEqualByComparingTo("0");
        assertThat(typeOf("SUM(amount, 1)")).isEqualTo(FormulaType.MONEY);
        assertThat(errors("SUM(name)")).containsExactly("wrong_argument_type");
        assertThat(errors("SUM(tags)")).containsExactly("wrong_argument_type");
    }

    @Test
    void avgDividesBySomeNonBlankValuesAndIsBlankWithoutAny() {
        assertThat(num("AVG(1, 2, amount)")).isEqualByComparingTo("1.5");
        assertThat(num("AVG(1, 2, 2)")).isEqualByComparingTo("1.6666666667");
        assertThat(eval("AVG(amount)")).isNull();
        assertThat(errors("AVG(signed)")).containsExactly("wrong_argument_type");
    }

    @Test
    void countCountsNonBlankValuesOfAnyType() {
        assertThat(num("COUNT(name, amount, signed)", "name", "x", "signed", false)).isEqualByComparingTo("2");
        assertThat(num("COUNT(files)", "files", List.of("a.pdf", "b.pdf"))).isEqualByComparingTo("2");
        assertThat(num("COUNT(files)")).isEqualByComparingTo("0");
        assertThat(errors("COUNT()")).containsExactly("wrong_argument_count");
    }

    // ---- text ----

    @Test
    void concatAndAmpersandJoinTextWithBlankAsEmpty() {
        assertThat(eval("CONCAT(name, \"-\", amount, \"-\", signed)", "name", "A", "amount", dec("12.50"), "signed", true))
                .isEqualTo("A-12.50-TRUE");
        assertThat(eval("name & \"!\"")).isEqualTo("!");
        assertThat(eval("sign_date & \"\"", "sign_date", MAY_1)).isEqualTo("2024-05-01");
        assertThat(errors("CONCAT(tags)")).containsExactly("wrong_argument_type");
    }

    @Test
    void leftRightAndMidCountCharactersNotBytes() {
        assertThat(eval("LEFT(name, 2)", "name", "合同金额")).isEqualTo("合同");
        assertThat(eval("LEFT(name)", "name", "abc")).isEqualTo("a");
        assertThat(eval("RIGHT(name, 2)", "name", "合同金额")).isEqualTo("金额");
        assertThat(eval("RIGHT(name, 10)", "name", "abc")).isEqualTo("abc");
        assertThat(eval("MID(name, 2, 2)", "name", "abcdef")).isEqualTo("bc");
        assertThat(eval("MID(name, 5, 10)", "name", "abcdef")).isEqualTo("ef");
        assertThat(eval("LEFT(name, 3)")).isEqualTo("");
        assertThat(eval("MID(name, 0, 2)", "name", "abc")).isEqualTo("");
        assertThat(errors("LEFT(amount, 2)")).containsExactly("wrong_argument_type");
        assertThat(errors("MID(name, \"1\", 2)")).containsExactly("wrong_argument_type");
        assertThat(errors("MID(name, 1)")).containsExactly("wrong_argument_count");
    }

    @Test
    void lenUpperLowerAndTrimHandleBlankAsEmptyText() {
        assertThat(num("LEN(name)", "name", "合同")).isEqualByComparingTo("2");
        assertThat(num("LEN(name)")).isEqualByComparingTo("0");
        assertThat(eval("UPPER(name)", "name", "abc")).isEqualTo("ABC");
        assertThat(eval("LOWER(name)", "name", "ABC")).isEqualTo("abc");
        assertThat(eval("TRIM(name)", "name", "\u3000 a b ")).isEqualTo("a b");
        assertThat(eval("UPPER(name)")).isEqualTo("");
        assertThat(errors("LEN(amount)")).containsExactly("wrong_argument_type");
        assertThat(errors("UPPER(1)")).containsExactly("wrong_argument_type");
        assertThat(errors("TRIM(signed)")).containsExactly("wrong_argument_type");
    }

    @Test
    void containsSearchesTextAndMultiSelectValues() {
        assertThat(eval("CONTAINS(name, \"同\")", "name", "合同")).isEqualTo(true);
        assertThat(eval("CONTAINS(name, \"x\")", "name", "合同")).isEqualTo(false);
        assertThat(eval("CONTAINS(name, \"x\")")).isEqualTo(false);
        assertThat(eval("CONTAINS(tags, \"vip\")", "tags", List.of("new", "vip"))).isEqualTo(true);
        assertThat(eval("CONTAINS(tags, \"vi\")", "tags", List.of("new", "vip"))).isEqualTo(false);
        assertThat(errors("CONTAINS(amount, \"1\")")).containsExactly("wrong_argument_type");
        assertThat(errors("CONTAINS(name, 1)")).containsExactly("wrong_argument_type");
    }

    @Test
    void textFormatsNumbersAndDatesWithPatterns() {
        assertThat(eval("TEXT(amount, \"#,##0.00\")", "amount", dec("1234567.125"))).isEqualTo("1,234,567.13");
        assertThat(eval("TEXT(sign_date, \"yyyy年MM月dd日\")", "sign_date", MAY_1)).isEqualTo("2024年05月01日");
        assertThat(eval("TEXT(amount)", "amount", dec("12.50"))).isEqualTo("12.50");
        assertThat(eval("TEXT(amount, \"0.00\")")).isEqualTo("");
        assertThat(errors("TEXT(sign_date, \"HH:mm\")")).containsExactly("invalid_pattern");
        assertThat(errors("TEXT(amount, 2)")).containsExactly("wrong_argument_type");
        assertThat(errors("TEXT(tags)")).containsExactly("wrong_argument_type");
    }

    @Test
    void valueParsesPlainDecimalsAndIsBlankOtherwise() {
        assertThat(num("VALUE(name)", "name", " 1,234.50 ")).isEqualByComparingTo("1234.50");
        assertThat(num("VALUE(name)", "name", "12.5%")).isEqualByComparingTo("0.125");
        assertThat(eval("VALUE(name)", "name", "1e999999999")).isNull();
        assertThat(eval("VALUE(name)", "name", "abc")).isNull();
        assertThat(eval("VALUE(name)")).isNull();
        assertThat(errors("VALUE(amount)")).containsExactly("wrong_argument_type");
    }

    // ---- dates ----

    @Test
    void todayAndNowComeFromTheContextClockInItsZone() {
        assertThat(eval("TODAY()")).isEqualTo(LocalDate.of(2024, 5, 15));
        assertThat(eval("NOW()")).isEqualTo(OffsetDateTime.parse("2024-05-15T10:00:00+08:00"));
        assertThat(errors("TODAY(1)")).containsExactly("wrong_argument_count");
    }

    @Test
    void dateBuildsValidDatesAndIsBlankForImpossibleOnes() {
        assertThat(eval("DATE(2024, 2, 29)")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(eval("DATE(2023, 2, 29)")).isNull();
        assertThat(eval("DATE(payment_days, 1, 1)")).isNull();
        assertThat(errors("DATE(\"2024\", 1, 1)")).containsExactly("wrong_argument_type");
    }

    @Test
    void yearMonthAndDayReadDatesAndDateTimesInTheContextZone() {
        assertThat(num("YEAR(sign_date)", "sign_date", MAY_1)).isEqualByComparingTo("2024");
        assertThat(num("MONTH(sign_date)", "sign_date", MAY_1)).isEqualByComparingTo("5");
        assertThat(num("DAY(updated)", "updated", OffsetDateTime.parse("2024-05-01T20:00:00Z"))).isEqualByComparingTo("2");
        assertThat(eval("YEAR(sign_date)")).isNull();
        assertThat(errors("MONTH(name)")).containsExactly("wrong_argument_type");
    }

    @Test
    void daysIsEndMinusStartAndDateArithmeticAddsWholeDays() {
        assertThat(num("DAYS(due_date, sign_date)", "sign_date", MAY_1, "due_date", MAY_1.plusDays(30)))
                .isEqualByComparingTo("30");
        assertThat(num("due_date - sign_date", "sign_date", MAY_1, "due_date", MAY_1.plusDays(30)))
                .isEqualByComparingTo("30");
        assertThat(eval("DAYS(due_date, sign_date)", "sign_date", MAY_1)).isNull();
        assertThat(eval("sign_date + 10", "sign_date", MAY_1)).isEqualTo(MAY_1.plusDays(10));
        assertThat(eval("sign_date - 1", "sign_date", MAY_1)).isEqualTo(MAY_1.minusDays(1));
        assertThat(eval("sign_date + 10")).isNull();
        assertThat(errors("DAYS(sign_date, 1)")).containsExactly("wrong_argument_type");
    }

    @Test
    void addDaysKeepsTheTypeOfItsFirstArgument() {
        assertThat(eval("ADDDAYS(sign_date, 45)", "sign_date", MAY_1)).isEqualTo(LocalDate.of(2024, 6, 15));
        assertThat(eval("ADDDAYS(updated, 1)", "updated", OffsetDateTime.parse("2024-05-01T08:00:00+08:00")))
                .isEqualTo(OffsetDateTime.parse("2024-05-02T08:00:00+08:00"));
        assertThat(eval("ADDDAYS(sign_date, 1)")).isNull();
        assertThat(eval("ADDDAYS(sign_date, payment_days)", "sign_date", MAY_1)).isEqualTo(MAY_1);
        assertThat(errors("ADDDAYS(name, 1)")).containsExactly("wrong_argument_type");
        assertThat(errors("ADDDAYS(sign_date, \"1\")")).containsExactly("wrong_argument_type");
    }
}
