package io.opensop.engine.user;

import static io.opensop.engine.support.SqlValues.timestamp;

import io.opensop.engine.support.Upserts;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Locks a user name for a while after repeated failed sign-ins, whether or not the name exists,
 * so guessing passwords is slow and probing names tells nothing.
 */
public class LoginThrottle {

    private final DSLContext dsl;
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockout;

    public LoginThrottle(DSLContext dsl, Clock clock, int maxFailures, Duration lockout) {
        this.dsl = dsl;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
    }

    public boolean isLocked(String username) {
        return lockedUntil(username).map(until -> until.isAfter(OffsetDateTime.now(clock))).orElse(false);
    }

    public Optional<OffsetDateTime> lockedUntil(String username) {
        return dsl.fetchOptional("select locked_until from login_failure where username = ?", key(username))
                .map(r -> r.get(0, OffsetDateTime.class));
    }

    public void failed(String username) {
        String key = key(username);
        Upserts.insertIfAbsent(dsl, "login_failure", new String[] {"username"},
                new String[] {"username", "failures"}, key, 0);
        dsl.execute("update login_failure set failures = failures + 1 where username = ?", key);
        int failures = dsl.fetchOne("select failures from login_failure where username = ?", key).get(0, Integer.class);
        if (failures >= maxFailures) {
            dsl.execute("update login_failure set failures = 0, locked_until = ? where username = ?",
                    timestamp(OffsetDateTime.now(clock).plus(lockout)), key);
        }
    }

    public void succeeded(String username) {
        dsl.execute("delete from login_failure where username = ?", key(username));
    }

    private static String key(String username) {
        String name = username == null ? "" : username.trim();
        return name.length() > 64 ? name.substring(0, 64) : name;
    }
}
