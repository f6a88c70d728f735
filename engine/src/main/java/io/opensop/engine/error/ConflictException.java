package io.opensop.engine.error;

/** The caller's version is stale (or the thing already exists); {@code currentVersion} tells what is stored now. */
public class ConflictException extends EngineException {

    private final String code;
    private final Long currentVersion;

    public ConflictException(String code, String message, Long currentVersion) {
        super(message);
        this.code = code;
        this.currentVersion = currentVersion;
    }

    public static ConflictException staleVersion(long expected, long current) {
        return new ConflictException("version_conflict",
                "expected version " + expected + " but the stored version is " + current, current);
    }

    public String code() {
        return code;
    }

    public Long currentVersion() {
        return currentVersion;
    }
}
