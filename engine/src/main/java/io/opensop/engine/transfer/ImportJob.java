package io.opensop.engine.transfer;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An import and its progress. Counters belong to the current phase: during and after a dry run
 * they count validated rows; once a commit starts they count committed rows. {@code lastCommittedRow}
 * is the file row number up to which the commit is durable.
 */
public record ImportJob(long id, String formKey, String fileName, String format, ImportStatus status,
                        ImportMode mode, String upsertKey, List<ColumnMapping> mapping, long rowsTotal,
                        long rowsRead, long rowsProcessed, long rowsFailed, long rowsCreated, long rowsUpdated,
                        long rowsUnchanged, long lastCommittedRow, String message, String createdBy,
                        OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
