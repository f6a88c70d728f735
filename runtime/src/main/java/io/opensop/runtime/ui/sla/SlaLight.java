package io.opensop.runtime.ui.sla;

import com.vaadin.flow.component.html.Span;
import io.opensop.engine.sla.ClockView;
import io.opensop.engine.sla.SlaService;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * The colour of an item's SLA clocks: red when a running or paused clock has fired a step (breached),
 * amber when one is due within {@link #SOON} (or overdue before its timer fired), green while clocks run
 * in time, none without an active clock.
 */
public enum SlaLight {
    NONE, GREEN, AMBER, RED;

    /** How close a due time must be to turn amber. */
    public static final Duration SOON = Duration.ofHours(24);

    public static SlaLight of(Collection<ClockView> clocks, Instant now) {
        SlaLight light = NONE;
        for (ClockView clock : clocks) {
            if (!SlaService.RUNNING.equals(clock.status()) && !SlaService.PAUSED.equals(clock.status())) {
                continue;
            }
            SlaLight one = clock.breached() ? RED
                    : clock.dueAt() != null && clock.dueAt().toInstant().isBefore(now.plus(SOON)) ? AMBER : GREEN;
            if (one.ordinal() > light.ordinal()) {
                light = one;
            }
        }
        return light;
    }

    /** A small coloured dot with the colour's name as its accessible text, or an empty span for NONE. */
    public Span badge(String label) {
        Span dot = new Span();
        dot.getElement().setAttribute("data-sla", name().toLowerCase(java.util.Locale.ROOT));
        if (this == NONE) {
            return dot;
        }
        String colour = switch (this) {
            case RED -> "var(--lumo-error-color)";
            case AMBER -> "#e8a33d";
            default -> "var(--lumo-success-color)";
        };
        dot.getStyle().set("display", "inline-block").set("width", "0.75em").set("height", "0.75em")
                .set("border-radius", "50%").set("background", colour).set("flex", "none");
        dot.getElement().setAttribute("title", label);
        dot.getElement().setAttribute("aria-label", label);
        return dot;
    }
}
