package io.opensop.engine.transfer;

/**
 * Hooks for tests and monitoring, called while committing (not in the dry run). {@link #rowSaved}
 * runs inside the batch transaction right after
 * a row is written (before the batch commits), which is where a crash test pulls the plug.
 */
public interface ImportObserver {

    ImportObserver NONE = new ImportObserver() {
    };

    default void rowSaved(long jobId, long rowNo) {
    }

    default void batchCommitted(long jobId, long lastRow) {
    }
}
