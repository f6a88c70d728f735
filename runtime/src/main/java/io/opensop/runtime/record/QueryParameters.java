package io.opensop.runtime.record;

import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.record.FilterOperator;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.record.RecordSort;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses list parameters: {@code filter=field:op:value} (repeatable; {@code in} and {@code between}
 * take comma-separated values, a backslash escapes a comma) and {@code sort=-amount,name}. Shared by
 * the record list and the exports, so an export takes exactly the parameters of the list it exports.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    public static List<RecordFilter> filters(List<String> raw) {
        List<RecordFilter> filters = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String text = raw.get(i);
            String[] parts = text.split(":", 3);
            FilterOperator operator = parts.length < 2 ? null : FilterOperator.find(parts[1]).orElse(null);
            if (operator == null) {
                problems.add(Problem.of("filter[" + i + "]", "invalid_value", text));
                continue;
            }
            List<String> values = parts.length < 3 ? List.of()
                    : (operator == FilterOperator.IN || operator == FilterOperator.BETWEEN)
                    ? splitValues(parts[2]) : List.of(parts[2]);
            filters.add(new RecordFilter(parts[0], operator, values));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return filters;
    }

    public static List<RecordSort> sorts(String raw) {
        List<RecordSort> sorts = new ArrayList<>();
        if (raw == null || raw.isBlank()) {
            return sorts;
        }
        for (String part : raw.split(",")) {
            String key = part.trim();
            boolean descending = key.startsWith("-");
            sorts.add(new RecordSort(descending || key.startsWith("+") ? key.substring(1) : key, descending));
        }
        return sorts;
    }

    private static List<String> splitValues(String text) {
        List<String> values = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                current.append(text.charAt(++i));
            } else if (c == ',') {
                values.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        values.add(current.toString());
        return values;
    }
}
