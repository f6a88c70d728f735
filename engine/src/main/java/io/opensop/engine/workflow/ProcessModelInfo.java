package io.opensop.engine.workflow;

import java.time.OffsetDateTime;

/** One model in a listing: no XML, but whether its current version runs. */
public record ProcessModelInfo(String key, String name, long draftRevision, Integer publishedVersion, boolean deployed,
                               String updatedBy, OffsetDateTime updatedAt) {
}
