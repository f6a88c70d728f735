package io.opensop.engine.sla;

import static io.opensop.engine.support.SqlValues.timestamp;

import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.security.Actor;
import java.sql.Date;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Working-day calendars kept in {@code work_calendar} / {@code work_calendar_day}. A calendar never
 * configured reads as Saturday and Sunday off, no holidays, in the default business zone. Only
 * admins change calendars.
 */
public final class CalendarStore {

    public static final String HOLIDAY = "holiday";
    public static final String WORKING = "working";
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

    private final DSLContext dsl;
    private final TransactionOperations transactions;
    private final Clock clock;
    private final ZoneId defaultZone;

    public CalendarStore(DSLContext dsl, TransactionOperations transactions, Clock clock, ZoneId defaultZone) {
        this.dsl = dsl;
        this.transactions = transactions;
        this.clock = clock;
        this.defaultZone = defaultZone;
    }

    public CalendarConfig get(String key) {
        Record row = dsl.fetchOne("select zone_id, weekend_days from work_calendar where calendar_key = ?", key);
        if (row == null) {
            if (!CalendarConfig.DEFAULT.equals(key)) {
                throw new NotFoundException("calendar", key);
            }
            return new CalendarConfig(key, defaultZone, EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                    new TreeMap<>(), new TreeMap<>());
        }
        Set<DayOfWeek> weekend = EnumSet.noneOf(DayOfWeek.class);
        for (String day : row.get(1, String.class).split(",")) {
            if (!day.isBlank()) {
                weekend.add(DayOfWeek.valueOf(day.trim()));
            }
        }
        SortedMap<LocalDate, String> holidays = new TreeMap<>();
        SortedMap<LocalDate, String> working = new TreeMap<>();
        for (Record day : dsl.fetch("select calendar_date, kind, name from work_calendar_day where calendar_key = ?"
                + " order by calendar_date", key)) {
            LocalDate date = day.get(0, LocalDate.class);
            String name = day.get(2, String.class);
            (WORKING.equals(day.get(1, String.class)) ? working : holidays).put(date, name == null ? "" : name);
        }
        return new CalendarConfig(key, ZoneId.of(row.get(0, String.class)), weekend, holidays, working);
    }

    public List<String> keys() {
        List<String> keys = new ArrayList<>(dsl.fetch("select calendar_key from work_calendar order by calendar_key")
                .map(r -> r.get(0, String.class)));
        if (!keys.contains(CalendarConfig.DEFAULT)) {
            keys.add(0, CalendarConfig.DEFAULT);
        }
        return keys;
    }

    /** Replaces a calendar (weekend, zone, every holiday and extra working day) as a whole. */
    public CalendarConfig save(Actor actor, CalendarConfig config) {
        requireAdmin(actor);
        List<Problem> problems = new ArrayList<>();
        if (config.key() == null || !KEY.matcher(config.key()).matches()) {
            problems.add(Problem.of("key", "calendar_key_invalid", String.valueOf(config.key())));
        }
        if (config.zone() == null) {
            problems.add(Problem.of("zone", "required"));
        }
        if (config.weekend() != null && config.weekend().size() >= 7) {
            problems.add(Problem.of("weekend", "calendar_no_working_day"));
        }
        for (LocalDate date : config.holidays().keySet()) {
            if (config.extraWorkingDays().containsKey(date)) {
                problems.add(Problem.of("holidays", "calendar_day_twice", date.toString()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        String weekend = String.join(",", config.weekend().stream().sorted().map(DayOfWeek::name).toList());
        transactions.executeWithoutResult(status -> {
            dsl.execute("delete from work_calendar_day where calendar_key = ?", config.key());
            dsl.execute("delete from work_calendar where calendar_key = ?", config.key());
            dsl.execute("insert into work_calendar (calendar_key, zone_id, weekend_days, updated_by, updated_at)"
                            + " values (?, ?, ?, ?, ?)", config.key(), config.zone().getId(), weekend, actor.username(),
                    timestamp(OffsetDateTime.now(clock)));
            config.holidays().forEach((date, name) -> insertDay(config.key(), date, HOLIDAY, name));
            config.extraWorkingDays().forEach((date, name) -> insertDay(config.key(), date, WORKING, name));
        });
        return get(config.key());
    }

    public void delete(Actor actor, String key) {
        requireAdmin(actor);
        transactions.executeWithoutResult(status -> {
            dsl.execute("delete from work_calendar_day where calendar_key = ?", key);
            if (dsl.execute("delete from work_calendar where calendar_key = ?", key) == 0) {
                throw new NotFoundException("calendar", key);
            }
        });
    }

    /** Parses a zone id for callers that take it as text, as a validation problem when unknown. */
    public static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException | NullPointerException e) {
            throw new ValidationException(Problem.of("zone", "calendar_zone_invalid", String.valueOf(id)));
        }
    }

    private void insertDay(String key, LocalDate date, String kind, String name) {
        dsl.execute("insert into work_calendar_day (calendar_key, calendar_date, kind, name) values (?, ?, ?, ?)",
                key, Date.valueOf(date), kind, name);
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw new AccessDeniedException("only admins change working-day calendars");
        }
    }
}
