package io.opensop.engine.transfer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV as spreadsheet programs write it: RFC 4180 quoting (a quoted field may hold delimiters,
 * doubled quotes and line breaks), any of {@code , ; TAB |} as the delimiter, and UTF-8 (with or
 * without a BOM), UTF-16 with a BOM, or GB18030 as the encoding.
 */
final class CsvTable implements TabularFile {

    static final Charset GB18030 = Charset.forName("GB18030");
    private static final char[] DELIMITERS = {',', ';', '\t', '|'};
    private static final int SAMPLE_CHARS = 64 * 1024;

    private final byte[] content;

    CsvTable(byte[] content) {
        this.content = content;
    }

    /** BOM first; then UTF-8 if every byte decodes strictly; otherwise GB18030 (a superset of GBK and GB2312). */
    static Encoding detectEncoding(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return new Encoding(StandardCharsets.UTF_8, 3);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return new Encoding(StandardCharsets.UTF_16LE, 2);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return new Encoding(StandardCharsets.UTF_16BE, 2);
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return new Encoding(StandardCharsets.UTF_8, 0);
        } catch (CharacterCodingException notUtf8) {
            return new Encoding(GB18030, 0);
        }
    }

    record Encoding(Charset charset, int bomLength) {
    }

    /**
     * The delimiter that splits the first lines (outside quotes) into the most columns, the same
     * number on each line; ties go to the order {@code , ; TAB |}.
     */
    static char detectDelimiter(String sample) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < sample.length() && lines.size() < 20; i++) {
            char c = sample.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (!quoted && (c == '\n' || c == '\r')) {
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                }
                line.setLength(0);
            } else {
                line.append(c);
            }
        }
        if (!line.isEmpty() && lines.size() < 20) {
            lines.add(line.toString());
        }
        char best = ',';
        double bestScore = 0;
        for (char delimiter : DELIMITERS) {
            int first = -1;
            int consistent = 0;
            for (String l : lines) {
                int count = countOutsideQuotes(l, delimiter);
                if (first < 0) {
                    first = count;
                }
                if (count == first && count > 0) {
                    consistent++;
                }
            }
            double score = first <= 0 ? 0 : consistent * 1000.0 + first;
            if (score > bestScore) {
                bestScore = score;
                best = delimiter;
            }
        }
        return best;
    }

    private static int countOutsideQuotes(String line, char delimiter) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                count++;
            }
        }
        return count;
    }

    @Override
    public void read(RowHandler handler) throws IOException {
        Encoding encoding = detectEncoding(content);
        char delimiter;
        try (Reader sampleReader = reader(encoding)) {
            char[] buffer = new char[SAMPLE_CHARS];
            int n = sampleReader.read(buffer);
            delimiter = detectDelimiter(n <= 0 ? "" : new String(buffer, 0, n));
        }
        try (Reader in = reader(encoding)) {
            parse(in, delimiter, handler);
        }
    }

    private Reader reader(Encoding encoding) {
        return new java.io.BufferedReader(new InputStreamReader(new ByteArrayInputStream(content, encoding.bomLength(),
                content.length - encoding.bomLength()), encoding.charset()), 64 * 1024);
    }

    static void parse(Reader in, char delimiter, RowHandler handler) throws IOException {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        boolean headerSeen = false;
        long rowNo = 0;
        boolean any = false;
        int c;
        while (true) {
            c = in.read();
            if (c < 0) {
                if (any || !cell.isEmpty() || !cells.isEmpty()) {
                    cells.add(cell.toString());
                    rowNo++;
                    headerSeen = emit(handler, headerSeen, rowNo, cells);
                }
                return;
            }
            any = true;
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    in.mark(1);
                    int next = in.read();
                    if (next == '"') {
                        cell.append('"');
                    } else {
                        quoted = false;
                        if (next >= 0) {
                            in.reset();
                        }
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (ch == delimiter) {
                cells.add(cell.toString());
                cell.setLength(0);
                wasQuoted = false;
            } else if (ch == '\r' || ch == '\n') {
                if (ch == '\r') {
                    in.mark(1);
                    if (in.read() != '\n') {
                        in.reset();
                    }
                }
                cells.add(cell.toString());
                cell.setLength(0);
                wasQuoted = false;
                rowNo++;
                headerSeen = emit(handler, headerSeen, rowNo, cells);
                cells = new ArrayList<>();
                any = false;
            } else {
                cell.append(ch);
            }
        }
    }

    private static boolean emit(RowHandler handler, boolean headerSeen, long rowNo, List<String> cells) {
        if (TabularFile.blank(cells)) {
            return headerSeen;
        }
        if (!headerSeen) {
            handler.header(cells);
            return true;
        }
        handler.row(rowNo, cells);
        return true;
    }
}
