package io.opensop.runtime.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A password encoder that remembers, for a while, which (password, stored hash) pairs it has already
 * verified. Scripts and integrations send HTTP Basic credentials with every request, and a BCrypt check
 * costs tens of milliseconds of CPU each time; a remembered pair costs one SHA-256. Only successful
 * checks are remembered, and the stored hash is part of what is remembered, so a changed or reset
 * password never matches an old entry. Failures always take the slow path, so guessing stays slow.
 */
final class VerifiedPasswords implements PasswordEncoder {

    private static final int MAX_ENTRIES = 10_000;

    private final PasswordEncoder delegate;
    private final Set<String> verified = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > MAX_ENTRIES;
                }
            }));

    VerifiedPasswords(PasswordEncoder delegate) {
        this.delegate = delegate;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return delegate.matches(rawPassword, encodedPassword);
        }
        String key = fingerprint(rawPassword, encodedPassword);
        if (verified.contains(key)) {
            return true;
        }
        boolean matches = delegate.matches(rawPassword, encodedPassword);
        if (matches) {
            verified.add(key);
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    /** The stored hash (which carries its own salt) keys the digest, so equal passwords of two users differ. */
    private static String fingerprint(CharSequence rawPassword, String encodedPassword) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
