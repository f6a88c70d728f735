package io.opensop.engine.security;

import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FormDefinition;

/**
 * The one place that decides what an actor may do. The record and form services ask it on every
 * path (create, read, list, update, delete, history, export), so the UI, REST and imports all get
 * the same answer.
 */
public interface AccessPolicy {

    /** Throws {@link io.opensop.engine.error.AccessDeniedException} when the operation is not allowed. */
    void check(Actor actor, FormDefinition form, Operation operation);

    boolean allows(Actor actor, FormDefinition form, Operation operation);

    FieldAccess fieldAccess(Actor actor, FormDefinition form, FieldDefinition field);

    /** Which records of the form the actor may see; the record store turns it into a SQL condition. */
    RowScope rowScope(Actor actor, FormDefinition form);
}
