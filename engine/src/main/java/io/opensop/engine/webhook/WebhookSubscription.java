package io.opensop.engine.webhook;

import java.time.OffsetDateTime;
import java.util.Set;

/**
 * A URL that wants some events of one form. Payloads show the record as {@code owner} may see it
 * (their roles, row scope and field access), so a subscription never reveals more than its owner
 * could read. {@code secret} signs every body.
 */
public record WebhookSubscription(long id, String formKey, String name, String url, String secret,
                                  Set<String> events, String owner, boolean active, String createdBy,
                                  OffsetDateTime createdAt) {

    /** The same subscription with the secret masked, for listings. */
    public WebhookSubscription masked() {
        return new WebhookSubscription(id, formKey, name, url, secret.length() <= 4 ? "****"
                : "****" + secret.substring(secret.length() - 4), events, owner, active, createdBy, createdAt);
    }
}
