package io.opensop.engine.security;

import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FormAccess;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.user.UserAccount;
import io.opensop.engine.user.UserDirectory;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Role permissions from the form's {@code permissions}, plus row scopes and field access from its
 * {@code access} block, resolved through the org chart. A user with several roles gets the most
 * permissive answer any of them gives; admins see and change everything.
 */
public class OrgChartAccessPolicy extends RoleBasedAccessPolicy {

    private final UserDirectory users;

    public OrgChartAccessPolicy(UserDirectory users) {
        this.users = users;
    }

    @Override
    public FieldAccess fieldAccess(Actor actor, FormDefinition form, FieldDefinition field) {
        FieldAccess byType = super.fieldAccess(actor, form, field);
        if (actor.isAdmin() || form.access() == null || form.access().fields() == null) {
            return byType;
        }
        Map<String, Map<String, String>> byRole = form.access().fields();
        FieldAccess best = FieldAccess.HIDDEN;
        for (String role : rolesOrNone(actor)) {
            Map<String, String> levels = byRole.get(role);
            FieldAccess granted = levels == null ? FieldAccess.EDITABLE : level(levels.get(field.key()));
            if (granted.ordinal() < best.ordinal()) {
                best = granted;
            }
        }
        return best.ordinal() > byType.ordinal() ? best : byType;
    }

    @Override
    public RowScope rowScope(Actor actor, FormDefinition form) {
        FormAccess access = form.access();
        if (actor.isAdmin() || access == null || access.rowScopes() == null) {
            return RowScope.everything();
        }
        Set<String> scopes = new HashSet<>();
        for (String role : actor.roles()) {
            scopes.add(access.rowScopes().getOrDefault(role, "own"));
        }
        if (scopes.contains("all")) {
            return RowScope.everything();
        }
        Set<Long> owners = new HashSet<>();
        if (actor.userId() == null) {
            return RowScope.ownedBy(owners);
        }
        owners.add(actor.userId());
        if (scopes.contains("team")) {
            owners.addAll(users.reportsOf(actor.userId()));
        }
        if (scopes.contains("region")) {
            users.byId(actor.userId()).map(UserAccount::region).filter(r -> r != null && !r.isBlank())
                    .ifPresent(region -> owners.addAll(users.idsInRegion(region)));
        }
        return RowScope.ownedBy(owners);
    }

    private static Set<String> rolesOrNone(Actor actor) {
        return actor.roles().isEmpty() ? Set.of("") : actor.roles();
    }

    private static FieldAccess level(String level) {
        if (level == null) {
            return FieldAccess.EDITABLE;
        }
        return switch (level) {
            case "hidden" -> FieldAccess.HIDDEN;
            case "read_only" -> FieldAccess.READ_ONLY;
            default -> FieldAccess.EDITABLE;
        };
    }
}
