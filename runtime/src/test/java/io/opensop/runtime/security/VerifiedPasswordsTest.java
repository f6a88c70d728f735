package io.opensop.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class VerifiedPasswordsTest {

    private final PasswordEncoder bcrypt = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final AtomicInteger slowChecks = new AtomicInteger();
    private final VerifiedPasswords passwords = new VerifiedPasswords(new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            slowChecks.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    });

    @Test
    void aVerifiedPasswordIsCheckedSlowlyOnlyOnce() {
        String stored = passwords.encode("s3cret");

        assertThat(passwords.matches("s3cret", stored)).isTrue();
        assertThat(passwords.matches("s3cret", stored)).isTrue();

        assertThat(slowChecks).hasValue(1);
    }

    @Test
    void aWrongPasswordIsCheckedSlowlyEveryTimeAndNeverAccepted() {
        String stored = passwords.encode("s3cret");

        assertThat(passwords.matches("guess", stored)).isFalse();
        assertThat(passwords.matches("guess", stored)).isFalse();

        assertThat(slowChecks).hasValue(2);
    }

    @Test
    void aChangedPasswordNoLongerMatchesTheOldOneRememberedBefore() {
        String before = passwords.encode("s3cret");
        assertThat(passwords.matches("s3cret", before)).isTrue();

        String after = passwords.encode("n3w-secret");

        assertThat(passwords.matches("s3cret", after)).isFalse();
        assertThat(passwords.matches("n3w-secret", after)).isTrue();
    }
}
