package io.opensop.runtime.sla;

import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.sla.CalendarConfig;
import io.opensop.engine.sla.CalendarStore;
import io.opensop.engine.sla.ClockView;
import io.opensop.engine.sla.SlaServices;
import io.opensop.runtime.security.CurrentActor;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Working-day calendars (admins change them; everyone reads them) and the SLA clocks of a record. */
@RestController
class SlaController {

    private final SlaServices sla;
    private final CurrentActor actor;

    SlaController(SlaServices sla, CurrentActor actor) {
        this.sla = sla;
        this.actor = actor;
    }

    /** {@code {"zone":"Asia/Shanghai","weekend":["SATURDAY","SUNDAY"],"holidays":{"2026-10-01":"国庆"},"extraWorkingDays":{"2026-09-27":"调休"}}} */
    record CalendarBody(String key, String zone, Set<String> weekend, Map<String, String> holidays,
                        Map<String, String> extraWorkingDays) {
        static CalendarBody of(CalendarConfig c) {
            return new CalendarBody(c.key(), c.zone().getId(),
                    c.weekend().stream().sorted().map(DayOfWeek::name).collect(java.util.stream.Collectors
                            .toCollection(java.util.LinkedHashSet::new)),
                    text(c.holidays()), text(c.extraWorkingDays()));
        }

        private static Map<String, String> text(SortedMap<LocalDate, String> days) {
            Map<String, String> out = new TreeMap<>();
            days.forEach((d, n) -> out.put(d.toString(), n));
            return out;
        }
    }

    @GetMapping("/api/calendars")
    List<String> calendars() {
        return sla.calendars().keys();
    }

    @GetMapping("/api/calendars/{key}")
    CalendarBody calendar(@PathVariable String key) {
        return CalendarBody.of(sla.calendars().get(key));
    }

    @PutMapping("/api/calendars/{key}")
    CalendarBody save(@PathVariable String key, @RequestBody CalendarBody body) {
        Set<DayOfWeek> weekend = EnumSet.noneOf(DayOfWeek.class);
        for (String day : body.weekend() == null ? Set.of("SATURDAY", "SUNDAY") : body.weekend()) {
            try {
                weekend.add(DayOfWeek.valueOf(day.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ValidationException(Problem.of("weekend", "calendar_weekday_invalid", day));
            }
        }
        CalendarConfig config = new CalendarConfig(key, CalendarStore.zone(body.zone()), weekend,
                dates("holidays", body.holidays()), dates("extraWorkingDays", body.extraWorkingDays()));
        return CalendarBody.of(sla.calendars().save(actor.get(), config));
    }

    @DeleteMapping("/api/calendars/{key}")
    ResponseEntity<Void> delete(@PathVariable String key) {
        sla.calendars().delete(actor.get(), key);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/sla/{formKey}/{recordId}")
    List<ClockView> clocks(@PathVariable String formKey, @PathVariable long recordId) {
        return sla.clocks().clocks(actor.get(), formKey, recordId);
    }

    private static SortedMap<LocalDate, String> dates(String field, Map<String, String> days) {
        SortedMap<LocalDate, String> out = new TreeMap<>();
        if (days == null) {
            return out;
        }
        days.forEach((date, name) -> {
            try {
                out.put(LocalDate.parse(date), name == null ? "" : name);
            } catch (DateTimeParseException e) {
                throw new ValidationException(Problem.of(field, "calendar_date_invalid", date));
            }
        });
        return out;
    }
}
