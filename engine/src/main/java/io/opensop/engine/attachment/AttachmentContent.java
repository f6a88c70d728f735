package io.opensop.engine.attachment;

/** A stored file with its bytes, for download. */
public record AttachmentContent(AttachmentRef ref, byte[] bytes) {
}
