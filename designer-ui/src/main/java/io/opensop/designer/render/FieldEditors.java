package io.opensop.designer.render;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasHelper;
import com.vaadin.flow.component.HasLabel;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.SelectOption;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Builds the editor of one field by its type. */
final class FieldEditors {

    private final RenderContext context;

    FieldEditors(RenderContext context) {
        this.context = context;
    }

    FieldEditor create(FieldDefinition field, boolean inLine) {
        Locale locale = context.locale();
        FieldEditor editor = switch (field.type()) {
            case TEXT -> text(field);
            case LONG_TEXT -> longText(field);
            case NUMBER, MONEY, PERCENT -> decimal(field, field.type(), true);
            case DATE -> date(field);
            case DATETIME -> dateTime(field);
            case BOOLEAN -> bool(field);
            case SINGLE_SELECT -> singleSelect(field);
            case MULTI_SELECT -> multiSelect(field);
            case USER -> user(field);
            case REFERENCE -> reference(field);
            case SUB_FORM -> new SubFormEditor(field, this, context);
            case ATTACHMENT, SIGNATURE -> new AttachmentEditor(field, context);
            case AUTO_NUMBER, FORMULA, ROLLUP, LOOKUP -> computed(field);
        };
        Component component = editor.component();
        if (!inLine) {
            // Labels and help are user text: set as properties, rendered as text, never as HTML.
            if (component instanceof HasLabel labelled) {
                labelled.setLabel(label(field, locale));
            }
            if (component instanceof HasHelper helped && field.help() != null && !field.help().isBlank()) {
                helped.setHelperText(field.help().in(locale));
            }
        } else if (component instanceof com.vaadin.flow.component.HasAriaLabel aria) {
            aria.setAriaLabel(label(field, locale));
        }
        if (component instanceof com.vaadin.flow.component.HasValue<?, ?> value && editor.writable()) {
            value.setRequiredIndicatorVisible(field.requiresValue());
        }
        component.getElement().setAttribute("data-field", field.key());
        return editor;
    }

    static String label(FieldDefinition field, Locale locale) {
        return field.label() == null ? field.key() : field.label().in(locale);
    }

    private FieldEditor text(FieldDefinition field) {
        TextField input = new TextField();
        input.setManualValidation(true);
        input.setMaxLength(field.textLength());
        input.setClearButtonVisible(true);
        return new ValueEditor<String>(field, input, v -> v, Object::toString, true);
    }

    private FieldEditor longText(FieldDefinition field) {
        TextArea input = new TextArea();
        input.setManualValidation(true);
        input.setMaxLength(field.textLength());
        input.setMinRows(3);
        return new ValueEditor<String>(field, input, v -> v, Object::toString, true);
    }

    FieldEditor decimal(FieldDefinition field, FieldType type, boolean writable) {
        BigDecimalField input = new BigDecimalField();
        input.setManualValidation(true);
        input.setReadOnly(!writable);
        if (type == FieldType.MONEY && field.currency() != null) {
            input.setSuffixComponent(new Span(field.currency()));
        }
        input.getElement().getThemeList().add("align-right");
        if (type == FieldType.PERCENT) {
            // Percent values are fractions (0.125); people read and type 12.5 %. Moving the point is exact.
            input.setSuffixComponent(new Span("%"));
            return new ValueEditor<BigDecimal>(field, input, v -> v.movePointLeft(2),
                    v -> decimalOf(v).movePointRight(2), writable);
        }
        return new ValueEditor<BigDecimal>(field, input, v -> v, FieldEditors::decimalOf, writable);
    }

