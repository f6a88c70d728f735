package io.opensop.engine.sla;

import io.opensop.engine.formula.WorkCalendar;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import java.util.SortedMap;

/**
 * A working-day calendar as configured: weekend days, holidays and extra working days (调休)
 * with their names, and the business zone in which a day starts and ends.
 */
public record CalendarConfig(String key, ZoneId zone, Set<DayOfWeek> weekend, SortedMap<LocalDate, String> holidays,
                             SortedMap<LocalDate, String> extraWorkingDays) {

    public static final String DEFAULT = "default";

    public WorkCalendar workCalendar() {
        return new WorkCalendar(weekend, holidays.keySet(), extraWorkingDays.keySet());
    }

    public BusinessCalendar business() {
        return new BusinessCalendar(workCalendar(), zone);
    }
}
