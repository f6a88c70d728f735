package io.opensop.runtime.ui.record;

import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.HasPlaceholder;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import io.opensop.designer.render.Choice;
import io.opensop.designer.render.RenderContext;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.SelectOption;
import io.opensop.engine.record.FilterOperator;
import io.opensop.engine.record.RecordFilter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/** Builds the filter editor that fits a field's type: text contains, ranges, options, users, references. */
final class FieldFilters {

    /** System columns the filter bar offers besides the form's fields. */
    static final List<String> SYSTEM_FILTERS = List.of("owner", "created_at", "updated_at");

    private final RenderContext context;
    private final Locale locale;
    private final ZoneId zone;

    FieldFilters(RenderContext context) {
        this.context = context;
        this.locale = context.locale();
        this.zone = context.zone();
    }

    /** Whether a field can be filtered here (files, signatures and sub-forms cannot). */
    static boolean filterable(FieldDefinition field) {
        return switch (field.storedType()) {
            case ATTACHMENT, SIGNATURE, SUB_FORM -> false;
            default -> true;
        };
    }

    Optional<FieldFilter> forField(FieldDefinition field, String label, Runnable onRemove) {
        FieldType type = field.storedType();
        FieldFilter filter = switch (type) {
            case TEXT, LONG_TEXT, AUTO_NUMBER -> new Contains(field.key(), label);
            case NUMBER, MONEY, PERCENT -> numberRange(field.key(), label, type == FieldType.PERCENT);
            case DATE -> dateRange(field.key(), label, null);
            case DATETIME -> dateRange(field.key(), label, zone);
            case BOOLEAN -> new YesNo(field.key(), label);
            case SINGLE_SELECT, MULTI_SELECT -> new Options(field, label, locale);
            case USER -> new Choices(field.key(), label, context.users());
            case REFERENCE -> new Reference(field.key(), label, field.target(), context);
            default -> null;
        };
        if (filter == null) {
            return Optional.empty();
        }
        filter.build(onRemove);
        return Optional.of(filter);
    }

    /** Filters on {@code owner}, {@code created_at} and {@code updated_at}. */
    FieldFilter forSystem(String key, String label, Runnable onRemove) {
        FieldFilter filter = key.equals("owner") ? new Choices(key, label, context.users())
                : dateRange(key, label, zone);
        filter.build(onRemove);
        return filter;
    }

    private static String first(List<RecordFilter> saved, FilterOperator operator) {
        return saved.stream().filter(f -> f.operator() == operator && !f.values().isEmpty()).map(f -> f.values().get(0))
                .findFirst().orElse(null);
    }

    private static List<String> all(List<RecordFilter> saved, FilterOperator... operators) {
        Set<String> values = new LinkedHashSet<>();
        Set<FilterOperator> wanted = Set.of(operators);
        saved.stream().filter(f -> wanted.contains(f.operator())).forEach(f -> values.addAll(f.values()));
        return new ArrayList<>(values);
    }

    private static final class Contains extends FieldFilter {
        private final TextField text = new TextField();

        Contains(String key, String label) {
            super(key, label);
        }

        @Override
        void build(Runnable onRemove) {
            text.setPlaceholder(getTranslation("op.contains"));
            text.setClearButtonVisible(true);
            addEditors(onRemove, text);
        }

        @Override
        List<RecordFilter> filters() {
            String value = text.getValue().trim();
            return value.isEmpty() ? List.of() : List.of(new RecordFilter(key(), FilterOperator.CONTAINS, List.of(value)));
        }

        @Override
        void show(List<RecordFilter> saved) {
            String value = first(saved, FilterOperator.CONTAINS);
            text.setValue(value == null ? "" : value);
        }
    }

    /** One end of a range: the operator it filters with and how a typed value is stored and shown again. */
    private record Bound<T>(FilterOperator operator, Function<T, String> stored, Function<String, T> shown) {
    }

    /** A "from … to …" pair of editors: each filled end becomes one filter. */
    private static final class Range<T, E extends AbstractField<E, T> & HasPlaceholder> extends FieldFilter {
        private final E from;
        private final E to;
        private final Bound<T> lower;
        private final Bound<T> upper;

        Range(String key, String label, Supplier<E> editor, Bound<T> lower, Bound<T> upper) {
            super(key, label);
            this.from = editor.get();
            this.to = editor.get();
            this.lower = lower;
            this.upper = upper;
        }

        @Override
        void build(Runnable onRemove) {
            addRange(onRemove, from, to);
        }

        @Override
        List<RecordFilter> filters() {
            List<RecordFilter> filters = new ArrayList<>();
            if (from.getValue() != null) {
                filters.add(new RecordFilter(key(), lower.operator(), List.of(lower.stored().apply(from.getValue()))));
            }
            if (to.getValue() != null) {
                filters.add(new RecordFilter(key(), upper.operator(), List.of(upper.stored().apply(to.getValue()))));
            }
            return filters;
        }

        @Override
        void show(List<RecordFilter> saved) {
            from.setValue(shown(saved, lower));
            to.setValue(shown(saved, upper));
        }

        private static <T> T shown(List<RecordFilter> saved, Bound<T> bound) {
            String stored = first(saved, bound.operator());
            return stored == null ? null : bound.shown().apply(stored);
        }
    }

    /** Percentages are typed as shown (12 for 12 %) and stored as fractions. */
    private static Range<BigDecimal, BigDecimalField> numberRange(String key, String label, boolean percent) {
        Function<BigDecimal, String> stored = shown -> (percent ? shown.movePointLeft(2) : shown).toPlainString();
        Function<String, BigDecimal> shown = value -> percent ? new BigDecimal(value).movePointRight(2)
                : new BigDecimal(value);
        return new Range<>(key, label, BigDecimalField::new, new Bound<>(FilterOperator.GE, stored, shown),
                new Bound<>(FilterOperator.LE, stored, shown));
    }

