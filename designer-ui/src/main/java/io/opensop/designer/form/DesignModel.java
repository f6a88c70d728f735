package io.opensop.designer.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.form.SelectOption;
import io.opensop.engine.i18n.LocalizedText;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The form being designed, as the JSON document the engine reads: palette, outline and property panel
 * edit it, the preview and the publish read {@link #definition()} from it. Kept as JSON so every
 * attribute the designer does not show (pipeline, SLA, roll-ups) survives an edit untouched. Field
 * order is the order of {@code fields}; sections list their field keys in display order.
 */
public final class DesignModel implements Serializable {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ObjectNode document;

    public DesignModel(FormDefinition definition) {
        this.document = FormJson.toTree(definition);
    }

    /** A new form with one section and no fields. */
    public static DesignModel blank(String key, LocalizedText label) {
        DesignModel model = new DesignModel(new FormDefinition(key, null, label, null, null, List.of(),
                List.of(), List.of(), null, null, null));
        model.addSection(LocalizedText.of("Details", "基本信息"));
        return model;
    }

    /** @throws io.opensop.engine.error.ValidationException when an attribute has the wrong shape */
    public FormDefinition definition() {
        return FormJson.read(document.deepCopy());
    }

    public String key() {
        return document.path("key").asText();
    }

    public ObjectNode document() {
        return document;
    }

    public ArrayNode fields() {
        return array(document, "fields");
    }

    public ArrayNode sections() {
        return array(document, "sections");
    }

    public ArrayNode rules() {
        return array(document, "rules");
    }

    public Optional<ObjectNode> field(String key) {
        for (JsonNode field : fields()) {
            if (key.equals(field.path("key").asText())) {
                return Optional.of((ObjectNode) field);
            }
        }
        return Optional.empty();
    }

    public List<String> fieldKeys() {
        List<String> keys = new ArrayList<>();
        fields().forEach(f -> keys.add(f.path("key").asText()));
        return keys;
    }

    /**
     * Adds a field of {@code type} at the end of {@code sectionKey} (the last section when null), with a
     * free key such as {@code money_2}, a label in both languages and the attributes its type needs.
     */
    public ObjectNode addField(FieldType type, String sectionKey, LocalizedText typeName) {
        String key = freeKey(type.json());
        ObjectNode field = JSON.objectNode();
        field.put("key", key);
        field.put("type", type.json());
        ObjectNode label = field.putObject("label");
        typeName.asMap().forEach((language, text) -> label.put(language, text + " " + suffix(key)));
        switch (type) {
            case MONEY -> field.put("currency", "CNY");
            case SINGLE_SELECT, MULTI_SELECT -> field.set("options", options(List.of(
                    new SelectOption("a", LocalizedText.of("Option A", "选项 A"), null),
                    new SelectOption("b", LocalizedText.of("Option B", "选项 B"), null))));
            case SUB_FORM -> {
                ObjectNode column = field.putArray("fields").addObject();
                column.put("key", "item");
                column.put("type", "text");
                column.putObject("label").put("en", "Item").put("zh-CN", "项目");
            }
            case AUTO_NUMBER -> field.put("pattern", "NO-{yyyy}-{0000}");
            case FORMULA -> {
                field.put("resultType", "number");
                field.put("formula", "0");
            }
            case LOOKUP -> field.put("resultType", "text");
            case ROLLUP -> {
                field.put("resultType", "number");
                field.putObject("rollup").put("aggregate", "COUNT");
            }
            default -> {
            }
        }
        fields().add(field);
        ObjectNode section = sectionOrLast(sectionKey);
        if (section != null) {
            array(section, "fields").add(key);
        }
        return field;
    }

    public ObjectNode addSection(LocalizedText label) {
        ObjectNode section = sections().addObject();
        int n = 1;
        while (sectionIndex("section_" + n) >= 0) {
            n++;
        }
        section.put("key", "section_" + n);
        ObjectNode text = section.putObject("label");
        label.asMap().forEach(text::put);
        section.put("columns", 2);
        section.putArray("fields");
        return section;
    }

    /** The section a field is shown in, if any. */
    public Optional<String> sectionOf(String fieldKey) {
        for (JsonNode section : sections()) {
            for (JsonNode key : section.path("fields")) {
                if (fieldKey.equals(key.asText())) {
                    return Optional.of(section.path("key").asText());
                }
            }
        }
        return Optional.empty();
    }

    /** Field keys of one section in display order. */
    public List<String> fieldsOf(String sectionKey) {
        List<String> keys = new ArrayList<>();
        int index = sectionIndex(sectionKey);
        if (index >= 0) {
            sections().get(index).path("fields").forEach(k -> keys.add(k.asText()));
        }
        return keys;
    }

    /** Fields shown in no section; the renderer puts them last. */
    public List<String> unplacedFields() {
        List<String> keys = new ArrayList<>();
        for (String key : fieldKeys()) {
            if (sectionOf(key).isEmpty()) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** Moves a field one place up (-1) or down (+1) within its section; false at either end. */
    public boolean move(String fieldKey, int delta) {
        Optional<String> section = sectionOf(fieldKey);
        if (section.isEmpty()) {
            return false;
        }
        List<String> keys = fieldsOf(section.get());
        int from = keys.indexOf(fieldKey);
        int to = from + delta;
        if (to < 0 || to >= keys.size()) {
            return false;
        }
        keys.remove(from);
        keys.add(to, fieldKey);
        setSectionFields(section.get(), keys);
        syncFieldOrder();
        return true;
    }

    /**
     * Puts a field into {@code sectionKey} before {@code beforeKey} (at the end when null): what a drop
     * in the outline does, also across sections.
     */
    public void place(String fieldKey, String sectionKey, String beforeKey) {
        if (fieldKey.equals(beforeKey) || sectionIndex(sectionKey) < 0 || field(fieldKey).isEmpty()) {
            return;
        }
        sectionOf(fieldKey).ifPresent(old -> {
            List<String> keys = fieldsOf(old);
            keys.remove(fieldKey);
            setSectionFields(old, keys);
        });
        List<String> keys = fieldsOf(sectionKey);
        int at = beforeKey == null ? -1 : keys.indexOf(beforeKey);
        keys.add(at < 0 ? keys.size() : at, fieldKey);
        setSectionFields(sectionKey, keys);
        syncFieldOrder();
    }

    public void removeField(String fieldKey) {
        sectionOf(fieldKey).ifPresent(section -> {
            List<String> keys = fieldsOf(section);
            keys.remove(fieldKey);
            setSectionFields(section, keys);
        });
        for (Iterator<JsonNode> it = fields().iterator(); it.hasNext(); ) {
            if (fieldKey.equals(it.next().path("key").asText())) {
                it.remove();
            }
        }
    }

    /** Renames a field's key everywhere the document names it by key (sections, rules' blamed fields). */
    public void renameField(String from, String to) {
        field(from).ifPresent(f -> f.put("key", to));
        for (JsonNode section : sections()) {
            replaceText(array((ObjectNode) section, "fields"), from, to);
        }
        for (JsonNode rule : rules()) {
            if (rule.has("fields")) {
                replaceText((ArrayNode) rule.get("fields"), from, to);
            }
        }
        if (from.equals(document.path("titleField").asText(null))) {
            document.put("titleField", to);
        }
    }

    private static void replaceText(ArrayNode array, String from, String to) {
        for (int i = 0; i < array.size(); i++) {
            if (from.equals(array.get(i).asText())) {
                array.set(i, JSON.textNode(to));
            }
        }
    }

    /** Keeps {@code fields} in display order (sections first, then unplaced), so the JSON reads like the form. */
    private void syncFieldOrder() {
        List<JsonNode> ordered = new ArrayList<>();
        for (JsonNode section : sections()) {
            section.path("fields").forEach(k -> field(k.asText()).ifPresent(ordered::add));
        }
        for (JsonNode field : fields()) {
            if (!ordered.contains(field)) {
                ordered.add(field);
            }
        }
        ArrayNode fields = fields();
        fields.removeAll();
        ordered.forEach(fields::add);
    }

    private void setSectionFields(String sectionKey, List<String> keys) {
        ArrayNode fields = JSON.arrayNode();
        keys.forEach(fields::add);
        ((ObjectNode) sections().get(sectionIndex(sectionKey))).set("fields", fields);
    }

    private int sectionIndex(String sectionKey) {
        for (int i = 0; i < sections().size(); i++) {
            if (sections().get(i).path("key").asText().equals(sectionKey)) {
                return i;
            }
        }
        return -1;
    }

    private ObjectNode sectionOrLast(String sectionKey) {
        int index = sectionKey == null ? sections().size() - 1 : sectionIndex(sectionKey);
        return index < 0 ? null : (ObjectNode) sections().get(index);
    }

    private String freeKey(String base) {
        int n = 1;
        while (field(base + "_" + n).isPresent()) {
            n++;
        }
        return base + "_" + n;
    }

    private static String suffix(String key) {
        return key.substring(key.lastIndexOf('_') + 1);
    }

    private static ArrayNode options(List<SelectOption> options) {
        ArrayNode array = JSON.arrayNode();
        options.forEach(o -> {
            ObjectNode option = array.addObject();
            option.put("key", o.key());
            ObjectNode label = option.putObject("label");
            o.label().asMap().forEach(label::put);
        });
        return array;
    }

    /** The object attribute {@code name} of {@code parent}, created empty when absent. */
    public static ObjectNode child(ObjectNode parent, String name) {
        return parent.get(name) instanceof ObjectNode o ? o : parent.putObject(name);
    }

    static ArrayNode array(ObjectNode parent, String name) {
        JsonNode node = parent.get(name);
        if (node instanceof ArrayNode array) {
            return array;
        }
        return parent.putArray(name);
    }
}
