package io.opensop.runtime.api;

import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;

/** Reads the version a client edited from an {@code If-Match} header or a body value. */
public final class Versions {

    private Versions() {
    }

    public static long required(String ifMatch, Long fromBody) {
        if (ifMatch != null && !ifMatch.isBlank()) {
            String tag = ifMatch.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            tag = tag.replace("\"", "");
            try {
                return Long.parseLong(tag);
            } catch (NumberFormatException e) {
                throw new ValidationException(Problem.of("If-Match", "version_required"));
            }
        }
        if (fromBody != null) {
            return fromBody;
        }
        throw new ValidationException(Problem.of("version", "version_required"));
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }
}
