package io.opensop.engine.webhook;

import java.time.Duration;

/**
 * @param firstRetry  wait after the first failed attempt; each further failure doubles it
 * @param maxRetry    the longest wait between attempts
 * @param maxAttempts attempts before a delivery is given up as failed
 * @param timeout     connect and response timeout of one attempt
 * @param lease       how long a claimed delivery is hidden from other pollers while it is being sent
 * @param batch       deliveries sent per {@link WebhookService#deliverDue} call
 */
public record WebhookSettings(Duration firstRetry, Duration maxRetry, int maxAttempts, Duration timeout,
                              Duration lease, int batch) {

    public static final WebhookSettings DEFAULT = new WebhookSettings(Duration.ofSeconds(30), Duration.ofHours(1), 8,
            Duration.ofSeconds(10), Duration.ofMinutes(2), 50);

    /** The wait after failed attempt number {@code attempt} (1-based): firstRetry × 2^(attempt−1), capped. */
    public Duration backoff(int attempt) {
        Duration delay = firstRetry;
        for (int i = 1; i < attempt && delay.compareTo(maxRetry) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetry) > 0 ? maxRetry : delay;
    }
}
