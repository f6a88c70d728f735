package io.opensop.engine.form;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opensop.engine.support.Json;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The published JSON Schema and the Java model must describe the same document. */
class FormDefinitionSchemaTest {

    private JsonNode schema() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/io/opensop/engine/schema/form-definition.schema.json")) {
            assertThat(in).as("schema is packaged with the engine").isNotNull();
            return Json.mapper().readTree(in);
        }
    }

    @Test
    void theSchemaListsEveryFieldType() throws Exception {
        List<String> inSchema = new ArrayList<>();
        schema().at("/$defs/field/properties/type/enum").forEach(n -> inSchema.add(n.asText()));

        assertThat(inSchema).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(FieldType.values()).map(FieldType::json).toList());
    }

    @Test
    void theSchemaNamesEveryAttributeTheModelReads() throws Exception {
        List<String> formProperties = new ArrayList<>();
        schema().at("/properties").fieldNames().forEachRemaining(formProperties::add);
        List<String> fieldProperties = new ArrayList<>();
        schema().at("/$defs/field/properties").fieldNames().forEachRemaining(fieldProperties::add);

        assertThat(formProperties).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(FormDefinition.class.getRecordComponents()).map(c -> c.getName()).toList());
        assertThat(fieldProperties).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(FieldDefinition.class.getRecordComponents()).map(c -> c.getName()).toList());
        assertThat(((ObjectNode) schema()).get("additionalProperties").asBoolean()).isFalse();
    }
}
