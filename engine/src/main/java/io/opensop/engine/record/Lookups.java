package io.opensop.engine.record;

import io.opensop.engine.attachment.AttachmentRef;
import java.util.Optional;

/** What value coercion needs to know about the world outside one record. */
public interface Lookups {

    boolean userExists(long userId);

    Optional<Long> userIdByUsername(String username);

    boolean recordExists(String formKey, long recordId);

    Optional<AttachmentRef> attachment(String attachmentId);
}
