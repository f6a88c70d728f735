package io.opensop.engine.transfer;

/**
 * @param batchSize   rows per transaction, for the dry run and the commit alike
 * @param maxFileSize largest upload accepted, in bytes (the file is kept in the database until the import ends)
 */
public record ImportSettings(int batchSize, long maxFileSize, ImportObserver observer) {

    public static final ImportSettings DEFAULT = new ImportSettings(500, 50L * 1024 * 1024, ImportObserver.NONE);

    public ImportSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize");
        }
        observer = observer == null ? ImportObserver.NONE : observer;
    }

    public ImportSettings withObserver(ImportObserver newObserver) {
        return new ImportSettings(batchSize, maxFileSize, newObserver);
    }

    public ImportSettings withBatchSize(int newBatchSize) {
        return new ImportSettings(newBatchSize, maxFileSize, observer);
    }
}
