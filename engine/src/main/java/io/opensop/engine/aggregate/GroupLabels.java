package io.opensop.engine.aggregate;

import com.fasterxml.jackson.databind.JsonNode;
import io.opensop.engine.error.EngineException;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.i18n.LocalizedText;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.PublishedForms;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.Actor;
import io.opensop.engine.support.Json;
import io.opensop.engine.user.UserAccount;
import io.opensop.engine.user.UserDirectory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names group keys for people and gives their defined order: select options and pipeline stages by
 * label in the actor's language and in the order the form defines them, users by display name,
 * referenced records by their title (read through {@link RecordService}, so a record outside the
 * actor's scope shows only as its id).
 */
final class GroupLabels {

    private final RecordService records;
    private final PublishedForms forms;
    private final UserDirectory users;
    private final Actor actor;
    private final Map<String, String> cache = new HashMap<>();

    GroupLabels(RecordService records, PublishedForms forms, UserDirectory users, Actor actor) {
        this.records = records;
        this.forms = forms;
        this.users = users;
        this.actor = actor;
    }

    /** The defined order of a dimension's keys, or an empty list when keys sort by value. */
    static List<Object> order(FormDefinition form, String name, FieldDefinition field) {
        List<Object> keys = new ArrayList<>();
        if ("stage".equals(name)) {
            stages(form).forEach(s -> keys.add(s.path("key").asText()));
        } else if (field != null && field.storedType() == FieldType.SINGLE_SELECT) {
            field.optionList().forEach(o -> keys.add(o.key()));
        }
        return keys;
    }

    String label(FormDefinition form, String name, FieldDefinition field, Object key) {
        if (key == null) {
            return null;
        }
        if ("stage".equals(name)) {
            for (JsonNode stage : stages(form)) {
                if (stage.path("key").asText().equals(key)) {
                    return text(stage.get("label"), key);
                }
            }
            return key.toString();
        }
        if ("owner".equals(name) || field != null && field.storedType() == FieldType.USER) {
            return cache.computeIfAbsent("user:" + key, k -> users.byId(((Number) key).longValue())
                    .map(UserAccount::displayName).orElse(key.toString()));
        }
        if (field != null && field.storedType() == FieldType.SINGLE_SELECT) {
            return field.optionList().stream().filter(o -> o.key().equals(key)).findFirst()
                    .map(o -> o.label() == null ? o.key() : o.label().in(actor.locale())).orElse(key.toString());
        }
        if (field != null && field.storedType() == FieldType.REFERENCE && field.target() != null) {
            return cache.computeIfAbsent("ref:" + field.target() + ":" + key, k -> title(field.target(), key));
        }
        return key.toString();
    }

    private String title(String target, Object id) {
        try {
            String titleField = forms.current(target).map(p -> p.definition().titleField()).orElse(null);
            FormRecord record = records.get(actor, target, ((Number) id).longValue());
            Object title = titleField == null ? null : record.values().get(titleField);
            return title == null ? "#" + id : title.toString();
        } catch (EngineException notReadable) {
            return "#" + id;
        }
    }

    private String text(JsonNode label, Object fallback) {
        if (label == null || label.isNull()) {
            return fallback.toString();
        }
        LocalizedText text = Json.mapper().convertValue(label, LocalizedText.class);
        return text.in(actor.locale());
    }

    private static List<JsonNode> stages(FormDefinition form) {
        List<JsonNode> stages = new ArrayList<>();
        if (form.pipeline() != null) {
            form.pipeline().path("stages").forEach(stages::add);
        }
        return stages;
    }
}
