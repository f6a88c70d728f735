package io.opensop.engine.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.Actor;
import io.opensop.engine.support.Json;
import io.opensop.engine.user.UserAccount;
import io.opensop.engine.user.UserDirectory;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Loads sample records through the record service, so they pass every check a user's save does.
 * A data file is {@code {"form": key, "records": [{"id": localId, "owner": username, "values": {…}}]}};
 * a value {@code {"ref": "form/localId"}} points at a record loaded earlier.
 */
public final class RecordSampleDataLoader implements SampleDataLoader {

    private final RecordService records;
    private final UserDirectory users;

    public RecordSampleDataLoader(RecordService records, UserDirectory users) {
        this.records = records;
        this.users = users;
    }

    @Override
    public void load(TemplatePackage template) {
        Map<String, Long> created = new HashMap<>();
        for (String file : template.manifest().sampleDataFiles()) {
            JsonNode data = parse(template.text(file), file);
            String form = data.path("form").asText();
            for (JsonNode record : data.path("records")) {
                Map<String, Object> values = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> fields = record.path("values").fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    values.put(field.getKey(), resolve(field.getValue(), created, file));
                }
                long id = records.create(owner(record.path("owner").asText(null)), form, values).id();
                if (record.hasNonNull("id")) {
                    created.put(form + "/" + record.get("id").asText(), id);
                }
            }
        }
    }

    private Object resolve(JsonNode value, Map<String, Long> created, String file) {
        if (value.isObject() && value.has("ref")) {
            Long id = created.get(value.get("ref").asText());
            if (id == null) {
                throw new ValidationException(Problem.of(file, "template_unknown_ref", value.get("ref").asText()));
            }
            return id;
        }
        return Json.mapper().convertValue(value, Object.class);
    }

    private Actor owner(String username) {
        if (username == null) {
            return Actor.system();
        }
        UserAccount account = users.byUsername(username)
                .orElseThrow(() -> new ValidationException(Problem.of("owner", "unknown_user", username)));
        return new Actor(account.id(), account.username(), account.roles(), Locale.forLanguageTag(account.locale()),
                ZoneId.of(account.zoneId()));
    }

    private static JsonNode parse(String json, String file) {
        try {
            return Json.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ValidationException(Problem.of(file, "malformed_json", e.getOriginalMessage()));
        }
    }
}
