package io.opensop.engine.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.opensop.engine.aggregate.AggregateQuery;
import io.opensop.engine.i18n.LocalizedText;
import java.util.List;

/**
 * One tile of a dashboard: how it is drawn ({@code type}), its title, the aggregate query behind
 * it, the date field the dashboard's period filter applies to ({@code dateField}, by default the
 * query's period field; without either the widget ignores the period), and drawing options
 * (e.g. {@code {"target": 10000}} for a gauge).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WidgetDefinition(String key, String type, LocalizedText title, AggregateQuery query, String dateField,
                               JsonNode options) {

    public static final List<String> TYPES = List.of("number", "table", "bar", "line", "funnel", "heatmap", "gauge",
            "progress");

    /** The field the period filter narrows, or null. */
    public String periodField() {
        if (dateField != null) {
            return dateField;
        }
        return query != null && query.period() != null ? query.period().field() : null;
    }
}
