package io.opensop.designer.dashboard;

import io.opensop.engine.aggregate.AggregateResult;
import io.opensop.engine.aggregate.AggregateRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An aggregate result laid out for a chart: categories along one axis and named series of values.
 * One dimension: a series per measure. Two dimensions: the period (or the first field) along the
 * axis and a series per value of the other, for the first measure.
 */
record ChartSeries(List<String> categories, List<Series> series) {

    record Series(String name, List<Object> values) {
    }

    static ChartSeries of(AggregateResult result, Function<Integer, String> measureName, String blank) {
        List<String> dimensions = result.dimensions();
        List<Series> series = new ArrayList<>();
        if (dimensions.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (int m = 0; m < result.measures().size(); m++) {
                names.add(measureName.apply(m));
            }
            List<Object> values = result.rows().isEmpty() ? List.of() : result.rows().get(0).values();
            series.add(new Series(names.isEmpty() ? "" : names.get(0), new ArrayList<>(values)));
            return new ChartSeries(names, series);
        }
        if (dimensions.size() == 1) {
            List<String> categories = result.rows().stream().map(r -> label(r, 0, blank)).toList();
            for (int m = 0; m < result.measures().size(); m++) {
                int index = m;
                series.add(new Series(measureName.apply(m), result.rows().stream().map(r -> r.value(index)).toList()));
            }
            return new ChartSeries(categories, series);
        }
        int axis = dimensions.get(dimensions.size() - 1).startsWith("period:") ? dimensions.size() - 1 : 0;
        int split = axis == 0 ? 1 : 0;
        List<String> categories = new ArrayList<>();
        Map<String, Map<String, Object>> bySeries = new LinkedHashMap<>();
        for (AggregateRow row : result.rows()) {
            String category = label(row, axis, blank);
            if (!categories.contains(category)) {
                categories.add(category);
            }
            bySeries.computeIfAbsent(label(row, split, blank), k -> new LinkedHashMap<>()).put(category, row.value(0));
        }
        if (axis != 0) {
            categories.sort(null);
        }
        bySeries.forEach((name, values) -> series.add(new Series(name,
                categories.stream().map(values::get).toList())));
        return new ChartSeries(categories, series);
    }

    private static String label(AggregateRow row, int index, String blank) {
        String label = row.labels().get(index);
        return label == null ? blank : label;
    }
}
