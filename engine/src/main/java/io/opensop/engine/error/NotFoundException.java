package io.opensop.engine.error;

/** The thing does not exist, or the caller may not know that it exists. */
public class NotFoundException extends EngineException {

    private final String what;

    public NotFoundException(String what, Object id) {
        super(what + " not found: " + id);
        this.what = what;
    }

    public String what() {
        return what;
    }
}
