package io.opensop.engine.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.opensop.engine.aggregate.AggregateResult;
import io.opensop.engine.error.Problem;
import io.opensop.engine.i18n.LocalizedText;
import java.util.List;

/**
 * A widget's numbers for one viewer, or why there are none: {@code denied} when the viewer may not
 * read the widget's form, {@code problems} when the query no longer fits the form or uses a field
 * hidden from the viewer. One widget failing never hides the others.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WidgetData(String key, String type, LocalizedText title, JsonNode options, AggregateResult result,
                         List<Problem> problems, boolean denied) {
}
