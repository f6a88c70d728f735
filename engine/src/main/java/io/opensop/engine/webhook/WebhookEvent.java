package io.opensop.engine.webhook;

import java.util.Arrays;
import java.util.Optional;

/**
 * Events a subscription can ask for. The record events come from every save; {@code stage_changed}
 * and the task events are published by the workflow feature through {@link WebhookService#enqueue}.
 */
public enum WebhookEvent {
    RECORD_CREATED("record.created"),
    RECORD_UPDATED("record.updated"),
    RECORD_DELETED("record.deleted"),
    RECORD_RESTORED("record.restored"),
    STAGE_CHANGED("record.stage_changed"),
    TASK_CREATED("task.created"),
    TASK_COMPLETED("task.completed"),
    /** Only sent by "send test". */
    TEST("webhook.test");

    private final String key;

    WebhookEvent(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<WebhookEvent> find(String key) {
        return Arrays.stream(values()).filter(e -> e.key.equals(key)).findFirst();
    }
}
