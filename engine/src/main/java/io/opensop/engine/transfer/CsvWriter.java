package io.opensop.engine.transfer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * RFC 4180 CSV in UTF-8 with a BOM (so Excel shows Chinese text correctly), CRLF line ends, and
 * every text cell neutralized against formula injection.
 */
final class CsvWriter implements AutoCloseable {

    private final Writer out;

    CsvWriter(OutputStream stream) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
        out.write('\uFEFF');
    }

    /** {@code texts[i]} says whether cell i is free text (neutralized) or a typed value such as a number. */
    void row(List<String> cells, boolean[] texts) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String cell = cells.get(i) == null ? "" : cells.get(i);
            if (texts == null || i >= texts.length || texts[i]) {
                cell = CellSafety.neutralize(cell);
            }
            if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                    || cell.indexOf('\r') >= 0 || cell.startsWith(" ") || cell.endsWith(" ")) {
                out.write('"');
                out.write(cell.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(cell);
            }
        }
        out.write("\r\n");
    }

    void row(List<String> cells) throws IOException {
        row(cells, null);
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
