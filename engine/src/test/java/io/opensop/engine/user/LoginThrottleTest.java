package io.opensop.engine.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.testing.TestDatabases;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final HikariDataSource dataSource = TestDatabases.h2();
    private final EngineHarness harness = new EngineHarness(dataSource);
    private final LoginThrottle throttle = new LoginThrottle(harness.dsl, harness.clock, 3, Duration.ofMinutes(15));

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Test
    void threeFailuresLockTheNameForFifteenMinutes() {
        throttle.failed("rep1");
        throttle.failed("rep1");
        assertThat(throttle.isLocked("rep1")).isFalse();

        throttle.failed("rep1");

        assertThat(throttle.isLocked("rep1")).isTrue();
        harness.clock.advance(Duration.ofMinutes(14));
        assertThat(throttle.isLocked("rep1")).isTrue();
        harness.clock.advance(Duration.ofMinutes(2));
        assertThat(throttle.isLocked("rep1")).isFalse();
        assertThat(throttle.isLocked("rep2")).isFalse();
    }

    @Test
    void aSuccessfulSignInForgetsEarlierFailures() {
        throttle.failed("rep1");
        throttle.failed("rep1");
        throttle.succeeded("rep1");
        throttle.failed("rep1");
        throttle.failed("rep1");

        assertThat(throttle.isLocked("rep1")).isFalse();
    }

    @Test
    void unknownNamesAreThrottledLikeKnownOnes() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("nobody-" + "x".repeat(100));
        }
        assertThat(throttle.isLocked("nobody-" + "x".repeat(100))).isTrue();
    }
}
