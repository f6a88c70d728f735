package io.opensop.engine.workflow;

import java.time.OffsetDateTime;

/** The editable state of a process model; {@code draftRevision} guards concurrent edits of the draft. */
public record ProcessModel(String key, String name, String xml, long draftRevision, Integer publishedVersion,
                           String updatedBy, OffsetDateTime updatedAt) {
}
