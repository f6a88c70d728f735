package io.opensop.engine.security;

import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FormDefinition;
import java.util.List;

/**
 * Role checks from the form's {@code permissions} map. Admins may do everything; designers may
 * design; where a form names no roles for an operation, any signed-in user may do it, except
 * {@code design}, which needs the designer or admin role.
 */
public class RoleBasedAccessPolicy implements AccessPolicy {

    @Override
    public void check(Actor actor, FormDefinition form, Operation operation) {
        if (!allows(actor, form, operation)) {
            throw new AccessDeniedException(actor.username() + " may not " + operation.key() + " " + form.key());
        }
    }

    @Override
    public boolean allows(Actor actor, FormDefinition form, Operation operation) {
        if (actor.isAdmin()) {
            return true;
        }
        if (operation == Operation.DESIGN) {
            return actor.hasRole(Actor.DESIGNER);
        }
        List<String> roles = form.permissions() == null ? null : form.permissions().get(operation.key());
        if (roles == null) {
            return true;
        }
        return roles.stream().anyMatch(actor::hasRole);
    }

    @Override
    public FieldAccess fieldAccess(Actor actor, FormDefinition form, FieldDefinition field) {
        return field.type().clientWritable() ? FieldAccess.EDITABLE : FieldAccess.READ_ONLY;
    }

    @Override
    public RowScope rowScope(Actor actor, FormDefinition form) {
        return RowScope.everything();
    }
}
