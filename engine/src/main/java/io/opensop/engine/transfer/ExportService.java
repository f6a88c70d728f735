package io.opensop.engine.transfer;

import io.opensop.engine.attachment.AttachmentRef;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.SelectOption;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.record.RecordPage;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.record.RecordSort;
import io.opensop.engine.security.AccessPolicy;
import io.opensop.engine.security.Actor;
import io.opensop.engine.security.Operation;
import io.opensop.engine.user.UserAccount;
import io.opensop.engine.user.UserDirectory;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Exports a list view (the same filters and sorts as {@link RecordService#list}) as CSV or .xlsx,
 * streaming page by page through the keyset cursor. The list call applies the actor's row scope
 * and drops hidden fields, so an export shows exactly what the actor's list shows; it also needs
 * the form's {@code export} permission. Text cells are neutralized against formula injection.
 */
public final class ExportService {

    private static final int PAGE = RecordQuery.MAX_LIMIT;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final FormService forms;
    private final AccessPolicy policy;
    private final RecordService records;
    private final UserDirectory users;

    public ExportService(FormService forms, AccessPolicy policy, RecordService records, UserDirectory users) {
        this.forms = forms;
        this.policy = policy;
        this.records = records;
        this.users = users;
    }

    /**
     * Checks permissions and the query, then returns a writer: nothing is written before the checks pass,
     * so a refused export is an error response, not a truncated file.
     */
    public Export prepare(Actor actor, String formKey, List<RecordFilter> filters, List<RecordSort> sorts,
                          ExportFormat format) {
        return prepare(actor, formKey, filters, sorts, null, format);
    }

    /**
     * The same with the columns a list view shows: the ID column first (so a file can be imported back),
     * then the named fields in the given order; names of system columns and of fields the actor may not
     * see are skipped. {@code null} or empty means every visible field in form order.
     */
    public Export prepare(Actor actor, String formKey, List<RecordFilter> filters, List<RecordSort> sorts,
                          List<String> columnKeys, ExportFormat format) {
        PublishedForm form = forms.published(actor, formKey);
        policy.check(actor, form.definition(), Operation.EXPORT);
        Set<String> visibleKeys = records.visibleFields(actor, formKey);
        RecordPage first = records.list(actor, formKey, new RecordQuery(filters, sorts, PAGE, null, false, false));
        List<FieldDefinition> visible = form.definition().fieldList().stream()
                .filter(f -> f.storedType() != FieldType.SUB_FORM)
                .filter(f -> form.layout().column(f.key()).isPresent() || f.type().computed())
                .filter(f -> visibleKeys.contains(f.key()))
                .toList();
        List<FieldDefinition> columns = columnKeys == null || columnKeys.isEmpty() ? visible
                : columnKeys.stream().distinct()
                        .flatMap(key -> visible.stream().filter(f -> f.key().equals(key)).findFirst().stream())
                        .toList();
        return new Export(actor, formKey, form, columns, filters, sorts, format, first);
    }

    /** A checked export, ready to stream. */
    public final class Export {
        private final Actor actor;
        private final String formKey;
        private final PublishedForm form;
        private final List<FieldDefinition> columns;
        private final List<RecordFilter> filters;
        private final List<RecordSort> sorts;
        private final ExportFormat format;
        private final RecordPage first;
        private final Map<Long, String> userNames = new HashMap<>();

        private Export(Actor actor, String formKey, PublishedForm form, List<FieldDefinition> columns,
                       List<RecordFilter> filters, List<RecordSort> sorts, ExportFormat format, RecordPage first) {
            this.actor = actor;
            this.formKey = formKey;
            this.form = form;
            this.columns = columns;
            this.filters = filters;
            this.sorts = sorts;
            this.format = format;
            this.first = first;
        }

        public ExportFormat format() {
            return format;
        }

        public String fileName() {
            return formKey + "." + format.extension();
        }

        public void writeTo(OutputStream out) throws IOException {
            if (format == ExportFormat.CSV) {
                writeCsv(out);
            } else {
                writeXlsx(out);
            }
        }

        private List<String> header() {
            List<String> header = new ArrayList<>();
            header.add("ID");
            columns.forEach(f -> header.add(f.label() == null ? f.key() : f.label().in(actor.locale())));
            return header;
        }

        private void forEachRecord(RecordConsumer consumer) throws IOException {
            RecordPage page = first;
            while (true) {
                for (FormRecord record : page.items()) {
                    consumer.accept(record);
                }
                if (page.next() == null) {
                    return;
                }
                page = records.list(actor, formKey, new RecordQuery(filters, sorts, PAGE, page.next(), false, false));
            }
        }

        private void writeCsv(OutputStream out) throws IOException {
            boolean[] texts = new boolean[columns.size() + 1];
            for (int i = 0; i < columns.size(); i++) {
                texts[i + 1] = isText(columns.get(i));
            }
            try (CsvWriter csv = new CsvWriter(out)) {
                csv.row(header());
                forEachRecord(record -> {
                    List<String> cells = new ArrayList<>();
                    cells.add(String.valueOf(record.id()));
                    for (FieldDefinition field : columns) {
                        cells.add(text(field, record.values().get(field.key())));
                    }
                    csv.row(cells, texts);
                });
            }
        }

        private void writeXlsx(OutputStream out) throws IOException {
            SXSSFWorkbook workbook = new SXSSFWorkbook(200);
            try {
                workbook.setCompressTempFiles(true);
                SXSSFSheet sheet = workbook.createSheet(safeSheetName(form.definition().label() == null ? formKey
                        : form.definition().label().in(actor.locale())));
                CellStyle dateStyle = workbook.createCellStyle();
                dateStyle.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
                CellStyle dateTimeStyle = workbook.createCellStyle();
                dateTimeStyle.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
                CellStyle quoted = workbook.createCellStyle();
                quoted.setQuotePrefixed(true);
                Row headerRow = sheet.createRow(0);
                List<String> header = header();
                for (int i = 0; i < header.size(); i++) {
                    setText(headerRow.createCell(i), header.get(i), quoted);
                }
                int[] rowIndex = {1};
                forEachRecord(record -> {
                    Row row = sheet.createRow(rowIndex[0]++);
                    row.createCell(0).setCellValue(record.id());
                    for (int i = 0; i < columns.size(); i++) {
                        FieldDefinition field = columns.get(i);
                        Object value = record.values().get(field.key());
                        if (value == null) {
                            continue;
                        }
                        Cell cell = row.createCell(i + 1);
                        if (value instanceof BigDecimal d) {
                            cell.setCellValue(d.doubleValue());
                        } else if (value instanceof Long id && field.storedType() == FieldType.REFERENCE) {
                            cell.setCellValue(id);
                        } else if (value instanceof LocalDate date) {
                            cell.setCellValue(date);
                            cell.setCellStyle(dateStyle);
                        } else if (value instanceof OffsetDateTime time) {
                            cell.setCellValue(time.atZoneSameInstant(actor.zone()).toLocalDateTime());
                            cell.setCellStyle(dateTimeStyle);
                        } else if (value instanceof Boolean b) {
                            cell.setCellValue(b);
                        } else {
                            setText(cell, text(field, value), quoted);
                        }
                    }
                });
                workbook.write(out);
            } finally {
                workbook.close();
            }
        }

        /** Text is stored as a string cell, never a formula; text that looks like one is also quote-prefixed. */
        private static void setText(Cell cell, String text, CellStyle quoted) {
            cell.setCellValue(text);
            if (CellSafety.dangerous(text)) {
                cell.setCellStyle(quoted);
            }
        }

        private boolean isText(FieldDefinition field) {
            return switch (field.storedType()) {
                case NUMBER, MONEY, PERCENT, DATE, DATETIME, BOOLEAN, REFERENCE -> false;
                default -> true;
            };
        }

        private String text(FieldDefinition field, Object value) {
            if (value == null) {
                return "";
            }
            return switch (field.storedType()) {
                case SINGLE_SELECT -> label(field, String.valueOf(value));
                case MULTI_SELECT -> value instanceof List<?> keys
                        ? keys.stream().map(k -> label(field, String.valueOf(k))).collect(Collectors.joining(", "))
                        : String.valueOf(value);
                case USER -> value instanceof Long id ? userName(id) : String.valueOf(value);
                case ATTACHMENT, SIGNATURE -> value instanceof List<?> files ? files.stream()
                        .map(f -> f instanceof AttachmentRef ref ? ref.name() : String.valueOf(f))
                        .collect(Collectors.joining(", ")) : String.valueOf(value);
                default -> value instanceof BigDecimal d ? d.toPlainString()
                        : value instanceof OffsetDateTime t ? t.atZoneSameInstant(actor.zone()).format(DATE_TIME)
                        : String.valueOf(value);
            };
        }

        private String label(FieldDefinition field, String key) {
            return field.optionList().stream().filter(o -> o.key().equals(key)).findFirst()
                    .map(SelectOption::label).map(l -> l.in(actor.locale())).filter(l -> !l.isBlank()).orElse(key);
        }

        private String userName(long id) {
            return userNames.computeIfAbsent(id, k -> users.byId(k).map(UserAccount::username).orElse(String.valueOf(k)));
        }
    }

    private static String safeSheetName(String name) {
        String cleaned = name.replaceAll("[\\\\/?*\\[\\]:]", " ").trim();
        if (cleaned.isEmpty()) {
            cleaned = "Export";
        }
        return cleaned.length() > 31 ? cleaned.substring(0, 31) : cleaned;
    }

    @FunctionalInterface
    private interface RecordConsumer {
        void accept(FormRecord record) throws IOException;
    }

}
