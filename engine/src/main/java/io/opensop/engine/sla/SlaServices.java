package io.opensop.engine.sla;

import io.opensop.engine.EngineServices;
import io.opensop.engine.error.Problem;
import java.util.ArrayList;
import java.util.List;
import io.opensop.engine.notify.NotificationService;
import io.opensop.engine.record.RecordChanged;
import java.time.Clock;
import java.time.ZoneId;
import org.camunda.bpm.engine.ProcessEngine;
import org.jooq.DSLContext;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Builds the SLA feature: calendars, clocks and weekly reports. The host builds the Camunda engine
 * with {@link #plugin()} among its plugins, then this class, and forwards {@link RecordChanged}
 * events (inside the saving transaction) to {@link #onEvent}.
 */
public final class SlaServices {

    private final CalendarStore calendars;
    private final SlaService clocks;
    private final WeeklyReports reports;

    public SlaServices(EngineServices engine, ProcessEngine camunda, DSLContext dsl, TransactionOperations transactions,
                       Clock clock, ZoneId businessZone, SlaEnginePlugin plugin, NotificationService notifications) {
        this.calendars = new CalendarStore(dsl, transactions, clock, businessZone);
        this.clocks = new SlaService(dsl, transactions, engine.records(), engine.forms(), engine.users(), calendars,
                notifications, clock, businessZone, plugin, engine.events());
        this.reports = new WeeklyReports(camunda, engine.records(), engine.users(), clocks, notifications, clock,
                businessZone);
        plugin.bind(clocks, reports);
        engine.forms().addPublishCheck((next, others) -> {
            List<Problem> problems = new ArrayList<>();
            SlaPolicy.of(next, problems);
            return problems;
        });
    }

    public static SlaEnginePlugin plugin() {
        return new SlaEnginePlugin();
    }

    /** Forward every engine event here; record changes drive the clocks. */
    public void onEvent(Object event) {
        if (event instanceof RecordChanged change) {
            clocks.onRecordChanged(change);
        }
    }

    public CalendarStore calendars() {
        return calendars;
    }

    public SlaService clocks() {
        return clocks;
    }

    public WeeklyReports reports() {
        return reports;
    }
}
