package io.opensop.engine.error;

/** Base of the failures the engine reports to its callers; each maps to one HTTP status in the runtime. */
public abstract class EngineException extends RuntimeException {

    protected EngineException(String message) {
        super(message);
    }
}
