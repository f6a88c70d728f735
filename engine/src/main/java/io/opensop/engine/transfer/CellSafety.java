package io.opensop.engine.transfer;

/**
 * Spreadsheet formula injection: a text cell that starts with {@code = + - @}, a tab or a carriage
 * return may be run as a formula by the program that opens the file. Exports prefix such text with
 * an apostrophe (CSV) or mark the cell as quote-prefixed text (xlsx); imports drop that one
 * apostrophe again so an export re-imports unchanged.
 */
final class CellSafety {

    private CellSafety() {
    }

    static boolean dangerous(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        char c = text.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    static String neutralize(String text) {
        return dangerous(text) ? "'" + text : text;
    }

    static String unescape(String text) {
        if (text != null && text.length() > 1 && text.charAt(0) == '\'' && dangerous(text.substring(1))) {
            return text.substring(1);
        }
        return text;
    }
}
