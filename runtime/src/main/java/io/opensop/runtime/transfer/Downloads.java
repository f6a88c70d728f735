package io.opensop.runtime.transfer;

import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;

/** Download headers: a file name a browser or shell cannot misread (no paths, quotes or control characters). */
final class Downloads {

    private Downloads() {
    }

    static String safeName(String name, String fallback) {
        String cleaned = name == null ? "" : name.replaceAll("[^\\p{L}\\p{N}._-]+", "_").replaceAll("^[._]+", "");
        if (cleaned.isBlank()) {
            cleaned = fallback;
        }
        return cleaned.length() > 120 ? cleaned.substring(cleaned.length() - 120) : cleaned;
    }

    /** {@code attachment; filename="<ASCII fallback>"; filename*=UTF-8''<RFC 5987 encoded>}. */
    static String attachment(String name) {
        String ascii = name.replaceAll("[^\\x20-\\x7e]", "_");
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return ContentDisposition.attachment().filename(ascii).build() + "; filename*=UTF-8''" + encoded;
    }
}
