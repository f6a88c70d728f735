package io.opensop.engine.record;

import java.time.OffsetDateTime;
import java.util.Map;

/** One stored record: system attributes plus field values keyed by field key. */
public record FormRecord(String formKey, long id, long version, int formVersion, Long ownerId, String stage,
                         boolean deleted, String createdBy, OffsetDateTime createdAt, String updatedBy,
                         OffsetDateTime updatedAt, Map<String, Object> values) {

    public FormRecord withValues(Map<String, Object> newValues) {
        return new FormRecord(formKey, id, version, formVersion, ownerId, stage, deleted, createdBy, createdAt,
                updatedBy, updatedAt, newValues);
    }
}
