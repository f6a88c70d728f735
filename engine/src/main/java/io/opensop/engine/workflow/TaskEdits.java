package io.opensop.engine.workflow;

import java.util.Map;

/**
 * What a user changed on a task's form, sent with a decision (approve, reject, return) so that the
 * record save and the decision happen in one transaction: a refused decision keeps no save, a refused
 * save makes no decision. Only the fields of the task's form section may be changed.
 *
 * @param version the record version the user edited (a stale one is a 409)
 * @param values  the changed fields only; empty means "no edits" and the version is not checked
 */
public record TaskEdits(long version, Map<String, Object> values) {

    public TaskEdits {
        values = values == null ? Map.of() : values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }
}
