package io.opensop.runtime.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.opensop.engine.webhook.WebhookSubscription;
import java.time.OffsetDateTime;
import java.util.Set;

/**
 * A subscription as the API shows it: never its secret. Only the answer to a create that let the
 * server generate the secret carries it ({@code generatedSecret}), since the client has no other way
 * to learn it; a secret the client chose is never echoed.
 */
record WebhookView(long id, String formKey, String name, String url, Set<String> events, String owner,
                   boolean active, String createdBy, OffsetDateTime createdAt,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String generatedSecret) {

    static WebhookView of(WebhookSubscription s, String generatedSecret) {
        return new WebhookView(s.id(), s.formKey(), s.name(), s.url(), s.events(), s.owner(), s.active(),
                s.createdBy(), s.createdAt(), generatedSecret);
    }
}
