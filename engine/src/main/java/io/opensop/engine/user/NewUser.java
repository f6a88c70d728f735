package io.opensop.engine.user;

import java.util.Set;

/** What it takes to create a user; the password arrives already hashed. */
public record NewUser(String username, String passwordHash, String displayName, String email, String locale,
                      String zoneId, Long managerId, String team, String region, Set<String> roles) {
}
