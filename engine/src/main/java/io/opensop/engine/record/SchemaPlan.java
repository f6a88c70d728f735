package io.opensop.engine.record;

import io.opensop.engine.form.FormDefinition;
import java.util.List;

/** What publishing a definition would do to the database, and what it cannot do. */
public record SchemaPlan(String formKey, FormDefinition previous, FormDefinition next,
                         List<SchemaChange> changes, List<RetypeFailure> failures) {

    public SchemaPlan {
        changes = List.copyOf(changes);
        failures = List.copyOf(failures);
    }

    public boolean applicable() {
        return failures.isEmpty();
    }

    public long count(SchemaChange.Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }
}
