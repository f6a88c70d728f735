package io.opensop.engine.record;

import io.opensop.engine.attachment.AttachmentRef;
import io.opensop.engine.error.Problem;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.SelectOption;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns client input into the Java value a field stores, or reports why it cannot. The stored
 * types are: String, BigDecimal (at the field's scale), Boolean, LocalDate, OffsetDateTime (UTC),
 * Long (user and reference ids), List of option keys, List of {@link AttachmentRef}, and for
 * sub-forms a List of row maps.
 */
public final class ValueCoercer {

    static final int MAX_SUB_FORM_ROWS = 1000;
    private static final List<DateTimeFormatter> LENIENT_DATES = List.of(
            DateTimeFormatter.ofPattern("yyyy/M/d"), DateTimeFormatter.ofPattern("yyyy.M.d"),
            DateTimeFormatter.ofPattern("yyyy-M-d"), DateTimeFormatter.ofPattern("yyyy年M月d日"));

    private final Lookups lookups;
    private final CoercionMode mode;
    private final ZoneId zone;

    /** @param zone where a date-time without an offset is taken to be, normally the actor's zone */
    public ValueCoercer(Lookups lookups, CoercionMode mode, ZoneId zone) {
        this.lookups = lookups;
        this.mode = mode;
        this.zone = zone;
    }

    /** Returns the stored value, or null with a problem added when the input does not fit. */
    public Object coerce(FieldDefinition field, Object raw, String path, List<Problem> problems) {
        if (raw == null) {
            return null;
        }
        try {
            return switch (field.storedType()) {
                case TEXT, LONG_TEXT -> text(field, raw, path, problems);
                case NUMBER, MONEY, PERCENT -> decimal(field, raw, path, problems);
                case DATE -> date(raw, path, problems);
                case DATETIME -> dateTime(raw, path, problems);
                case BOOLEAN -> bool(raw, path, problems);
                case SINGLE_SELECT -> option(field, raw, path, problems);
                case MULTI_SELECT -> options(field, raw, path, problems);
                case USER -> user(raw, path, problems);
                case REFERENCE -> reference(field, raw, path, problems);
                case ATTACHMENT, SIGNATURE -> attachments(field, raw, path, problems);
                case SUB_FORM -> rows(field, raw, path, problems);
                case AUTO_NUMBER -> text(field, raw, path, problems);
                case FORMULA, ROLLUP, LOOKUP -> null;
            };
        } catch (RuntimeException unexpectedShape) {
            problems.add(Problem.of(path, "invalid_value", String.valueOf(raw)));
            return null;
        }
    }

    private Object text(FieldDefinition field, Object raw, String path, List<Problem> problems) {
        String value;
        if (raw instanceof String s) {
            value = s;
        } else if (mode == CoercionMode.LENIENT && (raw instanceof Number || raw instanceof Boolean
                || raw instanceof LocalDate || raw instanceof OffsetDateTime)) {
            value = raw instanceof BigDecimal d ? d.toPlainString() : raw.toString();
        } else {
            return mismatch(path, "text", raw, problems);
        }
        if (value.isEmpty()) {
            return null;
        }
        int limit = field.storedType() == io.opensop.engine.form.FieldType.LONG_TEXT
                ? io.opensop.engine.support.Json.MAX_STRING_LENGTH / 2 : field.textLength();
        if (value.codePointCount(0, value.length()) > limit) {
            problems.add(Problem.of(path, "too_long", limit));
            return null;
        }
        if (value.indexOf('\u0000') >= 0) {
            problems.add(Problem.of(path, "invalid_characters"));
            return null;
        }
        return value;
    }

    private Object decimal(FieldDefinition field, Object raw, String path, List<Problem> problems) {
        BigDecimal value;
        if (raw instanceof BigDecimal d) {
            value = d;
        } else if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
            value = BigDecimal.valueOf(((Number) raw).longValue());
        } else if (raw instanceof BigInteger i) {
            value = new BigDecimal(i);
        } else if (raw instanceof String s && (mode == CoercionMode.LENIENT || looksNumeric(s))) {
            String cleaned = mode == CoercionMode.LENIENT ? s.trim().replace(",", "").replace("，", "") : s.trim();
            if (cleaned.isEmpty()) {
                return null;
            }
            boolean percentSign = cleaned.endsWith("%");
            if (percentSign) {
                cleaned = cleaned.substring(0, cleaned.length() - 1).trim();
            }
            try {
                value = new BigDecimal(cleaned);
            } catch (NumberFormatException e) {
                return mismatch(path, "number", raw, problems);
            }
            if (percentSign) {
                value = value.movePointLeft(2);
            }
        } else {
            return mismatch(path, "number", raw, problems);
        }
        BigDecimal normalized = value.scale() > field.effectiveScale() ? value.stripTrailingZeros() : value;
        if (normalized.scale() > field.effectiveScale()) {
            problems.add(Problem.of(path, "too_many_decimals", field.effectiveScale()));
            return null;
        }
        BigDecimal scaled = normalized.setScale(field.effectiveScale());
        int integerDigits = field.effectivePrecision() - field.effectiveScale();
        if (scaled.precision() - scaled.scale() > integerDigits) {
            problems.add(Problem.of(path, "number_too_large", integerDigits));
            return null;
        }
        return scaled;
    }

    private static boolean looksNumeric(String s) {
        return s.trim().matches("-?\\d{1,60}(\\.\\d{1,30})?");
    }

    private Object date(Object raw, String path, List<Problem> problems) {
        if (raw instanceof LocalDate d) {
            return d;
        }
        if (raw instanceof OffsetDateTime t && mode == CoercionMode.LENIENT) {
            return t.atZoneSameInstant(zone).toLocalDate();
        }
        if (!(raw instanceof String s)) {
            return mismatch(path, "date", raw, problems);
        }
        if (s.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(s.trim());
        } catch (DateTimeParseException strictFailed) {
            if (mode == CoercionMode.LENIENT) {
                String trimmed = s.trim();
                for (DateTimeFormatter format : LENIENT_DATES) {
                    try {
                        return LocalDate.parse(trimmed, format);
                    } catch (DateTimeParseException ignored) {
                        // try the next common format
                    }
                }
                if (trimmed.length() > 10) {
                    Object asDateTime = dateTime(trimmed, path, new ArrayList<>());
                    if (asDateTime instanceof OffsetDateTime t) {
                        return t.atZoneSameInstant(zone).toLocalDate();
                    }
                }
            }
            problems.add(Problem.of(path, "invalid_date", s));
            return null;
        }
    }

    private Object dateTime(Object raw, String path, List<Problem> problems) {
        if (raw instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (raw instanceof LocalDate d && mode == CoercionMode.LENIENT) {
            return d.atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (!(raw instanceof String s)) {
            return mismatch(path, "datetime", raw, problems);
        }
        if (s.isBlank()) {
            return null;
        }
        String text = s.trim();
        try {
            return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException noOffset) {
            try {
                String iso = mode == CoercionMode.LENIENT ? text.replace(' ', 'T') : text;
                return LocalDateTime.parse(iso).atZone(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                problems.add(Problem.of(path, "invalid_datetime", s));
                return null;
            }
        }
    }

    private Object bool(Object raw, String path, List<Problem> problems) {
        if (raw instanceof Boolean b) {
            return b;
        }
        if (mode == CoercionMode.LENIENT) {
            String text = String.valueOf(raw).trim().toLowerCase(Locale.ROOT);
            switch (text) {
                case "true", "yes", "y", "1", "是", "对" -> {
                    return Boolean.TRUE;
                }
                case "false", "no", "n", "0", "否", "错" -> {
                    return Boolean.FALSE;
                }
                case "" -> {
                    return null;
                }
                default -> {
                    // fall through to the mismatch below
                }
            }
        }
        return mismatch(path, "boolean", raw, problems);
    }

    private Object option(FieldDefinition field, Object raw, String path, List<Problem> problems) {
        if (!(raw instanceof String s)) {
            return mismatch(path, "option", raw, problems);
        }
        if (s.isEmpty()) {
            return null;
        }
        Optional<SelectOption> match = field.optionList().stream().filter(o -> o.key().equals(s)).findFirst();
        if (match.isEmpty() && mode == CoercionMode.LENIENT) {
            match = field.optionList().stream()
                    .filter(o -> o.label() != null && o.label().matches(s.trim())).findFirst();
        }
        if (match.isEmpty()) {
            problems.add(Problem.of(path, "unknown_option", s));
            return null;
        }
        return match.get().key();
    }

    private Object options(FieldDefinition field, Object raw, String path, List<Problem> problems) {
        List<?> items;
        if (raw instanceof List<?> list) {
            items = list;
        } else if (mode == CoercionMode.LENIENT && raw instanceof String s) {
            items = s.isBlank() ? List.of() : List.of(s.split("[,;，；]"));
        } else {
            return mismatch(path, "list", raw, problems);
        }
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            Object key = option(field, item instanceof String s && mode == CoercionMode.LENIENT ? s.trim() : item,
                    path + "[" + i + "]", problems);
            if (key != null) {
                keys.add((String) key);
            }
        }
        return keys.isEmpty() ? null : List.copyOf(keys);
    }

    private Object user(Object raw, String path, List<Problem> problems) {
        Long id = asId(raw);
        if (id == null && mode == CoercionMode.LENIENT && raw instanceof String s) {
            id = lookups.userIdByUsername(s.trim()).orElse(null);
        }
        if (id == null) {
            return mismatch(path, "user", raw, problems);
        }
        if (!lookups.userExists(id)) {
            problems.add(Problem.of(path, "unknown_user", id));
            return null;
        }
        return id;
    }

    private Object reference(FieldDefinition field, Object raw, String path, List<Problem> problems) {
        Long id = asId(raw);
        if (id == null) {
            return mismatch(path, "reference", raw, problems);
        }
        if (!lookups.recordExists(field.target(), id)) {
            problems.add(Problem.of(path, "unknown_record", field.target(), id));
            return null;
        }
        return id;
    }

    private Long asId(Object raw) {
        if (raw instanceof Integer || raw instanceof Long) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof BigDecimal d && d.signum() >= 0) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException notAnId) {
                return null;
            }
        }
        if (mode == CoercionMode.LENIENT && raw instanceof String s && s.trim().matches("\\d{1,18}")) {
            return Long.parseLong(s.trim());
        }
        return null;
    }

    private Object attachments(FieldDefinition field, Object raw, String path, List<Problem> problems) {
        List<?> items = raw instanceof List<?> list ? list : List.of(raw);
        int limit = field.storedType() == io.opensop.engine.form.FieldType.SIGNATURE ? 1 : 50;
        if (items.size() > limit) {
            problems.add(Problem.of(path, "too_many_items", limit));
            return null;
        }
        List<AttachmentRef> refs = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            Object id = item instanceof Map<?, ?> map ? map.get("id") : item;
            if (item instanceof AttachmentRef ref) {
                id = ref.id();
            }
            if (!(id instanceof String attachmentId)) {
                mismatch(path + "[" + i + "]", "attachment", item, problems);
                continue;
            }
            Optional<AttachmentRef> ref = lookups.attachment(attachmentId);
            if (ref.isEmpty()) {
                problems.add(Problem.of(path + "[" + i + "]", "unknown_attachment", attachmentId));
            } else if (ref.get().size() > field.effectiveMaxSize()) {
                problems.add(Problem.of(path + "[" + i + "]", "attachment_too_large", field.effectiveMaxSize()));
            } else {
                refs.add(ref.get());
            }
        }
        return refs.isEmpty() ? null : List.copyOf(refs);
    }

    private Object rows(FieldDefinition field, Object raw, String path, List<Problem> problems) {
        if (!(raw instanceof List<?> list)) {
            return mismatch(path, "list", raw, problems);
        }
        if (list.size() > MAX_SUB_FORM_ROWS) {
            problems.add(Problem.of(path, "too_many_items", MAX_SUB_FORM_ROWS));
            return null;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String rowPath = path + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> input)) {
                mismatch(rowPath, "object", list.get(i), problems);
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : input.entrySet()) {
                String key = String.valueOf(entry.getKey());
                Optional<FieldDefinition> column = field.subFields().stream().filter(f -> f.key().equals(key)).findFirst();
                if (column.isEmpty()) {
                    problems.add(Problem.of(rowPath + "." + key, "unknown_field", key));
                } else if (!column.get().type().clientWritable()) {
                    if (mode == CoercionMode.STRICT) {
                        problems.add(Problem.of(rowPath + "." + key, "read_only"));
                    }
                } else {
                    row.put(key, coerce(column.get(), entry.getValue(), rowPath + "." + key, problems));
                }
            }
            for (FieldDefinition column : field.subFields()) {
                if (column.requiresValue() && RecordValues.isBlank(row.get(column.key()))) {
                    problems.add(Problem.of(rowPath + "." + column.key(), "required"));
                }
            }
            rows.add(row);
        }
        return List.copyOf(rows);
    }

    private static Object mismatch(String path, String expected, Object raw, List<Problem> problems) {
        problems.add(Problem.of(path, "expected_type", expected, describe(raw)));
        return null;
    }

    private static String describe(Object raw) {
        if (raw instanceof String) {
            return "text";
        }
        if (raw instanceof Number) {
            return "number";
        }
        if (raw instanceof Boolean) {
            return "boolean";
        }
        if (raw instanceof List) {
            return "list";
        }
        if (raw instanceof Map) {
            return "object";
        }
        return raw.getClass().getSimpleName();
    }
}
