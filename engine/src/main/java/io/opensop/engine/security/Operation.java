package io.opensop.engine.security;

/** What an actor wants to do with a form or its records; the names match a form's permission keys. */
public enum Operation {
    CREATE, READ, UPDATE, DELETE, EXPORT, DESIGN;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
