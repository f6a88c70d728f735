package io.opensop.engine.notify;

import io.opensop.engine.support.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A generic JSON webhook: {@code {"event":"notification","id","kind","user","title","body","formKey","recordId"}},
 * HMAC-signed by the {@link WebhookSender} with the endpoint's secret.
 */
public final class WebhookChannel implements NotificationChannel {

    private final WebhookSender sender;

    public WebhookChannel(WebhookSender sender) {
        this.sender = sender;
    }

    @Override
    public String channel() {
        return "webhook";
    }

    @Override
    public void send(Outgoing message) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "notification");
        body.put("id", message.notificationId());
        body.put("kind", message.kind());
        body.put("user", message.username());
        body.put("title", message.title());
        body.put("body", message.body());
        body.put("formKey", message.formKey());
        body.put("recordId", message.recordId());
        sender.post(message.endpoint().url(), message.endpoint().secret(), Json.write(body));
    }
}
