package io.opensop.engine.webhook;

import java.time.OffsetDateTime;

/** One try at sending a delivery. */
public record WebhookAttempt(long deliveryId, int attempt, OffsetDateTime attemptedAt, Integer statusCode,
                             String error, long durationMs) {
}
