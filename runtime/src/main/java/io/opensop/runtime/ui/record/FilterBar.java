package io.opensop.runtime.ui.record;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.select.Select;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.record.RecordFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The list's filters: "add a filter" on any field the user may see (or owner / created / updated), one
 * editor per field that fits its type, Apply and Clear. All filters are ANDed by the engine.
 */
final class FilterBar extends FlexLayout {

    private final Map<String, FieldDefinition> fields = new LinkedHashMap<>();
    private final Function<String, String> labels;
    private final FieldFilters factory;
    private final Consumer<List<RecordFilter>> onApply;
    private final List<FieldFilter> active = new ArrayList<>();
    private final FlexLayout chips = new FlexLayout();
    private final Select<String> add = new Select<>();

    /**
     * @param labels the column label of a field key or system column
     */
    FilterBar(List<FieldDefinition> visibleFields, Function<String, String> labels, FieldFilters factory,
              Consumer<List<RecordFilter>> onApply) {
        this.labels = labels;
        this.factory = factory;
        this.onApply = onApply;
        visibleFields.stream().filter(FieldFilters::filterable).forEach(f -> fields.put(f.key(), f));
        List<String> keys = new ArrayList<>(fields.keySet());
        keys.addAll(FieldFilters.SYSTEM_FILTERS);
        add.setItems(keys);
        add.setItemLabelGenerator(labels::apply);
        add.setPlaceholder(getTranslation("list.filter.add"));
        add.setAriaLabel(getTranslation("list.filter.add"));
        add.getElement().setAttribute("data-testid", "filter-add");
        add.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                addFilter(e.getValue());
                add.clear();
            }
        });
        Button apply = new Button(getTranslation("list.filter.apply"), VaadinIcon.FILTER.create(),
                click -> onApply.accept(filters()));
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_CONTRAST);
        apply.getElement().setAttribute("data-testid", "filter-apply");
        Button clear = new Button(getTranslation("list.filter.clear"), click -> {
            show(List.of());
            onApply.accept(List.of());
        });
        clear.getElement().setAttribute("data-testid", "filter-clear");
        chips.setFlexWrap(FlexWrap.WRAP);
        chips.getStyle().set("gap", "var(--lumo-space-s)");
        add(chips, add, apply, clear);
        setFlexWrap(FlexWrap.WRAP);
        setAlignItems(FlexComponent.Alignment.BASELINE);
        getStyle().set("gap", "var(--lumo-space-s)");
        getElement().setAttribute("data-testid", "filter-bar");
    }

    /** The engine filters for everything entered now. */
    List<RecordFilter> filters() {
        return active.stream().flatMap(f -> f.filters().stream()).toList();
    }

    /** Replaces the editors with saved filters (from a saved view); unknown fields are dropped. */
    void show(List<RecordFilter> saved) {
        active.clear();
        chips.removeAll();
        Map<String, List<RecordFilter>> byField = new LinkedHashMap<>();
        saved.forEach(f -> byField.computeIfAbsent(f.field(), k -> new ArrayList<>()).add(f));
        byField.forEach((key, filters) -> addFilter(key).ifPresent(editor -> editor.show(filters)));
    }

    private Optional<FieldFilter> addFilter(String key) {
        Optional<FieldFilter> existing = active.stream().filter(f -> f.key().equals(key)).findFirst();
        if (existing.isPresent()) {
            return existing;
        }
        FieldFilter[] created = new FieldFilter[1];
        Runnable remove = () -> {
            active.remove(created[0]);
            chips.remove(created[0]);
        };
        Optional<FieldFilter> editor = fields.containsKey(key)
                ? factory.forField(fields.get(key), labels.apply(key), remove)
                : FieldFilters.SYSTEM_FILTERS.contains(key)
                ? Optional.of(factory.forSystem(key, labels.apply(key), remove)) : Optional.empty();
        editor.ifPresent(e -> {
            created[0] = e;
            active.add(e);
            chips.add(e);
        });
        return editor;
    }
}
