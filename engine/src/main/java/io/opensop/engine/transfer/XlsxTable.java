package io.opensop.engine.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * The first sheet of an .xlsx file through POI's SAX event reader: rows stream past one at a time,
 * so memory does not grow with the row count. Formula cells give their cached value; nothing is
 * ever evaluated. Dates come out as ISO text, other numbers as their exact stored value (not as
 * the cell's display format, which may round).
 */
final class XlsxTable implements TabularFile {

    private final byte[] content;

    XlsxTable(byte[] content) {
        this.content = content;
    }

    @Override
    public void read(RowHandler handler) throws IOException {
        Path file = Files.createTempFile("opensop-import", ".xlsx");
        try {
            Files.write(file, content);
            try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
                XSSFReader reader = new XSSFReader(pkg);
                ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
                Iterator<InputStream> sheets = reader.getSheetsData();
                if (!sheets.hasNext()) {
                    return;
                }
                try (InputStream sheet = sheets.next()) {
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), strings,
                            new Rows(handler), new IsoFormatter(), false));
                    parser.parse(new InputSource(sheet));
                }
            }
        } catch (OpenXML4JException | SAXException | javax.xml.parsers.ParserConfigurationException e) {
            throw new IOException("not a readable .xlsx file: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final RowHandler handler;
        private final List<String> cells = new ArrayList<>();
        private boolean headerSeen;

        Rows(RowHandler handler) {
            this.handler = handler;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            List<String> row = new ArrayList<>(cells);
            if (TabularFile.blank(row)) {
                return;
            }
            if (!headerSeen) {
                headerSeen = true;
                handler.header(row);
            } else {
                handler.row(rowNum + 1L, row);
            }
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            while (cells.size() < column) {
                cells.add("");
            }
            cells.add(value == null ? "" : value);
        }
    }

    /** Dates as yyyy-MM-dd (or yyyy-MM-dd HH:mm:ss with a time), numbers as their plain value. */
    private static final class IsoFormatter extends DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            return formatRawCellContents(value, formatIndex, formatString, false);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString,
                                            boolean use1904Windowing) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                LocalDateTime time = DateUtil.getLocalDateTime(value, use1904Windowing, true);
                return time.toLocalTime().toSecondOfDay() == 0 ? time.toLocalDate().toString()
                        : time.toLocalDate() + " " + time.toLocalTime();
            }
            String plain = new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
            return plain;
        }
    }
}
