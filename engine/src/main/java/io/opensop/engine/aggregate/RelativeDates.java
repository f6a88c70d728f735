package io.opensop.engine.aggregate;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves relative date tokens in filter values ({@code @today}, {@code @today-30},
 * {@code @month}, {@code @next_quarter} …) to a day in the actor's zone, written the way the
 * filtered field reads dates: an ISO date for a date field, the start of that day with its offset
 * for a datetime. Dashboards stay correct from one day to the next without being edited.
 */
final class RelativeDates {

    private static final Pattern TOKEN = Pattern.compile(
            "@(today)([+-]\\d{1,5})?|@(next_)?(week|month|quarter|year)");

    private final Clock clock;

    RelativeDates(Clock clock) {
        this.clock = clock;
    }

    /** The day a token stands for, or empty when the text is not a token. */
    Optional<LocalDate> day(String text, ZoneId zone) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = TOKEN.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        LocalDate today = LocalDate.now(clock.withZone(zone));
        if (m.group(1) != null) {
            return Optional.of(m.group(2) == null ? today : today.plusDays(Long.parseLong(m.group(2))));
        }
        PeriodUnit unit = PeriodUnit.fromJson(m.group(4));
        return Optional.of(m.group(3) == null ? unit.start(today) : unit.next(today));
    }

    /** The filter value to send for a token: a date, or the start of the day in {@code zone}. */
    String resolve(String text, boolean datetime, ZoneId zone) {
        return day(text, zone).map(d -> datetime ? d.atStartOfDay(zone).toOffsetDateTime().toString() : d.toString())
                .orElse(text);
    }
}
