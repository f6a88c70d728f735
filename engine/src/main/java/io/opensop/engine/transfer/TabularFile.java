package io.opensop.engine.transfer;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** A spreadsheet read row by row, never held whole: the first non-blank row is the header. */
interface TabularFile {

    void read(RowHandler handler) throws IOException;

    /** Rows are pushed to the handler; {@code rowNo} is the row number a spreadsheet program shows. */
    interface RowHandler {
        void header(List<String> cells);

        void row(long rowNo, List<String> cells);
    }

    static TabularFile of(String format, byte[] content) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> new CsvTable(content);
            case "xlsx" -> new XlsxTable(content);
            default -> throw new IllegalArgumentException(format);
        };
    }

    /** "csv" or "xlsx" by the file's bytes (an xlsx file is a ZIP), whatever its name says. */
    static String detectFormat(byte[] content) {
        return content.length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4
                ? "xlsx" : "csv";
    }

    static boolean blank(List<String> cells) {
        return cells.stream().allMatch(c -> c == null || c.isBlank());
    }
}
