package io.opensop.engine.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.support.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The keyset position after the last row of a page: its sort values and id, as base64url JSON.
 * Values are kept as text and converted back with the field's type.
 */
final class Cursor {

    private Cursor() {
    }

    static String encode(List<Object> sortValues, long id) {
        ArrayNode array = Json.mapper().createArrayNode();
        for (Object value : sortValues) {
            array.add(value == null ? null : Json.mapper().valueToTree(value));
        }
        array.add(id);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Json.write(array).getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the sort values as text (null for blank) followed by the id. */
    static List<String> decode(String cursor, int sortCount) {
        try {
            byte[] json = Base64.getUrlDecoder().decode(cursor);
            JsonNode array = Json.mapper().readTree(new String(json, StandardCharsets.UTF_8));
            if (!array.isArray() || array.size() != sortCount + 1 || !array.get(sortCount).canConvertToLong()) {
                throw invalid();
            }
            List<String> values = new ArrayList<>();
            for (JsonNode node : array) {
                values.add(node.isNull() ? null : node.isTextual() ? node.textValue() : node.toString());
            }
            return values;
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw invalid();
        }
    }

    private static ValidationException invalid() {
        return new ValidationException(Problem.of("after", "invalid_cursor"));
    }
}
