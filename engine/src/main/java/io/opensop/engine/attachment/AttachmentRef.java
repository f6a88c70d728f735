package io.opensop.engine.attachment;

/** What a record stores about one uploaded file; the bytes live once per content hash. */
public record AttachmentRef(String id, String name, String mediaType, long size) {
}
