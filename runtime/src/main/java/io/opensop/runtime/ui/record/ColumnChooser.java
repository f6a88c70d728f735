package io.opensop.runtime.ui.record;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.checkbox.CheckboxGroupVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** "Columns": which of the grid's columns are shown; at least one stays. */
final class ColumnChooser extends Button {

    private final Grid<?> grid;
    private final List<String> keys;

    ColumnChooser(Grid<?> grid, List<String> keys, Function<String, String> labels, Runnable onChange) {
        super(VaadinIcon.GRID_H.create());
        this.grid = grid;
        this.keys = List.copyOf(keys);
        setText(getTranslation("list.columns"));
        getElement().setAttribute("data-testid", "columns");
        addClickListener(click -> {
            Dialog dialog = new Dialog();
            dialog.setHeaderTitle(getTranslation("list.columns"));
            CheckboxGroup<String> group = new CheckboxGroup<>();
            group.addThemeVariants(CheckboxGroupVariant.LUMO_VERTICAL);
            group.setItems(this.keys);
            group.setItemLabelGenerator(labels::apply);
            group.setValue(new LinkedHashSet<>(visible()));
            group.getElement().setAttribute("data-testid", "columns-choice");
            group.addValueChangeListener(e -> {
                if (e.getValue().isEmpty()) {
                    group.setValue(e.getOldValue());
                    return;
                }
                show(List.copyOf(e.getValue()));
                onChange.run();
            });
            dialog.add(group);
            dialog.getFooter().add(new Button(getTranslation("list.view.close"), c -> dialog.close()));
            dialog.open();
        });
    }

    /** The shown columns in grid order. */
    List<String> visible() {
        return keys.stream().filter(k -> grid.getColumnByKey(k).isVisible()).toList();
    }

    /** Shows exactly these columns (all when empty or none is known). */
    void show(List<String> shown) {
        Set<String> wanted = Set.copyOf(shown);
        boolean any = keys.stream().anyMatch(wanted::contains);
        keys.forEach(k -> grid.getColumnByKey(k).setVisible(!any || wanted.contains(k)));
    }
}
