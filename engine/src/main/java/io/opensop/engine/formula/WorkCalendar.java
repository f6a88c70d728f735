package io.opensop.engine.formula;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.EnumSet;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which days are working days: not a weekend day and not a holiday, unless the date is an extra
 * working day (调休, a weekend day worked to make up for a bridged holiday). Extra working days win
 * over holidays when a date is in both. Immutable; usable outside formulas (SLA clocks).
 */
public final class WorkCalendar {

    /** Bound on working days moved in one call, so a formula cannot spin for long. */
    public static final int MAX_WORKING_DAYS = 100_000;

    private final Set<DayOfWeek> weekend;
    private final NavigableSet<LocalDate> holidays;
    private final NavigableSet<LocalDate> extraWorkingDays;

    public WorkCalendar(Set<DayOfWeek> weekend, Collection<LocalDate> holidays, Collection<LocalDate> extraWorkingDays) {
        this.weekend = weekend.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(weekend);
        if (this.weekend.size() == 7) {
            throw new IllegalArgumentException("a week needs at least one working day");
        }
        this.holidays = new TreeSet<>(holidays);
        this.extraWorkingDays = new TreeSet<>(extraWorkingDays);
    }

    /** Saturday and Sunday off, no holidays. */
    public static WorkCalendar standard() {
        return new WorkCalendar(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), Set.of(), Set.of());
    }

    public WorkCalendar withHolidays(Collection<LocalDate> dates) {
        TreeSet<LocalDate> all = new TreeSet<>(holidays);
        all.addAll(dates);
        return new WorkCalendar(weekend, all, extraWorkingDays);
    }

    public WorkCalendar withExtraWorkingDays(Collection<LocalDate> dates) {
        TreeSet<LocalDate> all = new TreeSet<>(extraWorkingDays);
        all.addAll(dates);
        return new WorkCalendar(weekend, holidays, all);
    }

    public boolean isWorkingDay(LocalDate date) {
        if (extraWorkingDays.contains(date)) {
            return true;
        }
        return !holidays.contains(date) && !weekend.contains(date.getDayOfWeek());
    }

    /**
     * The date {@code days} working days after {@code start} (before it when negative), not counting
     * {@code start} itself; zero returns {@code start}. Same as a spreadsheet's WORKDAY.
     */
    public LocalDate addWorkingDays(LocalDate start, int days) {
        if (Math.abs(days) > MAX_WORKING_DAYS) {
            throw new IllegalArgumentException("at most " + MAX_WORKING_DAYS + " working days: " + days);
        }
        int step = days < 0 ? -1 : 1;
        LocalDate date = start;
        for (int left = Math.abs(days); left > 0; ) {
            date = date.plusDays(step);
            if (isWorkingDay(date)) {
                left--;
            }
        }
        return date;
    }

    /**
     * Working days from {@code start} to {@code end}, both included; negative when {@code end} is
     * before {@code start}. Same as a spreadsheet's NETWORKDAYS. Counts whole weeks arithmetically,
     * so long ranges cost no more than short ones.
     */
    public long networkDays(LocalDate start, LocalDate end) {
        if (end.isBefore(start)) {
            return -networkDays(end, start);
        }
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        long count = (days / 7) * (7 - weekend.size());
        for (LocalDate d = start.plusDays(days / 7 * 7); !d.isAfter(end); d = d.plusDays(1)) {
            if (!weekend.contains(d.getDayOfWeek())) {
                count++;
            }
        }
        for (LocalDate h : holidays.subSet(start, true, end, true)) {
            if (!weekend.contains(h.getDayOfWeek()) && !extraWorkingDays.contains(h)) {
                count--;
            }
        }
        for (LocalDate x : extraWorkingDays.subSet(start, true, end, true)) {
            if (weekend.contains(x.getDayOfWeek())) {
                count++;
            }
        }
        return count;
    }

    public Set<DayOfWeek> weekend() {
        return EnumSet.copyOf(weekend.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : weekend);
    }

    public NavigableSet<LocalDate> holidays() {
        return new TreeSet<>(holidays);
    }

    public NavigableSet<LocalDate> extraWorkingDays() {
        return new TreeSet<>(extraWorkingDays);
    }
}
