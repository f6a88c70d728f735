package io.opensop.engine.webhook;

/**
 * Sends one request and reports what happened; never throws for a network failure. Webhook
 * deliveries use it, and so can the workflow's notification channels (generic webhook, DingTalk,
 * WeCom robots): they differ only in the body they build and the URL they post to.
 */
public interface WebhookSender {

    SendResult send(OutboundRequest request);
}
