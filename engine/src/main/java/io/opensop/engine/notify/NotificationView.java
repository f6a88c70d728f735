package io.opensop.engine.notify;

import java.time.OffsetDateTime;

/** An inbox entry as its recipient sees it. */
public record NotificationView(long id, String kind, String title, String body, String formKey, Long recordId,
                               OffsetDateTime createdAt, OffsetDateTime readAt) {

    public boolean read() {
        return readAt != null;
    }
}
