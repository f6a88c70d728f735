package io.opensop.engine.sla;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long an SLA step waits. Two kinds:
 * <ul>
 * <li>an ISO 8601 duration ({@code PT4H}, {@code PT30M}, {@code P5D}): elapsed wall-clock time,
 *     weekends and holidays included ("72 h in one stage");</li>
 * <li>{@code nWD} ({@code 3WD}): n working days of the calendar, each a whole 24 h day. Time on
 *     non-working days does not count, so {@code 1WD} from Friday 10:00 ends Monday 10:00 and from
 *     Saturday 10:00 ends Tuesday 00:00 (the clock starts at the next working day's midnight).</li>
 * </ul>
 */
public record SlaDuration(boolean workingDays, long millis, String text) {

    private static final Pattern WORKING_DAYS = Pattern.compile("([0-9]{1,4})WD");
    private static final long DAY = Duration.ofDays(1).toMillis();

    public static SlaDuration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a duration is required");
        }
        String value = text.trim().toUpperCase();
        Matcher wd = WORKING_DAYS.matcher(value);
        if (wd.matches()) {
            int days = Integer.parseInt(wd.group(1));
            return new SlaDuration(true, days * DAY, days + "WD");
        }
        try {
            Duration duration = Duration.parse(value);
            if (duration.isNegative() || duration.compareTo(Duration.ofDays(3650)) > 0) {
                throw new IllegalArgumentException("duration out of range: " + text);
            }
            return new SlaDuration(false, duration.toMillis(), value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration (PT4H, P5D or 3WD): " + text);
        }
    }

    public static SlaDuration ofHours(long hours) {
        return new SlaDuration(false, Duration.ofHours(hours).toMillis(), "PT" + hours + "H");
    }

    @Override
    public String toString() {
        return text;
    }
}
