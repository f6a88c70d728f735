package io.opensop.engine.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Three-way merge of JSON documents: the template's base version, the customer's copy ("ours")
 * and the template's new version ("theirs"). Objects merge by property and arrays of keyed
 * objects (fields, options, rules, sections) by their {@code key}. When both sides changed the
 * same thing differently, the customer's value stays and a conflict is reported; nothing is
 * dropped silently.
 */
final class JsonMerge {

    record Change(String path, String kind) {
        static final String UPSTREAM = "upstream";
        static final String CUSTOMER_KEPT = "customer_kept";
        static final String CONFLICT = "conflict";
    }

    private final List<Change> changes = new ArrayList<>();

    List<Change> changes() {
        return changes;
    }

    /** Returns the merged value; null means "absent". */
    JsonNode merge(JsonNode base, JsonNode ours, JsonNode theirs, String path) {
        if (same(ours, theirs)) {
            return ours;
        }
        if (same(base, ours)) {
            changes.add(new Change(path, Change.UPSTREAM));
            return theirs;
        }
        if (same(base, theirs)) {
            changes.add(new Change(path, Change.CUSTOMER_KEPT));
            return ours;
        }
        if (ours != null && theirs != null && ours.isObject() && theirs.isObject()) {
            return mergeObjects(base != null && base.isObject() ? base : null, ours, theirs, path);
        }
        if (keyedArray(ours) && keyedArray(theirs)) {
            return mergeKeyedArrays(keyedArray(base) ? base : null, ours, theirs, path);
        }
        changes.add(new Change(path, Change.CONFLICT));
        return ours;
    }

    private JsonNode mergeObjects(JsonNode base, JsonNode ours, JsonNode theirs, String path) {
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        Set<String> names = new LinkedHashSet<>();
        theirs.fieldNames().forEachRemaining(names::add);
        ours.fieldNames().forEachRemaining(names::add);
        if (base != null) {
            base.fieldNames().forEachRemaining(names::add);
        }
        for (String name : names) {
            JsonNode value = merge(base == null ? null : base.get(name), ours.get(name), theirs.get(name),
                    path + "." + name);
            if (value != null) {
                merged.set(name, value);
            }
        }
        return merged;
    }

    private JsonNode mergeKeyedArrays(JsonNode base, JsonNode ours, JsonNode theirs, String path) {
        Map<String, JsonNode> baseByKey = byKey(base);
        Map<String, JsonNode> oursByKey = byKey(ours);
        Map<String, JsonNode> theirsByKey = byKey(theirs);
        // The customer's order wins; new upstream elements follow the element they follow upstream.
        List<String> order = new ArrayList<>(oursByKey.keySet());
        String previous = null;
        for (String key : theirsByKey.keySet()) {
            if (!order.contains(key) && !baseByKey.containsKey(key)) {
                int at = previous == null ? 0 : order.indexOf(previous) + 1;
                order.add(Math.max(at, 0), key);
            }
            if (order.contains(key)) {
                previous = key;
            }
        }
        for (String key : baseByKey.keySet()) {
            if (!order.contains(key) && theirsByKey.containsKey(key)) {
                order.add(key);
            }
        }
        ArrayNode merged = JsonNodeFactory.instance.arrayNode();
        for (String key : order) {
            JsonNode value = merge(baseByKey.get(key), oursByKey.get(key), theirsByKey.get(key),
                    path + "[" + key + "]");
            if (value != null) {
                merged.add(value);
            }
        }
        return merged;
    }

    private static boolean same(JsonNode a, JsonNode b) {
        return a == null ? b == null || b.isNull() : a.isNull() ? b == null || b.isNull() : a.equals(b);
    }

    private static boolean keyedArray(JsonNode node) {
        if (node == null || !node.isArray()) {
            return false;
        }
        for (JsonNode element : node) {
            if (!element.isObject() || !element.path("key").isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, JsonNode> byKey(JsonNode array) {
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        if (array != null) {
            array.forEach(element -> byKey.put(element.get("key").asText(), element));
        }
        return byKey;
    }
}
