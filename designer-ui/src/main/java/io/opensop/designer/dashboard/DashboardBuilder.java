package io.opensop.designer.dashboard;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.opensop.engine.aggregate.AggregateFunction;
import io.opensop.engine.aggregate.AggregateQuery;
import io.opensop.engine.aggregate.AggregateService;
import io.opensop.engine.aggregate.Measure;
import io.opensop.engine.aggregate.PeriodGrouping;
import io.opensop.engine.aggregate.PeriodUnit;
import io.opensop.engine.dashboard.Dashboard;
import io.opensop.engine.dashboard.DashboardService;
import io.opensop.engine.dashboard.WidgetData;
import io.opensop.engine.dashboard.WidgetDefinition;
import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.ConflictException;
import io.opensop.engine.error.EngineException;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.i18n.EngineMessages;
import io.opensop.engine.i18n.LocalizedText;
import io.opensop.engine.record.FilterOperator;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.security.Actor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The dashboard builder: pick a form, a measure, up to two group-by fields, a period and one
 * filter, and a chart type; the preview runs the query as the designer and draws the widget; save
 * adds it to a dashboard (a new version of it). Only designers and admins get the controls.
 */
public final class DashboardBuilder extends VerticalLayout {

    private static final Set<FieldType> NUMERIC = Set.of(FieldType.NUMBER, FieldType.MONEY, FieldType.PERCENT);
    private static final Set<FieldType> DATES = Set.of(FieldType.DATE, FieldType.DATETIME);
    private static final List<String> SYSTEM_GROUPS = List.of("stage", "owner", AggregateService.OWNER_REGION,
            AggregateService.OWNER_TEAM);

    private final AggregateService aggregates;
    private final DashboardService dashboards;
    private final Actor actor;
    private final DashboardTexts texts;

    private final ComboBox<FormDefinition> form = new ComboBox<>();
    private final Select<AggregateFunction> function = new Select<>();
    private final ComboBox<String> measureField = new ComboBox<>();
    private final ComboBox<String> groupBy = new ComboBox<>();
    private final ComboBox<String> groupBy2 = new ComboBox<>();
    private final ComboBox<String> periodField = new ComboBox<>();
    private final Select<PeriodUnit> periodUnit = new Select<>();
    private final ComboBox<String> filterField = new ComboBox<>();
    private final Select<FilterOperator> filterOperator = new Select<>();
    private final TextField filterValue = new TextField();
    private final Select<String> chartType = new Select<>();
    private final Div preview = new Div();
    private final ComboBox<Dashboard> dashboard = new ComboBox<>();
    private final TextField widgetKey = new TextField();
    private final TextField titleEn = new TextField();
    private final TextField titleZh = new TextField();

