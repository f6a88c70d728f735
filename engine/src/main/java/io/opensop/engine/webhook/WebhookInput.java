package io.opensop.engine.webhook;

import java.util.Set;

/** What a client sends to create or change a subscription; a null secret generates one on create. */
public record WebhookInput(String name, String url, Set<String> events, String secret, Boolean active) {
}
