package io.opensop.designer.dashboard;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import io.opensop.designer.chart.EChart;
import io.opensop.engine.aggregate.AggregateResult;
import io.opensop.engine.aggregate.AggregateRow;
import io.opensop.engine.dashboard.WidgetData;
import io.opensop.engine.i18n.EngineMessages;
import java.util.stream.Collectors;

/**
 * One widget on a dashboard: its title and either a number, a table (a plain Grid) or an ECharts
 * chart, or the reason it has no data. Marked {@code data-testid="widget-<key>"}; a number carries
 * its exact value in {@code data-value}, a chart its plotted values in {@code data-chart}.
 */
public final class WidgetCard extends Div {

    public WidgetCard(WidgetData widget, DashboardTexts texts) {
        addClassName("opensop-widget");
        getElement().setAttribute("data-testid", "widget-" + widget.key());
        getStyle().set("background", "var(--lumo-base-color)").set("border-radius", "var(--lumo-border-radius-l)")
                .set("box-shadow", "var(--lumo-box-shadow-xs)").set("padding", "var(--lumo-space-m)")
                .set("min-width", "0").set("box-sizing", "border-box");
        if ("table".equals(widget.type()) || "heatmap".equals(widget.type())) {
            getStyle().set("grid-column", "1 / -1");
        }
        H3 title = new H3(widget.title() == null ? widget.key() : widget.title().in(texts.locale()));
        title.getStyle().set("margin", "0 0 var(--lumo-space-s) 0").set("font-size", "var(--lumo-font-size-m)");
        add(title);
        if (widget.denied()) {
            add(note(texts.text("dashboard.denied")));
        } else if (widget.problems() != null) {
            add(note(widget.problems().stream().map(p -> p.field() + ": " + EngineMessages.render(p, texts.locale()))
                    .collect(Collectors.joining("; "))));
        } else if ("number".equals(widget.type())) {
            add(number(widget, texts));
        } else if ("table".equals(widget.type())) {
            add(table(widget, texts));
        } else {
            add(chart(widget, texts));
        }
    }

    private static Span note(String text) {
        Span note = new Span(text);
        note.getElement().setAttribute("data-testid", "widget-note");
        note.getStyle().set("color", "var(--lumo-secondary-text-color)");
        return note;
    }

    private static Span number(WidgetData widget, DashboardTexts texts) {
        Object value = widget.result().single();
        Span number = new Span(texts.format(value));
        number.getElement().setAttribute("data-testid", "widget-" + widget.key() + "-value");
        number.getElement().setAttribute("data-value", value instanceof java.math.BigDecimal d ? d.toPlainString()
                : String.valueOf(value));
        number.getStyle().set("font-size", "var(--lumo-font-size-xxxl)").set("font-weight", "600");
        if (widget.options() != null && "danger".equals(widget.options().path("tone").asText())) {
            number.getStyle().set("color", "var(--lumo-error-text-color)");
        }
        return number;
    }

    private static Grid<AggregateRow> table(WidgetData widget, DashboardTexts texts) {
        AggregateResult result = widget.result();
        Grid<AggregateRow> grid = new Grid<>();
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.getElement().setAttribute("data-testid", "widget-" + widget.key() + "-table");
        for (int i = 0; i < result.dimensions().size(); i++) {
            int index = i;
            grid.addColumn(r -> r.labels().get(index) == null ? texts.text("dashboard.blank") : r.labels().get(index))
                    .setHeader(texts.fieldLabel(result.form(), result.dimensions().get(i))).setAutoWidth(true)
                    .setResizable(true);
        }
        for (int m = 0; m < result.measures().size(); m++) {
            int index = m;
            grid.addColumn(r -> texts.format(r.value(index)))
                    .setHeader(texts.measureName(result.form(), result.measures().get(m))).setAutoWidth(true)
                    .setTextAlign(com.vaadin.flow.component.grid.ColumnTextAlign.END);
        }
        grid.setItems(result.rows());
        grid.setAllRowsVisible(result.rows().size() <= 12);
        if (result.rows().size() > 12) {
            grid.setHeight("420px");
        }
        return grid;
    }

    private static EChart chart(WidgetData widget, DashboardTexts texts) {
        AggregateResult result = widget.result();
        ChartSeries series = ChartSeries.of(result,
                m -> texts.measureName(result.form(), result.measures().get(m)), texts.text("dashboard.blank"));
        EChart chart = new EChart();
        chart.getElement().setAttribute("data-testid", "widget-" + widget.key() + "-chart");
        chart.setAccessibleName(widget.title() == null ? widget.key() : widget.title().in(texts.locale()));
        chart.setOption(ChartOptions.option(widget.type(), series, widget.options()));
        chart.setData(ChartOptions.data(series));
        return chart;
    }
}
