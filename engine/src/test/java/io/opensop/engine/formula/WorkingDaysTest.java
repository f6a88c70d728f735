package io.opensop.engine.formula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 2024 Labour Day in China: May 1-5 off, Sunday April 28 and Saturday May 11 worked (调休). */
class WorkingDaysTest extends FormulaFixture {

    private static final WorkCalendar LABOUR_DAY = WorkCalendar.standard()
            .withHolidays(List.of(LocalDate.of(2024, 5, 1), LocalDate.of(2024, 5, 2), LocalDate.of(2024, 5, 3)))
            .withExtraWorkingDays(List.of(LocalDate.of(2024, 4, 28), LocalDate.of(2024, 5, 11)));
    private static final FormulaContext CTX = TestForms.context().withCalendar(LABOUR_DAY);

    @Test
    void holidaysAreOffAndExtraWorkingDaysAreOnDespiteTheWeekend() {
        assertThat(LABOUR_DAY.isWorkingDay(LocalDate.of(2024, 5, 2))).isFalse();
        assertThat(LABOUR_DAY.isWorkingDay(LocalDate.of(2024, 4, 28))).isTrue();
        assertThat(LABOUR_DAY.isWorkingDay(LocalDate.of(2024, 5, 4))).isFalse();
        assertThat(LABOUR_DAY.isWorkingDay(LocalDate.of(2024, 5, 6))).isTrue();
    }

    @Test
    void networkDaysCountsBothEndsSkippingHolidaysAndAddingExtraWorkingDays() {
        Object days = evalWith(CTX, "NETWORKDAYS(sign_date, due_date)",
                "sign_date", LocalDate.of(2024, 4, 27), "due_date", LocalDate.of(2024, 5, 12));
        // Apr 28 (extra), 29, 30, May 6-10, May 11 (extra) = 9
        assertThat((BigDecimal) days).isEqualByComparingTo("9");
        assertThat(LABOUR_DAY.networkDays(LocalDate.of(2024, 5, 12), LocalDate.of(2024, 4, 27))).isEqualTo(-9);
        assertThat(evalWith(CTX, "NETWORKDAYS(sign_date, due_date)", "sign_date", LocalDate.of(2024, 4, 27))).isNull();
        assertThat(errors("NETWORKDAYS(sign_date, 5)")).containsExactly("wrong_argument_type");
    }

    @Test
    void networkDaysOverManyYearsMatchesCountingDayByDay() {
        LocalDate start = LocalDate.of(2020, 1, 1);
        LocalDate end = LocalDate.of(2026, 3, 17);
        long expected = start.datesUntil(end.plusDays(1)).filter(LABOUR_DAY::isWorkingDay).count();
        assertThat(LABOUR_DAY.networkDays(start, end)).isEqualTo(expected);
    }

    @Test
    void workdayMovesOverHolidaysAndLandsOnExtraWorkingDays() {
        Object due = evalWith(CTX, "WORKDAY(sign_date, 3)", "sign_date", LocalDate.of(2024, 4, 29));
        // Apr 30, (May 1-5 off), May 6, May 7
        assertThat(due).isEqualTo(LocalDate.of(2024, 5, 7));
        assertThat(evalWith(CTX, "WORKDAY(sign_date, 5)", "sign_date", LocalDate.of(2024, 5, 6)))
                .isEqualTo(LocalDate.of(2024, 5, 11));
        assertThat(evalWith(CTX, "WORKDAY(sign_date, -1)", "sign_date", LocalDate.of(2024, 4, 29)))
                .isEqualTo(LocalDate.of(2024, 4, 28));
        assertThat(evalWith(CTX, "WORKDAY(sign_date, 0)", "sign_date", LocalDate.of(2024, 5, 4)))
                .isEqualTo(LocalDate.of(2024, 5, 4));
        assertThat(evalWith(CTX, "WORKDAY(sign_date, 3)")).isNull();
        assertThat(errors("WORKDAY(sign_date, name)")).containsExactly("wrong_argument_type");
    }

    @Test
    void workdayRefusesToMoveMoreThanTheBound() {
        assertThatThrownBy(() -> evalWith(CTX, "WORKDAY(TODAY(), 1000000)")).isInstanceOf(FormulaException.class)
                .satisfies(e -> assertThat(((FormulaException) e).errors().get(0).code()).isEqualTo("workday_range"));
    }
}
