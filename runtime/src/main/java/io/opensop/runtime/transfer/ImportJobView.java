package io.opensop.runtime.transfer;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.opensop.engine.transfer.ColumnMapping;
import io.opensop.engine.transfer.ImportError;
import io.opensop.engine.transfer.ImportJob;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An import job as the API shows it. {@code running} is true while this node has work queued or
 * running for the job; {@code errors} (only on GET) is the first page of the current phase's errors.
 */
record ImportJobView(long id, String formKey, String fileName, String format, String status, String mode,
                     String upsertKey, List<String> columns, List<ColumnMapping> mapping, long rowsTotal,
                     long rowsRead, long rowsProcessed, long rowsFailed, long rowsCreated, long rowsUpdated,
                     long rowsUnchanged, long lastCommittedRow, String message, String createdBy,
                     OffsetDateTime createdAt, OffsetDateTime updatedAt, boolean running,
                     @JsonInclude(JsonInclude.Include.NON_NULL) List<ImportError> errors) {

    static ImportJobView of(ImportJob job, boolean running, List<ImportError> errors) {
        return new ImportJobView(job.id(), job.formKey(), job.fileName(), job.format(), job.status().key(),
                job.mode() == null ? null : job.mode().key(), job.upsertKey(),
                job.mapping().stream().map(ColumnMapping::header).toList(), job.mapping(), job.rowsTotal(),
                job.rowsRead(), job.rowsProcessed(), job.rowsFailed(), job.rowsCreated(), job.rowsUpdated(),
                job.rowsUnchanged(), job.lastCommittedRow(), job.message(), job.createdBy(), job.createdAt(),
                job.updatedAt(), running, errors);
    }
}
