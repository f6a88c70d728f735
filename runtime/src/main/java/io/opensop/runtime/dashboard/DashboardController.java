package io.opensop.runtime.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.opensop.engine.aggregate.AggregateQuery;
import io.opensop.engine.aggregate.AggregateResult;
import io.opensop.engine.aggregate.AggregateService;
import io.opensop.engine.dashboard.Dashboard;
import io.opensop.engine.dashboard.DashboardData;
import io.opensop.engine.dashboard.DashboardDefinition;
import io.opensop.engine.dashboard.DashboardFilters;
import io.opensop.engine.dashboard.DashboardService;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.i18n.LocalizedText;
import io.opensop.runtime.api.ApiError;
import io.opensop.runtime.api.ErrorResponses;
import io.opensop.runtime.api.Versions;
import io.opensop.runtime.security.CurrentActor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Dashboards and ad-hoc aggregates; every number is computed with the caller's permissions. */
@RestController
@Tag(name = "Dashboards", description = "Dashboards (versioned definitions, data per viewer) and ad-hoc aggregates")
class DashboardController {

    private final DashboardService dashboards;
    private final AggregateService aggregates;
    private final CurrentActor actor;
    private final ErrorResponses errors;

    DashboardController(DashboardService dashboards, AggregateService aggregates, CurrentActor actor,
                        ErrorResponses errors) {
        this.dashboards = dashboards;
        this.aggregates = aggregates;
        this.actor = actor;
        this.errors = errors;
    }

    /** A line of the dashboard list. */
    record DashboardSummary(String key, String app, LocalizedText title, int version) {
    }

    /** A widget's data; {@code errors} in the caller's language when its query cannot run for them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WidgetView(String key, String type, LocalizedText title, JsonNode options, AggregateResult result,
                      List<ApiError.Item> errors, Boolean denied) {
    }

    record DashboardDataView(String key, int version, DashboardFilters filters, List<WidgetView> widgets) {
    }

    @GetMapping("/api/dashboards")
    @Operation(summary = "Dashboards the caller may open", description = "Dashboards of uninstalled apps are hidden.")
    List<DashboardSummary> list() {
        return dashboards.list(actor.get()).stream().map(d -> new DashboardSummary(d.key(), d.definition().app(),
                d.definition().title(), d.version())).toList();
    }

    @GetMapping("/api/dashboards/{key}")
    @Operation(summary = "A dashboard's definition and version", description = "The ETag carries the version to send back when saving.")
    @ApiResponse(responseCode = "404", description = "No such dashboard")
    ResponseEntity<Dashboard> get(@PathVariable String key) {
        Dashboard dashboard = dashboards.get(actor.get(), key);
        return ResponseEntity.ok().eTag(Versions.etag(dashboard.version())).body(dashboard);
    }

    @PutMapping("/api/dashboards/{key}")
    @Operation(summary = "Create or replace a dashboard (designers and admins)",
            description = "Without If-Match (or version) a new dashboard is created; replacing one needs the version "
                    + "you edited, and a stale one is a 409. Every problem is reported with its JSON path (422).")
    @ApiResponse(responseCode = "403", description = "The caller is neither designer nor admin")
    @ApiResponse(responseCode = "409", description = "The dashboard changed since that version")
    @ApiResponse(responseCode = "422", description = "The definition is invalid")
    ResponseEntity<Dashboard> save(@PathVariable String key, @RequestBody DashboardDefinition definition,
                                   @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                   @RequestParam(value = "version", required = false) Long version) {
        if (definition.key() != null && !definition.key().equals(key)) {
            throw new ValidationException(Problem.of("$.key", "invalid_value", definition.key()));
        }
        DashboardDefinition keyed = new DashboardDefinition(key, definition.app(), definition.title(),
                definition.filters(), definition.widgets());
        Integer expected = ifMatch == null && version == null ? null
                : Math.toIntExact(Versions.required(ifMatch, version));
        Dashboard saved = dashboards.save(actor.get(), keyed, expected);
        return ResponseEntity.ok().eTag(Versions.etag(saved.version())).body(saved);
    }

    @GetMapping("/api/dashboards/{key}/data")
    @Operation(summary = "Every widget's data for the caller",
            description = "Row scopes and field access apply as in record lists: a rep's numbers cover a rep's "
                    + "records. A widget the caller cannot compute carries errors or denied instead of a result.")
    DashboardDataView data(@PathVariable String key,
                           @Parameter(description = "week, month, quarter, year (the current one) or all")
                           @RequestParam(value = "period", required = false) String period,
                           @Parameter(description = "owners' region") @RequestParam(value = "region", required = false)
                           String region,
                           @Parameter(description = "owners' team") @RequestParam(value = "team", required = false)
                           String team,
                           Locale locale) {
        DashboardData data = dashboards.data(actor.get(), key, new DashboardFilters(period, region, team));
        return new DashboardDataView(data.key(), data.version(), data.filters(), data.widgets().stream()
                .map(w -> new WidgetView(w.key(), w.type(), w.title(), w.options(), w.result(),
                        w.problems() == null ? null : errors.of(w.problems(), locale, null).errors(),
                        w.denied() ? Boolean.TRUE : null))
                .toList());
    }

    @PostMapping("/api/aggregates")
    @Operation(summary = "Run an ad-hoc aggregate query",
            description = "count/sum/avg/min/max of a field, grouped by up to two fields (owner.region and "
                    + "owner.team included) and/or a period (day, week, month, quarter, year) of a date field, "
                    + "with list filters (relative dates such as @today-30 allowed). Hidden fields are unknown (422).")
    @ApiResponse(responseCode = "422", description = "Unknown or hidden field, or a measure that does not fit the field")
    AggregateResult aggregate(@RequestBody AggregateQuery query) {
        return aggregates.run(actor.get(), query);
    }
}
