package io.opensop.engine.security;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;

/** Who is asking: every engine operation takes one, so a permission check can sit on every path. */
public record Actor(Long userId, String username, Set<String> roles, Locale locale, ZoneId zone) {

    public static final String ADMIN = "admin";
    public static final String DESIGNER = "designer";

    public Actor {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        locale = locale == null ? Locale.SIMPLIFIED_CHINESE : locale;
        zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
    }

    /** The engine acting on its own behalf (template installs, demo data, scheduled jobs). */
    public static Actor system() {
        return new Actor(null, "system", Set.of(ADMIN), Locale.ENGLISH, ZoneId.of("UTC"));
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return hasRole(ADMIN);
    }
}
