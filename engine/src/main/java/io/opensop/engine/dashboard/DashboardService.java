package io.opensop.engine.dashboard;

import static io.opensop.engine.support.SqlValues.timestamp;

import io.opensop.engine.aggregate.AggregateQuery;
import io.opensop.engine.aggregate.AggregateService;
import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.ConflictException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.record.FilterOperator;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.security.Actor;
import io.opensop.engine.support.Json;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Dashboards: stored definitions (every saved version kept in {@code dashboard_version}), and their
 * data for a viewer. Anyone signed in may list and open a dashboard; every number comes from
 * {@link AggregateService} as that viewer, so a rep sees only the records a rep may read. Only
 * designers and admins save. Dashboards of an uninstalled template's app are hidden, like its forms
 * in the launchers.
 */
public final class DashboardService {

    private static final Set<String> PERIODS = Set.of("week", "month", "quarter", "year");
    private static final String COLUMNS = "dashboard_key, version, definition_json, updated_by, updated_at";
    private static final String VISIBLE = " (app_key is null or app_key not in (select app_key from"
            + " template_installation where status = 'uninstalled' and app_key is not null))";

    private final DSLContext dsl;
    private final TransactionOperations transactions;
    private final AggregateService aggregates;
    private final DashboardValidator validator;
    private final Clock clock;

    public DashboardService(DSLContext dsl, TransactionOperations transactions, AggregateService aggregates,
                            Clock clock) {
        this.dsl = dsl;
        this.transactions = transactions;
        this.aggregates = aggregates;
        this.validator = new DashboardValidator(aggregates);
        this.clock = clock;
    }

    public List<Dashboard> list(Actor actor) {
        return dsl.fetch("select " + COLUMNS + " from dashboard_definition where" + VISIBLE
                + " order by dashboard_key").map(this::toDashboard);
    }

    public Dashboard get(Actor actor, String key) {
        return dsl.fetchOptional("select " + COLUMNS + " from dashboard_definition where dashboard_key = ? and"
                + VISIBLE, key).map(this::toDashboard).orElseThrow(() -> new NotFoundException("dashboard", key));
    }

    /** The stored dashboard whether or not its app is installed; for template installs and upgrades. */
    public Optional<Dashboard> stored(String key) {
        return dsl.fetchOptional("select " + COLUMNS + " from dashboard_definition where dashboard_key = ?", key)
                .map(this::toDashboard);
    }

    /** The dashboards of one app, for template exports. */
    public List<DashboardDefinition> ofApp(String app) {
        return dsl.fetch("select " + COLUMNS + " from dashboard_definition where app_key = ? order by dashboard_key",
                app).map(r -> toDashboard(r).definition());
    }

    /** Problems of a definition as the actor would save it; empty when it may be saved. */
    public List<Problem> validate(Actor actor, DashboardDefinition definition) {
        return validator.validate(actor, definition);
    }

    /**
     * Creates ({@code expectedVersion} null or 0) or replaces a dashboard. A stale
     * {@code expectedVersion} is a conflict; nothing is written when any check fails.
     */
    public Dashboard save(Actor actor, DashboardDefinition definition, Integer expectedVersion) {
        requireDesigner(actor);
        List<Problem> problems = validator.validate(actor, definition);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return transactions.execute(status -> {
            Optional<Dashboard> current = dsl.fetchOptional("select " + COLUMNS
                    + " from dashboard_definition where dashboard_key = ? for update", definition.key())
                    .map(this::toDashboard);
            int expected = expectedVersion == null ? 0 : expectedVersion;
            int stored = current.map(Dashboard::version).orElse(0);
            if (current.isPresent() && expectedVersion == null) {
                throw new ValidationException(Problem.of("version", "version_required"));
            }
            if (expected != stored) {
                throw ConflictException.staleVersion(expected, stored);
            }
            int version = stored + 1;
            String json = Json.write(definition);
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (current.isEmpty()) {
                dsl.execute("insert into dashboard_definition (dashboard_key, app_key, version, definition_json,"
                        + " updated_by, updated_at) values (?, ?, ?, ?, ?, ?)", definition.key(), definition.app(),
                        version, json, actor.username(), timestamp(now));
            } else if (dsl.execute("update dashboard_definition set app_key = ?, version = ?, definition_json = ?,"
                    + " updated_by = ?, updated_at = ? where dashboard_key = ? and version = ?", definition.app(),
                    version, json, actor.username(), timestamp(now), definition.key(), stored) != 1) {
                throw ConflictException.staleVersion(expected, stored + 1);
            }
            dsl.execute("insert into dashboard_version (dashboard_key, version, definition_json, saved_by, saved_at)"
                    + " values (?, ?, ?, ?, ?)", definition.key(), version, json, actor.username(), timestamp(now));
            return new Dashboard(definition, version, actor.username(), now);
        });
    }

