package io.opensop.engine.aggregate;

/** Groups by the calendar period of a date or datetime field; datetimes in the actor's time zone. */
public record PeriodGrouping(String field, PeriodUnit unit) {
}
