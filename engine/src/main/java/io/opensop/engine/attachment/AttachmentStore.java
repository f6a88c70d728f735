package io.opensop.engine.attachment;

import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.TooLargeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import static io.opensop.engine.support.SqlValues.timestamp;

import org.jooq.DSLContext;
import io.opensop.engine.support.Upserts;

/**
 * Uploaded files, stored in the database once per content hash. The original name is kept for
 * display only, after removing any path and control characters.
 */
public class AttachmentStore {

    public static final long DEFAULT_LIMIT = 20L * 1024 * 1024;

    private final DSLContext dsl;
    private final Clock clock;

    public AttachmentStore(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    public AttachmentRef store(String uploadedBy, String originalName, String declaredType, InputStream input, long limit) {
        byte[] bytes = readAtMost(input, limit);
        String hash = sha256(bytes);
        Upserts.insertIfAbsent(dsl, "attachment_content", new String[] {"content_hash"},
                new String[] {"content_hash", "size_bytes", "content"}, hash, (long) bytes.length, bytes);
        String id = UUID.randomUUID().toString();
        String name = sanitize(originalName);
        String mediaType = MediaTypes.sniff(bytes, declaredType);
        dsl.execute("insert into attachment (id, content_hash, original_name, media_type, size_bytes, created_by,"
                + " created_at) values (?, ?, ?, ?, ?, ?, ?)", id, hash, name, mediaType, (long) bytes.length, uploadedBy,
                timestamp(OffsetDateTime.now(clock)));
        return new AttachmentRef(id, name, mediaType, bytes.length);
    }

    public Optional<AttachmentRef> find(String id) {
        if (id == null || id.length() > 36) {
            return Optional.empty();
        }
        return dsl.fetchOptional("select id, original_name, media_type, size_bytes from attachment where id = ?", id)
                .map(r -> new AttachmentRef(r.get(0, String.class), r.get(1, String.class), r.get(2, String.class),
                        r.get(3, Long.class)));
    }

    /** The user name that uploaded the file, if the file exists. */
    public Optional<String> uploadedBy(String id) {
        if (id == null || id.length() > 36) {
            return Optional.empty();
        }
        return dsl.fetchOptional("select created_by from attachment where id = ?", id).map(r -> r.get(0, String.class));
    }

    /**
     * The bytes, for any caller that has already checked permission; user-facing downloads go through
     * {@code io.opensop.engine.record.AttachmentDownloads}.
     */
    public AttachmentContent load(String id) {
        AttachmentRef ref = find(id).orElseThrow(() -> new NotFoundException("attachment", id));
        byte[] bytes = dsl.fetchOne("select c.content from attachment a join attachment_content c"
                + " on c.content_hash = a.content_hash where a.id = ?", id).get(0, byte[].class);
        return new AttachmentContent(ref, bytes);
    }

    static String sanitize(String originalName) {
        String name = originalName == null ? "" : originalName;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[\\p{Cntrl}\"<>|:*?]", "_").trim();
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        if (name.isBlank()) {
            name = "file";
        }
        return name.length() > 255 ? name.substring(name.length() - 255) : name;
    }

    private static byte[] readAtMost(InputStream input, long limit) {
        try (input) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            int read;
            while ((read = input.read(buffer)) != -1) {
                total += read;
                if (total > limit) {
                    throw new TooLargeException("file", limit);
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
