package io.opensop.engine.metadata;

import java.time.OffsetDateTime;

/** One published, immutable version of a form. */
public record FormVersionInfo(String key, int version, String publishedBy, OffsetDateTime publishedAt) {
}