    /** Adds a widget to a dashboard (or replaces the widget of the same key): what the builder saves. */
    public Dashboard saveWidget(Actor actor, String dashboardKey, WidgetDefinition widget, int expectedVersion) {
        requireDesigner(actor);
        Dashboard current = get(actor, dashboardKey);
        return save(actor, current.definition().withWidget(widget), expectedVersion);
    }

    /** A saved version as it was, for audits and rollbacks. */
    public DashboardDefinition version(Actor actor, String key, int version) {
        return dsl.fetchOptional("select definition_json from dashboard_version where dashboard_key = ? and version = ?",
                key, version).map(r -> Json.read(r.get(0, String.class), DashboardDefinition.class))
                .orElseThrow(() -> new NotFoundException("dashboard version", key + "/" + version));
    }

    /** Every widget's data as the viewer may see it, narrowed by the filters. */
    public DashboardData data(Actor actor, String key, DashboardFilters filters) {
        Dashboard dashboard = get(actor, key);
        DashboardFilters applied = filters == null ? DashboardFilters.none() : filters;
        String period = applied.period() == null || applied.period().isBlank() || applied.period().equals("all")
                ? null : applied.period();
        if (period != null && !PERIODS.contains(period)) {
            throw new ValidationException(Problem.of("period", "invalid_value", period));
        }
        List<WidgetData> widgets = new ArrayList<>();
        for (WidgetDefinition widget : dashboard.definition().widgetList()) {
            widgets.add(widgetData(actor, widget, narrowed(widget, period, applied)));
        }
        return new DashboardData(key, dashboard.version(), applied, widgets);
    }

    /** The query a widget runs under the dashboard's filters. */
    public static AggregateQuery narrowed(WidgetDefinition widget, String period, DashboardFilters filters) {
        List<RecordFilter> extra = new ArrayList<>();
        if (period != null && widget.periodField() != null) {
            extra.add(new RecordFilter(widget.periodField(), FilterOperator.GE, List.of("@" + period)));
            extra.add(new RecordFilter(widget.periodField(), FilterOperator.LT, List.of("@next_" + period)));
        }
        if (filters.region() != null && !filters.region().isBlank()) {
            extra.add(new RecordFilter(AggregateService.OWNER_REGION, FilterOperator.EQ, List.of(filters.region())));
        }
        if (filters.team() != null && !filters.team().isBlank()) {
            extra.add(new RecordFilter(AggregateService.OWNER_TEAM, FilterOperator.EQ, List.of(filters.team())));
        }
        return widget.query().withFilters(extra);
    }

    private WidgetData widgetData(Actor actor, WidgetDefinition widget, AggregateQuery query) {
        try {
            return new WidgetData(widget.key(), widget.type(), widget.title(), widget.options(),
                    aggregates.run(actor, query), null, false);
        } catch (ValidationException e) {
            return new WidgetData(widget.key(), widget.type(), widget.title(), widget.options(), null,
                    e.problems(), false);
        } catch (AccessDeniedException | NotFoundException e) {
            return new WidgetData(widget.key(), widget.type(), widget.title(), widget.options(), null, null, true);
        }
    }

    private static void requireDesigner(Actor actor) {
        if (!actor.isAdmin() && !actor.hasRole(Actor.DESIGNER)) {
            throw new AccessDeniedException("saving dashboards needs the designer or admin role");
        }
    }

    private Dashboard toDashboard(Record r) {
        DashboardDefinition definition = Json.read(r.get(2, String.class), DashboardDefinition.class);
        return new Dashboard(definition, r.get(1, Integer.class), r.get(3, String.class),
                r.get(4, OffsetDateTime.class));
    }
}
