package io.opensop.engine.dashboard;

import java.time.OffsetDateTime;

/** A stored dashboard: its current definition and version (for optimistic saves). */
public record Dashboard(DashboardDefinition definition, int version, String updatedBy, OffsetDateTime updatedAt) {

    public String key() {
        return definition.key();
    }
}
