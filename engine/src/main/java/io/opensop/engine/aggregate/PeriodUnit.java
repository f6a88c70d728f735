package io.opensop.engine.aggregate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;

/**
 * Calendar periods a date groups into. Weeks are ISO weeks (Monday first, week-based year), so
 * 2026-12-31 falls in {@code 2026-W53} and 2027-01-01 too. Labels sort in time order as text.
 */
public enum PeriodUnit {
    DAY, WEEK, MONTH, QUARTER, YEAR;

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static PeriodUnit fromJson(String key) {
        return Arrays.stream(values()).filter(u -> u.key().equalsIgnoreCase(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown period: " + key));
    }

    /** The first day of the period that holds {@code day}. */
    public LocalDate start(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
            case YEAR -> day.withDayOfYear(1);
        };
    }

    /** The first day of the period after the one that holds {@code day}. */
    public LocalDate next(LocalDate day) {
        LocalDate start = start(day);
        return switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            case QUARTER -> start.plusMonths(3);
            case YEAR -> start.plusYears(1);
        };
    }

    /** {@code 2026-11-25}, {@code 2026-W48}, {@code 2026-11}, {@code 2026-Q4}, {@code 2026}. */
    public String label(LocalDate day) {
        return switch (this) {
            case DAY -> day.toString();
            case WEEK -> String.format(Locale.ROOT, "%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR),
                    day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> YearMonth.from(day).toString();
            case QUARTER -> day.getYear() + "-Q" + day.get(IsoFields.QUARTER_OF_YEAR);
            case YEAR -> Integer.toString(day.getYear());
        };
    }
}
