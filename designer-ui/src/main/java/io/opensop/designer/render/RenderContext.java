package io.opensop.designer.render;

import io.opensop.engine.attachment.AttachmentRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the renderer needs from its host: the reader's locale and zone, and lookups for pickers and
 * uploads. The runtime backs it with the engine services; the designer's live preview can back it
 * with sample data. Every method but {@link #locale()} and {@link #zone()} has a harmless default.
 */
public interface RenderContext extends Serializable {

    Locale locale();

    ZoneId zone();

    /** Users a user field may name. */
    default List<Choice> users() {
        return List.of();
    }

    /** Records of {@code targetForm} whose title contains {@code text}, at most {@code limit}. */
    default List<Choice> searchRecords(String targetForm, String text, int limit) {
        return List.of();
    }

    /** The title of one record of {@code targetForm}, if the reader may see it. */
    default Optional<Choice> record(String targetForm, long id) {
        return Optional.of(new Choice(id, "#" + id));
    }

    /** Stores an uploaded file and returns its reference (the engine's AttachmentStore in the runtime). */
    default AttachmentRef storeAttachment(String name, String mediaType, InputStream content, long limit)
            throws IOException {
        throw new IOException("uploads are not available here");
    }

    /** Where a browser can open or download an attachment. */
    default String attachmentUrl(AttachmentRef ref) {
        return "/api/attachments/" + ref.id();
    }

    /** A simple context for previews and tests. */
    static RenderContext of(Locale locale, ZoneId zone) {
        return new RenderContext() {
            @Override
            public Locale locale() {
                return locale;
            }

            @Override
            public ZoneId zone() {
                return zone;
            }
        };
    }
}
