package io.opensop.engine.record;

import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import io.opensop.engine.support.Upserts;

/**
 * Gap-free numbers such as {@code HT-2026-0001}. The counter row is incremented in the saving
 * transaction and stays locked until it ends, so a rolled-back save gives its number back and two
 * saves never get the same one. Date tokens ({yyyy}, {yy}, {MM}, {dd}) also choose the period the
 * counter restarts in.
 */
final class AutoNumbers {

    private static final Pattern COUNTER = Pattern.compile("\\{(0+)}");

    private final DSLContext dsl;

    AutoNumbers(DSLContext dsl) {
        this.dsl = dsl;
    }

    String next(String formKey, String fieldKey, String pattern, ZonedDateTime now) {
        String period = period(pattern, now);
        Upserts.insertIfAbsent(dsl, "auto_number_counter", new String[] {"form_key", "field_key", "period"},
                new String[] {"form_key", "field_key", "period", "last_value"}, formKey, fieldKey, period, 0L);
        dsl.execute("update auto_number_counter set last_value = last_value + 1"
                + " where form_key = ? and field_key = ? and period = ?", formKey, fieldKey, period);
        long value = dsl.fetchOne("select last_value from auto_number_counter"
                + " where form_key = ? and field_key = ? and period = ?", formKey, fieldKey, period).get(0, Long.class);
        return format(pattern, now, value);
    }

    static String period(String pattern, ZonedDateTime now) {
        if (pattern.contains("{dd}")) {
            return String.format("%04d%02d%02d", now.getYear(), now.getMonthValue(), now.getDayOfMonth());
        }
        if (pattern.contains("{MM}")) {
            return String.format("%04d%02d", now.getYear(), now.getMonthValue());
        }
        if (pattern.contains("{yyyy}") || pattern.contains("{yy}")) {
            return String.format("%04d", now.getYear());
        }
        return "all";
    }

    static String format(String pattern, ZonedDateTime now, long value) {
        String text = pattern.replace("{yyyy}", String.format("%04d", now.getYear()))
                .replace("{yy}", String.format("%02d", now.getYear() % 100))
                .replace("{MM}", String.format("%02d", now.getMonthValue()))
                .replace("{dd}", String.format("%02d", now.getDayOfMonth()));
        Matcher counter = COUNTER.matcher(text);
        if (!counter.find()) {
            return text + value;
        }
        String digits = String.format("%0" + counter.group(1).length() + "d", value);
        return text.substring(0, counter.start()) + digits + text.substring(counter.end());
    }
}
