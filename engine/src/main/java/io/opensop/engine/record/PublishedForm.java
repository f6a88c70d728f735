package io.opensop.engine.record;

import io.opensop.engine.form.FormDefinition;

/** A published, immutable form version together with the tables that hold its records. */
public record PublishedForm(FormDefinition definition, int version, TableLayout layout) {

    public String key() {
        return definition.key();
    }
}
