package io.opensop.engine.security;

import java.util.Set;

/**
 * The records an actor may see: all of them, or those owned by one of {@code ownerIds}.
 * (Team and region scopes resolve to owner ids through the org chart.)
 */
public record RowScope(boolean all, Set<Long> ownerIds) {

    public static RowScope everything() {
        return new RowScope(true, Set.of());
    }

    public static RowScope ownedBy(Set<Long> ownerIds) {
        return new RowScope(false, Set.copyOf(ownerIds));
    }

    public boolean includesOwner(Long ownerId) {
        return all || (ownerId != null && ownerIds.contains(ownerId));
    }
}
