package io.opensop.engine.form;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a roll-up field aggregates: the records of {@code form} whose reference field {@code reference}
 * points at the record holding the roll-up, optionally only those for which {@code filter} (a boolean
 * formula over the child) is TRUE. A <em>period roll-up</em> names no reference but a {@code period}:
 * the children are those owned by the user in the holding record's {@code period.owner} field whose
 * {@code period.date} falls in the period starting at its {@code period.start} date (a scorecard per
 * owner and week, docs/formulas.md "Period roll-ups").
 *
 * @param field the child field aggregated; not needed for COUNT
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RollupDefinition(String form, String reference, Aggregate aggregate, String field, String filter,
                               Period period) {

    /** The attributes before period roll-ups existed; kept so existing callers compile unchanged. */
    public RollupDefinition(String form, String reference, Aggregate aggregate, String field, String filter) {
        this(form, reference, aggregate, field, filter, null);
    }

    /**
     * @param owner  user field of the holding record: whose child records count (their owner)
     * @param start  date field of the holding record: the first day of its period
     * @param unit   {@code day}, {@code week} (Monday to Sunday) or {@code month}
     * @param date   the child's date or datetime field that places it in a period, or {@code created_at} (default)
     * @param offset periods to shift: {@code -1} aggregates the period before the holding record's
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Period(String owner, String start, String unit, String date, Integer offset) {

        public static final String CREATED_AT = "created_at";
        public static final java.util.List<String> UNITS = java.util.List.of("day", "week", "month");

        public String dateField() {
            return date == null || date.isBlank() ? CREATED_AT : date;
        }

        public int shift() {
            return offset == null ? 0 : offset;
        }

        /** The first day of the period that holds {@code day}. */
        public java.time.LocalDate periodOf(java.time.LocalDate day) {
            return switch (unit) {
                case "week" -> day.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
                case "month" -> day.withDayOfMonth(1);
                default -> day;
            };
        }

        /** {@code periodStart} moved by {@code n} periods. */
        public java.time.LocalDate plus(java.time.LocalDate periodStart, int n) {
            return switch (unit) {
                case "week" -> periodStart.plusWeeks(n);
                case "month" -> periodStart.plusMonths(n);
                default -> periodStart.plusDays(n);
            };
        }
    }

    public enum Aggregate {
        SUM, COUNT, MIN, MAX, AVG;

        @JsonValue
        public String json() {
            return name();
        }

        /** Accepts {@code sum} as well as {@code SUM}: designers type these by hand. */
        @JsonCreator
        public static Aggregate fromJson(String name) {
            return Arrays.stream(values()).filter(a -> a.name().equals(name.toUpperCase(Locale.ROOT))).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown aggregate: " + name));
        }
    }
}
