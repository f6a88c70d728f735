package io.opensop.engine.transfer;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a commit treats failing rows. ALL_OR_NOTHING starts only after a clean dry run and stops at
 * the first row that fails while committing (batches already committed stay; see docs/import-export.md).
 * VALID_ROWS_ONLY commits every row that passes and lists the others in the error file.
 */
public enum ImportMode {
    ALL_OR_NOTHING, VALID_ROWS_ONLY;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ImportMode> find(String key) {
        return Arrays.stream(values()).filter(m -> m.key().equalsIgnoreCase(key)).findFirst();
    }
}
