package io.opensop.engine.formula;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Everything an evaluation depends on besides the record: the clock and zone behind TODAY and NOW,
 * the working-day calendar, and how to read referenced records.
 */
public record FormulaContext(Clock clock, ZoneId zone, WorkCalendar calendar, ReferenceResolver resolver) {

    public FormulaContext {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(resolver, "resolver");
    }

    /** System clock in the given zone, Saturday/Sunday weekends, no references. */
    public static FormulaContext of(ZoneId zone) {
        return new FormulaContext(Clock.system(zone), zone, WorkCalendar.standard(), ReferenceResolver.NONE);
    }

    public FormulaContext withClock(Clock newClock) {
        return new FormulaContext(newClock, zone, calendar, resolver);
    }

    public FormulaContext withCalendar(WorkCalendar newCalendar) {
        return new FormulaContext(clock, zone, newCalendar, resolver);
    }

    public FormulaContext withResolver(ReferenceResolver newResolver) {
        return new FormulaContext(clock, zone, calendar, newResolver);
    }
}
