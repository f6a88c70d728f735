package io.opensop.engine.audit;

import java.time.OffsetDateTime;
import java.util.List;

/** Who changed which fields of one record, when, and to what. */
public record Revision(long id, String formKey, long recordId, long recordVersion, String action,
                       String changedBy, OffsetDateTime changedAt, List<FieldChange> changes) {

    public static final String CREATE = "CREATE";
    public static final String UPDATE = "UPDATE";
    public static final String DELETE = "DELETE";
    public static final String RESTORE = "RESTORE";
    /** Computed fields rewritten by the engine: a roll-up after a child changed, or a formula after a publish. */
    public static final String RECOMPUTE = "RECOMPUTE";
    /** The record moved to another pipeline stage ({@code RecordService.moveStage}); the change names {@code stage}. */
    public static final String STAGE = "STAGE";
}
