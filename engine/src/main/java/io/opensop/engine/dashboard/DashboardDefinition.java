package io.opensop.engine.dashboard;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.opensop.engine.i18n.LocalizedText;
import java.util.List;
import java.util.Optional;

/**
 * A dashboard as metadata: a key, the app it belongs to, a title in any language, the filters its
 * viewers may set ({@code period}, {@code region}, {@code team}) and its widgets. Saved versions
 * are kept; template packages ship them in their {@code dashboards} folder.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DashboardDefinition(String key, String app, LocalizedText title, List<String> filters,
                                  List<WidgetDefinition> widgets) {

    public static final List<String> FILTERS = List.of("period", "region", "team");

    @JsonIgnore
    public List<String> filterList() {
        return filters == null ? List.of() : filters;
    }

    @JsonIgnore
    public List<WidgetDefinition> widgetList() {
        return widgets == null ? List.of() : widgets;
    }

    public Optional<WidgetDefinition> widget(String widgetKey) {
        return widgetList().stream().filter(w -> w.key().equals(widgetKey)).findFirst();
    }

    /** The same dashboard with {@code widget} added, or replacing the widget of the same key. */
    public DashboardDefinition withWidget(WidgetDefinition widget) {
        List<WidgetDefinition> next = new java.util.ArrayList<>(widgetList().stream()
                .map(w -> w.key().equals(widget.key()) ? widget : w).toList());
        if (widget(widget.key()).isEmpty()) {
            next.add(widget);
        }
        return new DashboardDefinition(key, app, title, filters, next);
    }
}
