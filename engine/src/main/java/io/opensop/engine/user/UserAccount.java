package io.opensop.engine.user;

import java.util.Set;

/** A person who signs in; {@code managerId} builds the org chart that row scopes and assignees use. */
public record UserAccount(long id, String username, String displayName, String email, String locale, String zoneId,
                          Long managerId, String team, String region, boolean enabled, Set<String> roles) {
}
