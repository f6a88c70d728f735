package io.opensop.designer.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The property panel's one-line-per-item editors, as text and back: select options
 * ({@code key | English | 中文}) and sub-form columns ({@code key | type | English | 中文}). Blank lines are
 * skipped; missing parts stay absent, so the engine's validator names what is missing.
 */
public final class PropertyLines {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PropertyLines() {
    }

    public static String optionsText(JsonNode options) {
        List<String> lines = new ArrayList<>();
        for (JsonNode option : options) {
            lines.add(String.join(" | ", option.path("key").asText(""), option.path("label").path("en").asText(""),
                    option.path("label").path("zh-CN").asText("")));
        }
        return String.join("\n", lines);
    }

    public static ArrayNode options(String text) {
        ArrayNode options = JSON.arrayNode();
        for (String[] parts : lines(text)) {
            ObjectNode option = options.addObject();
            option.put("key", parts[0]);
            label(option, part(parts, 1), part(parts, 2));
        }
        return options;
    }

    public static String columnsText(JsonNode columns) {
        List<String> lines = new ArrayList<>();
        for (JsonNode column : columns) {
            lines.add(String.join(" | ", column.path("key").asText(""), column.path("type").asText(""),
                    column.path("label").path("en").asText(""), column.path("label").path("zh-CN").asText("")));
        }
        return String.join("\n", lines);
    }

    /** Keeps the other attributes (precision, options …) of columns whose key stays. */
    public static ArrayNode columns(String text, JsonNode previous) {
        ArrayNode columns = JSON.arrayNode();
        for (String[] parts : lines(text)) {
            ObjectNode column = JSON.objectNode();
            for (JsonNode old : previous) {
                if (parts[0].equals(old.path("key").asText())) {
                    column = ((ObjectNode) old).deepCopy();
                }
            }
            column.put("key", parts[0]);
            column.put("type", part(parts, 1).isEmpty() ? "text" : part(parts, 1));
            label(column, part(parts, 2), part(parts, 3));
            columns.add(column);
        }
        return columns;
    }

    private static void label(ObjectNode node, String en, String zh) {
        ObjectNode label = node.putObject("label");
        if (!en.isEmpty()) {
            label.put("en", en);
        }
        if (!zh.isEmpty()) {
            label.put("zh-CN", zh);
        }
        if (label.isEmpty()) {
            node.remove("label");
        }
    }

    private static List<String[]> lines(String text) {
        List<String[]> lines = new ArrayList<>();
        for (String line : (text == null ? "" : text).split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split("\\|", -1);
            for (int i = 0; i < parts.length; i++) {
                parts[i] = parts[i].strip();
            }
            lines.add(parts);
        }
        return lines;
    }

    private static String part(String[] parts, int index) {
        return index < parts.length ? parts[index] : "";
    }
}
