package io.opensop.designer.render;

import io.opensop.engine.attachment.AttachmentRef;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns stored values into the text shown in lists, history and read-only fields: localized
 * option labels, user names, record titles, datetimes in the reader's zone, decimals exact.
 * Keeps the names it looked up, so one formatter per page asks once per id.
 */
public final class ValueFormatter implements java.io.Serializable {

    private final RenderContext context;
    private final Map<Long, String> userNames = new HashMap<>();
    private final Map<String, String> recordTitles = new HashMap<>();
    private boolean usersLoaded;

    public ValueFormatter(RenderContext context) {
        this.context = context;
    }

    public String format(FieldDefinition field, Object value) {
        if (value == null) {
            return "";
        }
        Locale locale = context.locale();
        FieldType type = field.type().computed() ? field.storedType() : field.type();
        return switch (type) {
            case NUMBER, MONEY -> decimal(FieldEditors.decimalOf(value), locale)
                    + (type == FieldType.MONEY && field.currency() != null ? " " + field.currency() : "");
            case PERCENT -> decimal(FieldEditors.decimalOf(value).movePointRight(2), locale) + " %";
            case DATE -> value instanceof LocalDate d
                    ? d.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale))
                    : value.toString();
            case DATETIME -> value instanceof OffsetDateTime t
                    ? t.atZoneSameInstant(context.zone())
                    .format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                            .withLocale(locale))
                    : value.toString();
            case BOOLEAN -> RenderMessages.get(locale, Boolean.parseBoolean(value.toString()) ? "render.yes"
                    : "render.no");
            case SINGLE_SELECT -> FieldEditors.optionLabel(field, value.toString(), locale);
            case MULTI_SELECT -> value instanceof Collection<?> keys ? keys.stream()
                    .map(k -> FieldEditors.optionLabel(field, k.toString(), locale))
                    .collect(Collectors.joining(", ")) : value.toString();
            case USER -> value instanceof Number n ? userName(n.longValue()) : value.toString();
            case REFERENCE -> value instanceof Number n ? recordTitle(field.target(), n.longValue()) : value.toString();
            case ATTACHMENT, SIGNATURE -> value instanceof Collection<?> refs ? refs.stream()
                    .map(r -> r instanceof AttachmentRef ref ? ref.name() : String.valueOf(r))
                    .collect(Collectors.joining(", ")) : value.toString();
            case SUB_FORM -> value instanceof Collection<?> lines
                    ? RenderMessages.get(locale, "render.lines", lines.size()) : "";
            default -> value.toString();
        };
    }

    /** Grouped digits, every stored decimal kept (no rounding). */
    static String decimal(BigDecimal value, Locale locale) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(Math.max(0, value.scale()));
        format.setMaximumFractionDigits(Math.max(0, value.scale()));
        return format.format(value);
    }

    private String userName(long id) {
        if (!usersLoaded) {
            context.users().forEach(c -> userNames.put(c.id(), c.label()));
            usersLoaded = true;
        }
        return userNames.getOrDefault(id, "#" + id);
    }

    private String recordTitle(String target, long id) {
        return recordTitles.computeIfAbsent(target + "/" + id,
                k -> context.record(target, id).map(Choice::label).orElse("#" + id));
    }
}
