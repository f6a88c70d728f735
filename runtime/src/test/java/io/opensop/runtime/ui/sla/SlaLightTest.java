package io.opensop.runtime.ui.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.opensop.engine.sla.ClockView;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlaLightTest {

    private static final Instant NOW = Instant.parse("2026-03-05T02:00:00Z");

    @Test
    void withoutAnActiveClockThereIsNoColour() {
        assertThat(SlaLight.of(List.of(), NOW)).isEqualTo(SlaLight.NONE);
        assertThat(SlaLight.of(List.of(clock("met", true, 1)), NOW)).isEqualTo(SlaLight.NONE);
    }

    @Test
    void aRunningClockDueLaterThanADayIsGreenWithinADayAmberAndBreachedRed() {
        assertThat(SlaLight.of(List.of(clock("running", false, 25)), NOW)).isEqualTo(SlaLight.GREEN);
        assertThat(SlaLight.of(List.of(clock("running", false, 23)), NOW)).isEqualTo(SlaLight.AMBER);
        assertThat(SlaLight.of(List.of(clock("paused", true, 100)), NOW)).isEqualTo(SlaLight.RED);
    }

    @Test
    void theWorstActiveClockDecides() {
        assertThat(SlaLight.of(List.of(clock("running", false, 48), clock("running", true, 48),
                clock("running", false, 2)), NOW)).isEqualTo(SlaLight.RED);
    }

    private static ClockView clock(String status, boolean breached, int dueInHours) {
        OffsetDateTime due = NOW.plusSeconds(dueInHours * 3600L).atOffset(ZoneOffset.UTC);
        return new ClockView(1, "opportunity", 1, "stale", null, null, status, breached,
                NOW.atOffset(ZoneOffset.UTC), due, 0);
    }
}
