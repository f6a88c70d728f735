package io.opensop.engine.attachment;

import java.util.Set;

/** Decides a file's media type from its first bytes, never trusting the uploader's word alone. */
final class MediaTypes {

    private static final Set<String> TEXT_TYPES = Set.of("text/plain", "text/csv");

    private MediaTypes() {
    }

    static String sniff(byte[] bytes, String declared) {
        if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46)) {
            return "application/pdf";
        }
        if (startsWith(bytes, 0x89, 0x50, 0x4E, 0x47)) {
            return "image/png";
        }
        if (startsWith(bytes, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsWith(bytes, 0x47, 0x49, 0x46, 0x38)) {
            return "image/gif";
        }
        if (startsWith(bytes, 0x50, 0x4B, 0x03, 0x04)) {
            return declared != null && declared.startsWith("application/vnd.openxmlformats")
                    ? declared : "application/zip";
        }
        if (declared != null && TEXT_TYPES.contains(declared) && looksLikeText(bytes)) {
            return declared;
        }
        return "application/octet-stream";
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeText(byte[] bytes) {
        int checked = Math.min(bytes.length, 4096);
        for (int i = 0; i < checked; i++) {
            if (bytes[i] == 0) {
                return false;
            }
        }
        return true;
    }
}
