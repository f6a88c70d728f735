package io.opensop.engine.transfer;

import java.util.Locale;

/** uploaded → validating → validated → committing → committed; failed when a commit stops. */
public enum ImportStatus {
    UPLOADED, VALIDATING, VALIDATED, COMMITTING, COMMITTED, FAILED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ImportStatus of(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
