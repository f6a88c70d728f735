package io.opensop.engine.sla;

import io.opensop.engine.formula.WorkCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Time arithmetic on a working-day calendar in a business zone. "Working time" counts the hours of
 * working days only (each working day is 24 h, from midnight to midnight in the zone), which is
 * what {@code nWD} durations measure; ISO durations measure elapsed time.
 */
public final class BusinessCalendar {

    private static final int MAX_DAYS = WorkCalendar.MAX_WORKING_DAYS * 2;

    private final WorkCalendar calendar;
    private final ZoneId zone;

    public BusinessCalendar(WorkCalendar calendar, ZoneId zone) {
        this.calendar = calendar;
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    public WorkCalendar calendar() {
        return calendar;
    }

    /** When a duration that started at {@code start}, with the given pauses, runs out. */
    public Instant due(Instant start, SlaDuration duration, long pausedElapsedMillis, long pausedWorkingMillis) {
        if (duration.workingDays()) {
            return addWorkingMillis(start, duration.millis() + pausedWorkingMillis);
        }
        return start.plusMillis(duration.millis() + pausedElapsedMillis);
    }

    /** The instant after {@code millis} of working time from {@code start}. */
    public Instant addWorkingMillis(Instant start, long millis) {
        ZonedDateTime at = start.atZone(zone);
        long left = millis;
        for (int i = 0; i < MAX_DAYS; i++) {
            LocalDate date = at.toLocalDate();
            ZonedDateTime dayEnd = date.plusDays(1).atStartOfDay(zone);
            if (calendar.isWorkingDay(date)) {
                long available = Duration.between(at, dayEnd).toMillis();
                if (left <= available) {
                    return at.plusNanos(left * 1_000_000L).toInstant();
                }
                left -= available;
            } else if (left == 0) {
                return at.toInstant();
            }
            at = dayEnd;
        }
        throw new IllegalArgumentException("working time too long: " + millis + " ms");
    }

    /** Working time between two instants (zero when {@code end} is not after {@code start}). */
    public long workingMillisBetween(Instant start, Instant end) {
        if (!end.isAfter(start)) {
            return 0;
        }
        long total = 0;
        ZonedDateTime at = start.atZone(zone);
        ZonedDateTime stop = end.atZone(zone);
        for (int i = 0; i < MAX_DAYS && at.isBefore(stop); i++) {
            ZonedDateTime dayEnd = at.toLocalDate().plusDays(1).atStartOfDay(zone);
            ZonedDateTime until = dayEnd.isBefore(stop) ? dayEnd : stop;
            if (calendar.isWorkingDay(at.toLocalDate())) {
                total += Duration.between(at, until).toMillis();
            }
            at = until;
        }
        return total;
    }
}
