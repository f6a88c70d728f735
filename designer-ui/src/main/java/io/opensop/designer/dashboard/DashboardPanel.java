package io.opensop.designer.dashboard;

import com.vaadin.flow.component.html.Div;
import io.opensop.engine.dashboard.DashboardData;
import io.opensop.engine.dashboard.WidgetData;

/**
 * A dashboard's widgets in a responsive grid: several columns on a desktop, one on a phone
 * (cards are at least 280px wide). Tables and heatmaps take a whole row.
 */
public final class DashboardPanel extends Div {

    private final DashboardTexts texts;

    public DashboardPanel(DashboardTexts texts) {
        this.texts = texts;
        getElement().setAttribute("data-testid", "dashboard-panel");
        getStyle().set("display", "grid").set("grid-template-columns", "repeat(auto-fill, minmax(280px, 1fr))")
                .set("gap", "var(--lumo-space-m)").set("align-items", "start").set("width", "100%")
                .set("box-sizing", "border-box");
    }

    public void show(DashboardData data) {
        removeAll();
        for (WidgetData widget : data.widgets()) {
            add(new WidgetCard(widget, texts));
        }
    }
}