    /**
     * Whole days: a date field directly (both ends inclusive); a point in time from the start of the first
     * day in the user's zone up to, not including, the start of the day after the last.
     */
    private static Range<LocalDate, DatePicker> dateRange(String key, String label, ZoneId zone) {
        if (zone == null) {
            return new Range<>(key, label, DatePicker::new,
                    new Bound<>(FilterOperator.GE, LocalDate::toString, LocalDate::parse),
                    new Bound<>(FilterOperator.LE, LocalDate::toString, LocalDate::parse));
        }
        Function<LocalDate, String> dayStart = day -> day.atStartOfDay(zone).toOffsetDateTime().toString();
        Function<String, LocalDate> dayOf = value -> OffsetDateTime.parse(value).atZoneSameInstant(zone).toLocalDate();
        return new Range<>(key, label, DatePicker::new, new Bound<>(FilterOperator.GE, dayStart, dayOf),
                new Bound<>(FilterOperator.LT, day -> dayStart.apply(day.plusDays(1)),
                        value -> dayOf.apply(value).minusDays(1)));
    }

    private static final class YesNo extends FieldFilter {
        private final Select<Boolean> choice = new Select<>();

        YesNo(String key, String label) {
            super(key, label);
        }

        @Override
        void build(Runnable onRemove) {
            choice.setItems(true, false);
            choice.setItemLabelGenerator(b -> getTranslation(b ? "list.filter.yes" : "list.filter.no"));
            addEditors(onRemove, choice);
        }

        @Override
        List<RecordFilter> filters() {
            return choice.getValue() == null ? List.of()
                    : List.of(new RecordFilter(key(), FilterOperator.EQ, List.of(choice.getValue().toString())));
        }

        @Override
        void show(List<RecordFilter> saved) {
            String value = first(saved, FilterOperator.EQ);
            choice.setValue(value == null ? null : Boolean.valueOf(value));
        }
    }

    /** Any of the chosen options; for a multi-select field, records holding every chosen option. */
    private static final class Options extends FieldFilter {
        private final MultiSelectComboBox<SelectOption> options = new MultiSelectComboBox<>();
        private final FieldDefinition field;
        private final Locale locale;

        Options(FieldDefinition field, String label, Locale locale) {
            super(field.key(), label);
            this.field = field;
            this.locale = locale;
        }

        @Override
        void build(Runnable onRemove) {
            options.setItems(field.optionList());
            options.setItemLabelGenerator(o -> o.label() == null ? o.key() : o.label().in(locale));
            options.getElement().setAttribute("data-testid", "filter-" + key() + "-options");
            addEditors(onRemove, options);
        }

        @Override
        List<RecordFilter> filters() {
            List<String> keys = field.optionList().stream().filter(options.getSelectedItems()::contains)
                    .map(SelectOption::key).toList();
            if (keys.isEmpty()) {
                return List.of();
            }
            if (field.storedType() == FieldType.MULTI_SELECT) {
                return keys.stream().map(k -> new RecordFilter(key(), FilterOperator.CONTAINS, List.of(k))).toList();
            }
            return List.of(new RecordFilter(key(), FilterOperator.IN, keys));
        }

        @Override
        void show(List<RecordFilter> saved) {
            List<String> keys = all(saved, FilterOperator.IN, FilterOperator.CONTAINS, FilterOperator.EQ);
            options.setValue(field.optionList().stream().filter(o -> keys.contains(o.key())).toList());
        }
    }

    /** Users (or the owner): any of the chosen ones. */
    private static final class Choices extends FieldFilter {
        private final MultiSelectComboBox<Choice> people = new MultiSelectComboBox<>();
        private final List<Choice> all;

        Choices(String key, String label, List<Choice> all) {
            super(key, label);
            this.all = all;
        }

        @Override
        void build(Runnable onRemove) {
            people.setItems(all);
            people.setItemLabelGenerator(Choice::label);
            addEditors(onRemove, people);
        }

        @Override
        List<RecordFilter> filters() {
            List<String> ids = people.getSelectedItems().stream().map(c -> String.valueOf(c.id())).toList();
            return ids.isEmpty() ? List.of() : List.of(new RecordFilter(key(), FilterOperator.IN, ids));
        }

        @Override
        void show(List<RecordFilter> saved) {
            List<String> ids = all(saved, FilterOperator.IN, FilterOperator.EQ);
            people.setValue(all.stream().filter(c -> ids.contains(String.valueOf(c.id()))).toList());
        }
    }

    /** One record of the target form, found by typing part of its title (the target's own list, as the user). */
    private static final class Reference extends FieldFilter {
        private final ComboBox<Choice> record = new ComboBox<>();
        private final String target;
        private final RenderContext context;

        Reference(String key, String label, String target, RenderContext context) {
            super(key, label);
            this.target = target;
            this.context = context;
        }

        @Override
        void build(Runnable onRemove) {
            record.setItemLabelGenerator(Choice::label);
            record.setItems(query -> context.searchRecords(target, query.getFilter().orElse(""),
                    query.getOffset() + query.getLimit()).stream().skip(query.getOffset()).limit(query.getLimit()));
            addEditors(onRemove, record);
        }

        @Override
        List<RecordFilter> filters() {
            return record.getValue() == null ? List.of()
                    : List.of(new RecordFilter(key(), FilterOperator.EQ, List.of(String.valueOf(record.getValue().id()))));
        }

        @Override
        void show(List<RecordFilter> saved) {
            String id = first(saved, FilterOperator.EQ);
            record.setValue(id == null ? null : context.record(target, Long.parseLong(id)).orElse(null));
        }
    }
}
