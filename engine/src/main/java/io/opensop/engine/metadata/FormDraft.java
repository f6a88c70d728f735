package io.opensop.engine.metadata;

import io.opensop.engine.form.FormDefinition;
import java.time.OffsetDateTime;

/** The editable state of a form; {@code draftRevision} guards concurrent edits of the draft. */
public record FormDraft(String key, FormDefinition definition, long draftRevision, Integer publishedVersion,
                        String updatedBy, OffsetDateTime updatedAt) {
}
