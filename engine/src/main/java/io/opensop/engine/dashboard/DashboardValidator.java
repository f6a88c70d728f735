package io.opensop.engine.dashboard;

import io.opensop.engine.aggregate.AggregateQuery;
import io.opensop.engine.aggregate.AggregateService;
import io.opensop.engine.aggregate.PeriodGrouping;
import io.opensop.engine.aggregate.PeriodUnit;
import io.opensop.engine.error.EngineException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.Identifiers;
import io.opensop.engine.security.Actor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a dashboard before it is saved, reporting every problem with its JSON path: keys, titles,
 * filter names, widget types, and each widget's query as the saving actor could run it.
 */
final class DashboardValidator {

    private final AggregateService aggregates;

    DashboardValidator(AggregateService aggregates) {
        this.aggregates = aggregates;
    }

    List<Problem> validate(Actor actor, DashboardDefinition dashboard) {
        List<Problem> problems = new ArrayList<>();
        if (dashboard == null) {
            problems.add(Problem.of("$", "required"));
            return problems;
        }
        if (dashboard.key() == null || !Identifiers.isValidKey(dashboard.key())) {
            problems.add(Problem.of("$.key", "invalid_value", String.valueOf(dashboard.key())));
        }
        if (dashboard.app() != null && !Identifiers.isValidKey(dashboard.app())) {
            problems.add(Problem.of("$.app", "invalid_value", dashboard.app()));
        }
        if (dashboard.title() == null || dashboard.title().isBlank()) {
            problems.add(Problem.of("$.title", "required"));
        }
        for (int i = 0; i < dashboard.filterList().size(); i++) {
            if (!DashboardDefinition.FILTERS.contains(dashboard.filterList().get(i))) {
                problems.add(Problem.of("$.filters[" + i + "]", "invalid_value", dashboard.filterList().get(i)));
            }
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < dashboard.widgetList().size(); i++) {
            widget(actor, dashboard.widgetList().get(i), "$.widgets[" + i + "]", keys, problems);
        }
        return problems;
    }

    private void widget(Actor actor, WidgetDefinition widget, String at, Set<String> keys, List<Problem> problems) {
        if (widget == null) {
            problems.add(Problem.of(at, "required"));
            return;
        }
        if (widget.key() == null || !Identifiers.isValidKey(widget.key())) {
            problems.add(Problem.of(at + ".key", "invalid_value", String.valueOf(widget.key())));
        } else if (!keys.add(widget.key())) {
            problems.add(Problem.of(at + ".key", "duplicate_key", widget.key()));
        }
        if (widget.type() == null || !WidgetDefinition.TYPES.contains(widget.type())) {
            problems.add(Problem.of(at + ".type", "invalid_value", String.valueOf(widget.type())));
        }
        if (widget.title() == null || widget.title().isBlank()) {
            problems.add(Problem.of(at + ".title", "required"));
        }
        AggregateQuery query = widget.query();
        if (query == null) {
            problems.add(Problem.of(at + ".query", "required"));
            return;
        }
        if ("number".equals(widget.type()) && (!query.groupBy().isEmpty() || query.period() != null)) {
            problems.add(Problem.of(at + ".query.groupBy", "dashboard_number_grouped"));
        }
        check(actor, query, at + ".query.", problems);
        if (widget.dateField() != null && query.period() == null) {
            check(actor, query.withPeriod(new PeriodGrouping(widget.dateField(), PeriodUnit.DAY)), at + ".", problems);
        }
    }

    private void check(Actor actor, AggregateQuery query, String prefix, List<Problem> problems) {
        try {
            aggregates.check(actor, query);
        } catch (ValidationException e) {
            for (Problem p : e.problems()) {
                String field = p.field().equals("period.field") && prefix.endsWith("].") ? "dateField" : p.field();
                problems.add(new Problem(prefix + field, p.code(), p.args()));
            }
        } catch (EngineException unknownOrUnreadableForm) {
            problems.add(Problem.of(prefix + "form", "dashboard_form_unavailable", String.valueOf(query.form())));
        }
    }
}