    static BigDecimal decimalOf(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Long || value instanceof Integer) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        return new BigDecimal(value.toString());
    }

    private FieldEditor date(FieldDefinition field) {
        DatePicker input = new DatePicker();
        input.setManualValidation(true);
        input.setLocale(context.locale());
        return new ValueEditor<LocalDate>(field, input, v -> v,
                v -> v instanceof LocalDate d ? d : LocalDate.parse(v.toString()), true);
    }

    private FieldEditor dateTime(FieldDefinition field) {
        DateTimePicker input = new DateTimePicker();
        input.setManualValidation(true);
        input.setLocale(context.locale());
        ZoneId zone = context.zone();
        // The engine stores instants; people see and type wall-clock time in their own zone.
        return new ValueEditor<LocalDateTime>(field, input, v -> v.atZone(zone).toOffsetDateTime(),
                v -> (v instanceof OffsetDateTime t ? t : OffsetDateTime.parse(v.toString()))
                        .atZoneSameInstant(zone).toLocalDateTime(), true);
    }

    private FieldEditor bool(FieldDefinition field) {
        Checkbox input = new Checkbox();
        input.setManualValidation(true);
        return new ValueEditor<Boolean>(field, input, v -> v, v -> Boolean.valueOf(v.toString()), true);
    }

    private FieldEditor singleSelect(FieldDefinition field) {
        ComboBox<String> input = new ComboBox<>();
        input.setManualValidation(true);
        input.setItems(field.optionList().stream().map(SelectOption::key).toList());
        input.setItemLabelGenerator(key -> optionLabel(field, key, context.locale()));
        input.setClearButtonVisible(true);
        return new ValueEditor<String>(field, input, v -> v, Object::toString, true);
    }

    private FieldEditor multiSelect(FieldDefinition field) {
        MultiSelectComboBox<String> input = new MultiSelectComboBox<>();
        input.setManualValidation(true);
        List<String> keys = field.optionList().stream().map(SelectOption::key).toList();
        input.setItems(keys);
        input.setItemLabelGenerator(key -> optionLabel(field, key, context.locale()));
        input.setClearButtonVisible(true);
        // Stored in option order, so the same choice always compares equal.
        return new ValueEditor<Set<String>>(field, input,
                v -> keys.stream().filter(v::contains).toList(),
                v -> new LinkedHashSet<>(v instanceof Collection<?> c ? c.stream().map(Object::toString).toList()
                        : List.of(v.toString())), true);
    }

    static String optionLabel(FieldDefinition field, String key, Locale locale) {
        return field.optionList().stream().filter(o -> o.key().equals(key)).findFirst()
                .map(o -> o.label() == null ? o.key() : o.label().in(locale)).orElse(key);
    }

    private FieldEditor user(FieldDefinition field) {
        ComboBox<Choice> input = new ComboBox<>();
        input.setManualValidation(true);
        List<Choice> users = context.users();
        input.setItems(users);
        input.setItemLabelGenerator(Choice::label);
        input.setClearButtonVisible(true);
        return new ValueEditor<Choice>(field, input, Choice::id, v -> {
            long id = ((Number) v).longValue();
            return users.stream().filter(c -> c.id() == id).findFirst().orElse(new Choice(id, "#" + id));
        }, true);
    }

    private FieldEditor reference(FieldDefinition field) {
        ComboBox<Choice> input = new ComboBox<>();
        input.setManualValidation(true);
        String target = field.target();
        // Searches the target form's records as the user types; only the requested window is fetched.
        input.setItems(query -> {
            int offset = query.getOffset();
            int limit = query.getLimit();
            String text = query.getFilter().orElse("");
            return context.searchRecords(target, text, Math.min(offset + limit, 500)).stream()
                    .skip(offset).limit(limit);
        });
        input.setItemLabelGenerator(Choice::label);
        input.setPlaceholder(RenderMessages.get(context.locale(), "render.search"));
        input.setClearButtonVisible(true);
        return new ValueEditor<Choice>(field, input, Choice::id, v -> {
            long id = ((Number) v).longValue();
            return context.record(target, id).orElse(new Choice(id, "#" + id));
        }, true);
    }

    private FieldEditor computed(FieldDefinition field) {
        FieldType stored = field.storedType();
        if (field.type() != FieldType.AUTO_NUMBER && stored.numeric()) {
            FieldEditor editor = decimal(field, stored, false);
            ((BigDecimalField) editor.component()).setPlaceholder(RenderMessages.get(context.locale(),
                    "render.computed"));
            return editor;
        }
        TextField input = new TextField();
        input.setReadOnly(true);
        input.setPlaceholder(RenderMessages.get(context.locale(), field.type() == FieldType.AUTO_NUMBER
                ? "render.autoNumber" : "render.computed"));
        ValueFormatter formatter = new ValueFormatter(context);
        FieldDefinition shown = field;
        return new ValueEditor<String>(field, input, v -> v, v -> formatter.format(shown, v), false);
    }

    static Map<String, Object> copy(Map<String, Object> values) {
        return values == null ? Map.of() : values;
    }

    static List<Object> list(Object value) {
        return value instanceof Collection<?> c ? new ArrayList<>(c) : new ArrayList<>();
    }
}