    public DashboardBuilder(AggregateService aggregates, DashboardService dashboards, List<FormDefinition> forms,
                            Actor actor, DashboardTexts texts) {
        this.aggregates = aggregates;
        this.dashboards = dashboards;
        this.actor = actor;
        this.texts = texts;
        getElement().setAttribute("data-testid", "dashboard-builder");
        setPadding(false);
        if (!actor.isAdmin() && !actor.hasRole(Actor.DESIGNER)) {
            add(new Span(texts.text("dashboard.builder.denied")));
            return;
        }
        form.setLabel(texts.text("dashboard.builder.form"));
        form.setItems(forms);
        form.setItemLabelGenerator(f -> f.label() == null ? f.key() : f.label().in(texts.locale()) + " (" + f.key() + ")");
        function.setLabel(texts.text("dashboard.builder.function"));
        function.setItems(AggregateFunction.values());
        function.setItemLabelGenerator(f -> texts.text("dashboard.builder.function." + f.key()));
        function.setValue(AggregateFunction.COUNT);
        measureField.setLabel(texts.text("dashboard.builder.measureField"));
        groupBy.setLabel(texts.text("dashboard.builder.groupBy"));
        groupBy2.setLabel(texts.text("dashboard.builder.groupBy2"));
        periodField.setLabel(texts.text("dashboard.builder.periodField"));
        periodUnit.setLabel(texts.text("dashboard.builder.periodUnit"));
        periodUnit.setItems(PeriodUnit.values());
        // The empty choice (no period) is labelled too, with null.
        periodUnit.setItemLabelGenerator(u -> u == null ? "—" : texts.text("dashboard.period." + u.key()));
        periodUnit.setEmptySelectionAllowed(true);
        filterField.setLabel(texts.text("dashboard.builder.filter"));
        filterOperator.setLabel(texts.text("dashboard.builder.operator"));
        filterOperator.setItems(FilterOperator.values());
        filterOperator.setItemLabelGenerator(FilterOperator::key);
        filterOperator.setValue(FilterOperator.EQ);
        filterValue.setLabel(texts.text("dashboard.builder.value"));
        chartType.setLabel(texts.text("dashboard.builder.type"));
        chartType.setItems(WidgetDefinition.TYPES);
        chartType.setItemLabelGenerator(t -> texts.text("dashboard.type." + t));
        chartType.setValue("bar");
        for (var field : List.of(form, measureField, groupBy, groupBy2, periodField, filterField)) {
            field.setClearButtonVisible(true);
        }
        testId(form, "builder-form");
        testId(function, "builder-function");
        testId(measureField, "builder-measure");
        testId(groupBy, "builder-group");
        testId(chartType, "builder-type");
        form.addValueChangeListener(e -> fieldsOf(e.getValue()));
        List.of(function, periodUnit, filterOperator, chartType).forEach(c -> c.addValueChangeListener(e -> refresh()));
        List.of(measureField, groupBy, groupBy2, periodField, filterField)
                .forEach(c -> c.addValueChangeListener(e -> refresh()));
        filterValue.addValueChangeListener(e -> refresh());

        FormLayout query = new FormLayout(form, chartType, function, measureField, groupBy, groupBy2, periodField,
                periodUnit, filterField, filterOperator, filterValue);
        query.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("600px", 2),
                new FormLayout.ResponsiveStep("900px", 3));
        preview.setWidthFull();
        preview.getElement().setAttribute("data-testid", "builder-preview");

