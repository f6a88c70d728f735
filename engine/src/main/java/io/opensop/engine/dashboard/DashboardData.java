package io.opensop.engine.dashboard;

import java.util.List;

/** Every widget's data of one dashboard version, for one viewer and filter. */
public record DashboardData(String key, int version, DashboardFilters filters, List<WidgetData> widgets) {
}
