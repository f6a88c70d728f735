package io.opensop.engine.form;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.support.Json;
import java.util.ArrayList;
import java.util.List;

/** Reads form definitions from JSON, turning every binding failure into a problem with its JSON path. */
public final class FormJson {

    private FormJson() {
    }

    public static FormDefinition read(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw new ValidationException(Problem.of("$", "expected_object"));
        }
        List<Problem> problems = new ArrayList<>();
        checkTypes(document.path("fields"), "$.fields", problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        try {
            return Json.mapper().treeToValue(document, FormDefinition.class);
        } catch (JsonMappingException e) {
            throw new ValidationException(Problem.of(pathOf(e), "invalid_value", e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new ValidationException(Problem.of("$", "malformed_json", e.getOriginalMessage()));
        }
    }

    public static FormDefinition read(String json) {
        try {
            return read(Json.mapper().readTree(json));
        } catch (JsonProcessingException e) {
            throw new ValidationException(Problem.of("$", "malformed_json", e.getOriginalMessage()));
        }
    }

    public static String write(FormDefinition form) {
        return Json.write(form);
    }

    public static ObjectNode toTree(FormDefinition form) {
        return Json.mapper().valueToTree(form);
    }

    /** Reports every unknown field type at once, rather than Jackson's first failure only. */
    private static void checkTypes(JsonNode fields, String path, List<Problem> problems) {
        if (!fields.isArray()) {
            return;
        }
        for (int i = 0; i < fields.size(); i++) {
            JsonNode field = fields.get(i);
            for (String attribute : List.of("type", "resultType")) {
                JsonNode type = field.get(attribute);
                if (type != null && !type.isNull() && (!type.isTextual() || FieldType.find(type.asText()).isEmpty())) {
                    problems.add(Problem.of(path + "[" + i + "]." + attribute, "unknown_field_type", type.asText()));
                }
            }
            checkTypes(field.path("fields"), path + "[" + i + "].fields", problems);
        }
    }

    static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            }
        }
        return path.toString();
    }
}
