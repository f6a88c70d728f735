package io.opensop.engine.notify;

/**
 * Posts a JSON body to a URL, signed when a secret is given. A minimal sender for notifications;
 * the import/export work brings a general webhook sender with a delivery log, which should replace
 * {@link HmacWebhookSender} behind this interface when the branches merge.
 */
public interface WebhookSender {

    /** @return the response body; throws when the status is not 2xx or the endpoint cannot be reached */
    String post(String url, String secret, String json) throws Exception;
}
