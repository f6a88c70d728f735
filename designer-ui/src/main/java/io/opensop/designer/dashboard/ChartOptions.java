package io.opensop.designer.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opensop.engine.support.Json;
import java.math.BigDecimal;

/**
 * Turns chart series into an ECharts option for each widget type. Every text goes in as a data
 * value (axis categories, series names); nothing is a formatter or HTML.
 */
final class ChartOptions {

    private ChartOptions() {
    }

    static ObjectNode option(String type, ChartSeries data, JsonNode widgetOptions) {
        ObjectNode option = Json.mapper().createObjectNode();
        option.putObject("tooltip").put("trigger", "funnel".equals(type) || "gauge".equals(type) ? "item" : "axis");
        option.putObject("grid").put("containLabel", true).put("left", 8).put("right", 16).put("top", 32)
                .put("bottom", 8);
        switch (type) {
            case "funnel" -> funnel(option, data);
            case "gauge" -> gauge(option, data, target(widgetOptions));
            case "heatmap" -> heatmap(option, data);
            case "progress" -> progress(option, data, target(widgetOptions));
            default -> axes(option, data, "line".equals(type) ? "line" : "bar");
        }
        return option;
    }

    /** The plotted values, for the {@code data-chart} attribute. */
    static ObjectNode data(ChartSeries data) {
        ObjectNode node = Json.mapper().createObjectNode();
        ArrayNode categories = node.putArray("categories");
        data.categories().forEach(categories::add);
        ArrayNode series = node.putArray("series");
        for (ChartSeries.Series s : data.series()) {
            ObjectNode one = series.addObject().put("name", s.name());
            ArrayNode values = one.putArray("values");
            s.values().forEach(v -> add(values, v));
        }
        return node;
    }

    private static void axes(ObjectNode option, ChartSeries data, String seriesType) {
        ArrayNode categories = option.putObject("xAxis").put("type", "category").putArray("data");
        data.categories().forEach(categories::add);
        option.putObject("yAxis").put("type", "value");
        legend(option, data);
        ArrayNode series = option.putArray("series");
        for (ChartSeries.Series s : data.series()) {
            ObjectNode one = series.addObject().put("type", seriesType).put("name", s.name());
            s.values().forEach(v -> add(one.withArray("data"), v));
        }
    }

    private static void progress(ObjectNode option, ChartSeries data, BigDecimal target) {
        ObjectNode xAxis = option.putObject("xAxis").put("type", "value");
        if (target != null) {
            // The axis reaches at least the target, so the target line is always in view.
            BigDecimal max = target;
            for (ChartSeries.Series s : data.series()) {
                for (Object v : s.values()) {
                    if (v instanceof BigDecimal d && d.compareTo(max) > 0) {
                        max = d;
                    }
                }
            }
            xAxis.put("max", max);
        }
        ArrayNode categories = option.putObject("yAxis").put("type", "category").put("inverse", true).putArray("data");
        data.categories().forEach(categories::add);
        ArrayNode series = option.putArray("series");
        ChartSeries.Series first = data.series().isEmpty() ? null : data.series().get(0);
        ObjectNode bar = series.addObject().put("type", "bar").put("name", first == null ? "" : first.name());
        bar.putObject("label").put("show", true).put("position", "right");
        if (first != null) {
            first.values().forEach(v -> add(bar.withArray("data"), v));
        }
        if (target != null) {
            ObjectNode line = bar.putObject("markLine").put("symbol", "none");
            line.putArray("data").addObject().put("xAxis", target);
        }
    }

    private static void funnel(ObjectNode option, ChartSeries data) {
        legend(option, data);
        ObjectNode funnel = option.putArray("series").addObject().put("type", "funnel").put("sort", "none");
        funnel.putObject("label").put("show", true).put("position", "inside");
        ChartSeries.Series first = data.series().isEmpty() ? null : data.series().get(0);
        for (int i = 0; first != null && i < data.categories().size(); i++) {
            ObjectNode point = funnel.withArray("data").addObject().put("name", data.categories().get(i));
            add(point, "value", first.values().get(i));
        }
        option.remove("grid");
    }

    private static void gauge(ObjectNode option, ChartSeries data, BigDecimal target) {
        Object value = data.series().isEmpty() || data.series().get(0).values().isEmpty() ? null
                : data.series().get(0).values().get(0);
        ObjectNode gauge = option.putArray("series").addObject().put("type", "gauge").put("min", 0);
        BigDecimal max = target != null ? target : value instanceof BigDecimal d && d.signum() > 0 ? d : BigDecimal.ONE;
        gauge.put("max", max);
        gauge.putObject("detail").put("valueAnimation", false).put("fontSize", 22).putArray("offsetCenter")
                .add(0).add("70%");
        // The card's title names the gauge; a second name inside the dial would cover the scale.
        gauge.putObject("title").put("show", false);
        ObjectNode point = gauge.withArray("data").addObject()
                .put("name", data.categories().isEmpty() ? "" : data.categories().get(0));
        add(point, "value", value);
        option.remove("grid");
    }

    private static void heatmap(ObjectNode option, ChartSeries data) {
        ArrayNode x = option.putObject("xAxis").put("type", "category").putArray("data");
        data.categories().forEach(x::add);
        ArrayNode y = option.putObject("yAxis").put("type", "category").putArray("data");
        data.series().forEach(s -> y.add(s.name()));
        ObjectNode heat = option.putArray("series").addObject().put("type", "heatmap");
        heat.putObject("label").put("show", true);
        BigDecimal max = BigDecimal.ONE;
        for (int row = 0; row < data.series().size(); row++) {
            for (int col = 0; col < data.categories().size(); col++) {
                Object value = data.series().get(row).values().get(col);
                if (value == null) {
                    continue;
                }
                ArrayNode cell = heat.withArray("data").addArray().add(col).add(row);
                add(cell, value);
                if (value instanceof BigDecimal d && d.compareTo(max) > 0) {
                    max = d;
                } else if (value instanceof Long l && BigDecimal.valueOf(l).compareTo(max) > 0) {
                    max = BigDecimal.valueOf(l);
                }
            }
        }
        option.putObject("visualMap").put("min", 0).put("max", max).put("calculable", false)
                .put("orient", "horizontal").put("left", "center").put("bottom", 0);
        option.withObject("grid").put("bottom", 48);
    }

    private static void legend(ObjectNode option, ChartSeries data) {
        if (data.series().size() > 1) {
            option.putObject("legend").put("top", 0).put("type", "scroll");
        }
    }

    private static BigDecimal target(JsonNode options) {
        JsonNode target = options == null ? null : options.get("target");
        return target != null && target.isNumber() ? target.decimalValue() : null;
    }

    private static void add(ArrayNode array, Object value) {
        if (value == null) {
            array.addNull();
        } else if (value instanceof BigDecimal d) {
            array.add(d);
        } else if (value instanceof Number n) {
            array.add(n.longValue());
        } else {
            array.add(value.toString());
        }
    }

    private static void add(ObjectNode node, String name, Object value) {
        if (value == null) {
            node.putNull(name);
        } else if (value instanceof BigDecimal d) {
            node.put(name, d);
        } else if (value instanceof Number n) {
            node.put(name, n.longValue());
        } else {
            node.put(name, value.toString());
        }
    }
}
