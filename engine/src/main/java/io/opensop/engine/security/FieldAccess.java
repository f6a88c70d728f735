package io.opensop.engine.security;

/** How much of one field an actor may see and change. */
public enum FieldAccess {
    EDITABLE, READ_ONLY, HIDDEN;

    public boolean visible() {
        return this != HIDDEN;
    }
}
