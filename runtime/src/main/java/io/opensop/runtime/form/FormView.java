package io.opensop.runtime.form;

import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.metadata.FormDraft;
import java.time.OffsetDateTime;

/** A form as the API shows it: the draft to designers, the published definition to everyone else. */
record FormView(String key, FormDefinition definition, long draftRevision, Integer publishedVersion,
                String updatedBy, OffsetDateTime updatedAt) {

    static FormView of(FormDraft draft) {
        return new FormView(draft.key(), draft.definition(), draft.draftRevision(), draft.publishedVersion(),
                draft.updatedBy(), draft.updatedAt());
    }
}
