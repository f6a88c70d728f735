package io.opensop.designer.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.FormJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What differs between two versions of a form definition, item by item: fields, rules and sections
 * by key (added, removed, or which attributes changed), and the form's own attributes.
 */
public final class DefinitionDiff {

    public enum Kind { ADDED, REMOVED, CHANGED }

    /** @param subject {@code form}, {@code field}, {@code rule} or {@code section} */
    public record Change(Kind kind, String subject, String key, List<String> attributes) {
    }

    private DefinitionDiff() {
    }

    public static List<Change> between(FormDefinition before, FormDefinition after) {
        ObjectNode a = FormJson.toTree(before);
        ObjectNode b = FormJson.toTree(after);
        List<Change> changes = new ArrayList<>();
        List<String> formAttributes = new ArrayList<>();
        for (String name : names(a, b)) {
            if (!List.of("fields", "rules", "sections").contains(name) && !a.path(name).equals(b.path(name))) {
                formAttributes.add(name);
            }
        }
        if (!formAttributes.isEmpty()) {
            changes.add(new Change(Kind.CHANGED, "form", a.path("key").asText(), formAttributes));
        }
        compare("field", a.path("fields"), b.path("fields"), changes);
        compare("rule", a.path("rules"), b.path("rules"), changes);
        compare("section", a.path("sections"), b.path("sections"), changes);
        return changes;
    }

    private static void compare(String subject, JsonNode before, JsonNode after, List<Change> changes) {
        Map<String, JsonNode> old = byKey(before);
        Map<String, JsonNode> now = byKey(after);
        old.forEach((key, node) -> {
            JsonNode next = now.get(key);
            if (next == null) {
                changes.add(new Change(Kind.REMOVED, subject, key, List.of()));
            } else if (!node.equals(next)) {
                List<String> attributes = new ArrayList<>();
                for (String name : names(node, next)) {
                    if (!node.path(name).equals(next.path(name))) {
                        attributes.add(name);
                    }
                }
                changes.add(new Change(Kind.CHANGED, subject, key, attributes));
            }
        });
        now.keySet().stream().filter(key -> !old.containsKey(key))
                .forEach(key -> changes.add(new Change(Kind.ADDED, subject, key, List.of())));
    }

    private static Map<String, JsonNode> byKey(JsonNode array) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        array.forEach(item -> map.put(item.path("key").asText(), item));
        return map;
    }

    private static Set<String> names(JsonNode a, JsonNode b) {
        Set<String> names = new LinkedHashSet<>();
        for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
