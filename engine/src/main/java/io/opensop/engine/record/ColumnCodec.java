package io.opensop.engine.record;

import com.fasterxml.jackson.core.type.TypeReference;
import io.opensop.engine.attachment.AttachmentRef;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.support.Json;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** Moves stored values between their Java form and their column: lists travel as JSON text. */
final class ColumnCodec {

    private static final TypeReference<List<String>> KEYS = new TypeReference<>() { };
    private static final TypeReference<List<AttachmentRef>> ATTACHMENTS = new TypeReference<>() { };

    private ColumnCodec() {
    }

    @SuppressWarnings("unchecked")
    static Field<Object> field(String table, String column, FieldDefinition definition) {
        DataType<Object> type = (DataType<Object>) ColumnTypes.of(definition);
        return DSL.field(DSL.name(SqlNames.quoted(table), SqlNames.quoted(column)), type);
    }

    static Object toDb(FieldDefinition definition, Object value) {
        if (value == null) {
            return null;
        }
        return switch (definition.storedType()) {
            case MULTI_SELECT, ATTACHMENT, SIGNATURE -> Json.write(value);
            default -> value;
        };
    }

    static Object fromDb(FieldDefinition definition, Object value) {
        if (value == null) {
            return null;
        }
        return switch (definition.storedType()) {
            case MULTI_SELECT -> readJson((String) value, KEYS);
            case ATTACHMENT, SIGNATURE -> readJson((String) value, ATTACHMENTS);
            case DATETIME -> ((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC);
            case USER, REFERENCE -> ((Number) value).longValue();
            default -> value;
        };
    }

    private static <T> T readJson(String json, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
