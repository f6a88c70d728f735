package io.opensop.engine.notify;

/**
 * One way a notification leaves the engine (e-mail, webhook, DingTalk, WeCom). The in-app inbox is
 * not a channel: every notification is kept there. Implementations throw to have the delivery
 * retried with backoff.
 */
public interface NotificationChannel {

    /** {@code email}, {@code webhook}, {@code dingtalk}, {@code wecom} */
    String channel();

    void send(Outgoing message) throws Exception;

    /**
     * A rendered notification on its way to one person.
     *
     * @param endpoint the admin-configured endpoint for webhook/robot channels, null for e-mail
     */
    record Outgoing(long notificationId, String username, String displayName, String email, String locale,
                    String kind, String title, String body, String formKey, Long recordId, Endpoint endpoint) {
    }

    /** An admin-configured webhook or group robot. */
    record Endpoint(String key, String channel, String url, String secret, boolean enabled) {
    }
}