        dashboard.setLabel(texts.text("dashboard.builder.dashboard"));
        dashboard.setItems(dashboards.list(actor));
        dashboard.setItemLabelGenerator(d -> d.definition().title().in(texts.locale()) + " (" + d.key() + ")");
        widgetKey.setLabel(texts.text("dashboard.builder.widgetKey"));
        widgetKey.setPattern("[a-z][a-z0-9_]{0,27}");
        titleEn.setLabel(texts.text("dashboard.builder.titleEn"));
        titleZh.setLabel(texts.text("dashboard.builder.titleZh"));
        testId(dashboard, "builder-dashboard");
        testId(widgetKey, "builder-widget-key");
        Button save = new Button(texts.text("dashboard.builder.save"), click -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        testId(save, "builder-save");
        FormLayout target = new FormLayout(dashboard, widgetKey, titleEn, titleZh);
        target.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("600px", 2));
        add(query, preview, target, save);
    }

    private static void testId(com.vaadin.flow.component.Component component, String id) {
        component.getElement().setAttribute("data-testid", id);
    }

    private void fieldsOf(FormDefinition definition) {
        List<String> numeric = new ArrayList<>();
        List<String> groupable = new ArrayList<>(SYSTEM_GROUPS);
        List<String> dates = new ArrayList<>(List.of("created_at", "updated_at"));
        List<String> all = new ArrayList<>(List.of("stage", "owner", "created_at", "updated_at"));
        if (definition != null) {
            for (FieldDefinition field : definition.fieldList()) {
                FieldType type = field.storedType();
                if (NUMERIC.contains(type)) {
                    numeric.add(field.key());
                }
                if (DATES.contains(type)) {
                    dates.add(field.key());
                    numeric.add(field.key());
                }
                if (AggregateService.groupable(field)) {
                    groupable.add(field.key());
                    all.add(field.key());
                }
            }
        }
        String formKey = definition == null ? null : definition.key();
        for (ComboBox<String> box : List.of(measureField, groupBy, groupBy2, periodField, filterField)) {
            box.clear();
            box.setItemLabelGenerator(f -> texts.fieldLabel(formKey, f));
        }
        measureField.setItems(numeric);
        groupBy.setItems(groupable);
        groupBy2.setItems(groupable);
        periodField.setItems(dates);
        filterField.setItems(all);
        refresh();
    }

    /** The query the controls describe, or null while no form is chosen. */
    AggregateQuery query() {
        if (form.getValue() == null) {
            return null;
        }
        Measure measure = new Measure(function.getValue() == null ? AggregateFunction.COUNT : function.getValue(),
                measureField.getValue());
        List<String> groups = new ArrayList<>();
        if (groupBy.getValue() != null) {
            groups.add(groupBy.getValue());
        }
        if (groupBy2.getValue() != null) {
            groups.add(groupBy2.getValue());
        }
        PeriodGrouping period = periodField.getValue() != null && periodUnit.getValue() != null
                ? new PeriodGrouping(periodField.getValue(), periodUnit.getValue()) : null;
        List<RecordFilter> filters = new ArrayList<>();
        if (filterField.getValue() != null && filterOperator.getValue() != null) {
            String value = filterValue.getValue() == null ? "" : filterValue.getValue();
            List<String> values = switch (filterOperator.getValue()) {
                case BLANK, NOT_BLANK -> List.of();
                case IN, BETWEEN -> List.of(value.split("\\s*,\\s*"));
                default -> List.of(value);
            };
            filters.add(new RecordFilter(filterField.getValue(), filterOperator.getValue(), values));
        }
        return new AggregateQuery(form.getValue().key(), List.of(measure), groups, period, filters, null);
    }

    private WidgetDefinition widget() {
        String en = titleEn.getValue().isBlank() ? widgetKey.getValue() : titleEn.getValue();
        String zh = titleZh.getValue().isBlank() ? en : titleZh.getValue();
        return new WidgetDefinition(widgetKey.getValue(), chartType.getValue(), LocalizedText.of(en, zh), query(),
                null, null);
    }

    private void refresh() {
        preview.removeAll();
        AggregateQuery query = query();
        if (query == null) {
            return;
        }
        String type = chartType.getValue() == null ? "bar" : chartType.getValue();
        try {
            WidgetData data = new WidgetData("preview", type, LocalizedText.of(texts.text("dashboard.builder.preview"),
                    texts.text("dashboard.builder.preview")), null, aggregates.run(actor, query), null, false);
            preview.add(new WidgetCard(data, texts));
        } catch (ValidationException e) {
            preview.add(problem(e.problems().stream().map(p -> p.field() + ": " + EngineMessages.render(p,
                    texts.locale())).collect(Collectors.joining("; "))));
        } catch (EngineException e) {
            preview.add(problem(texts.text("dashboard.denied")));
        }
    }

    private void save() {
        Dashboard target = dashboard.getValue();
        if (target == null) {
            dashboard.setInvalid(true);
            dashboard.setErrorMessage(EngineMessages.render(io.opensop.engine.error.Problem.of("dashboard", "required"),
                    texts.locale()));
            return;
        }
        try {
            Dashboard saved = dashboards.saveWidget(actor, target.key(), widget(), target.version());
            dashboard.setItems(dashboards.list(actor));
            dashboard.setValue(dashboards.list(actor).stream().filter(d -> d.key().equals(saved.key())).findFirst()
                    .orElse(null));
            Notification.show(texts.text("dashboard.builder.saved", saved.version()), 4000,
                    Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (ValidationException e) {
            Notification.show(e.problems().stream().map(p -> p.field() + ": " + EngineMessages.render(p,
                    texts.locale())).collect(Collectors.joining("; ")), 8000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        } catch (ConflictException e) {
            Notification.show(texts.text("dashboard.builder.conflict"), 8000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        } catch (AccessDeniedException e) {
            Notification.show(texts.text("dashboard.builder.denied"), 8000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private static Span problem(String text) {
        Span span = new Span(text);
        span.getElement().setAttribute("data-testid", "builder-problem");
        span.getStyle().set("color", "var(--lumo-error-text-color)");
        return span;
    }
}
