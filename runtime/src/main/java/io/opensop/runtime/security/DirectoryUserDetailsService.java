package io.opensop.runtime.security;

import io.opensop.engine.user.UserAccount;
import io.opensop.engine.user.LoginThrottle;
import io.opensop.engine.user.UserDirectory;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Signs users in against the engine's user table. */
@Component
class DirectoryUserDetailsService implements UserDetailsService {

    private final UserDirectory users;
    private final LoginThrottle throttle;

    DirectoryUserDetailsService(UserDirectory users, LoginThrottle throttle) {
        this.users = users;
        this.throttle = throttle;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        UserAccount account = users.byUsername(username).filter(UserAccount::enabled)
                .orElseThrow(() -> new UsernameNotFoundException(username));
        String hash = users.passwordHash(username).orElseThrow(() -> new UsernameNotFoundException(username));
        return User.withUsername(account.username())
                .password(hash)
                .authorities(account.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList())
                .accountLocked(throttle.isLocked(username))
                .build();
    }
}
