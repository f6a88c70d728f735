package io.opensop.runtime.security;

import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.security.Actor;
import io.opensop.engine.user.UserAccount;
import io.opensop.engine.user.UserDirectory;
import java.time.ZoneId;
import java.util.Locale;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Turns the signed-in principal into the engine's {@link Actor}. */
@Component
public class CurrentActor {

    private final UserDirectory users;

    CurrentActor(UserDirectory users) {
        this.users = users;
    }

    public Actor get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new AccessDeniedException("not signed in");
        }
        UserAccount account = users.byUsername(authentication.getName())
                .orElseThrow(() -> new AccessDeniedException("unknown user"));
        return new Actor(account.id(), account.username(), account.roles(), Locale.forLanguageTag(account.locale()),
                ZoneId.of(account.zoneId()));
    }
}
