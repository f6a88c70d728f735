package io.opensop.engine.error;

/** The caller is known but not allowed to do this. */
public class AccessDeniedException extends EngineException {

    public AccessDeniedException(String message) {
        super(message);
    }
}
