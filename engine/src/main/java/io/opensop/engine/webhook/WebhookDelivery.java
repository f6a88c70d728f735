package io.opensop.engine.webhook;

import java.time.OffsetDateTime;

/** One event for one subscription and where its sending stands. */
public record WebhookDelivery(long id, long subscriptionId, String event, String formKey, Long recordId,
                              String payload, String status, int attempts, OffsetDateTime nextAttemptAt,
                              Integer lastStatusCode, String lastError, OffsetDateTime createdAt,
                              OffsetDateTime deliveredAt) {

    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
}
