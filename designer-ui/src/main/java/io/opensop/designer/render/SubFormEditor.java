package io.opensop.designer.render;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.opensop.engine.form.FieldDefinition;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Line items: a small grid whose cells are the sub-fields' own editors, with add and remove. */
final class SubFormEditor implements FieldEditor {

    /** One line: an editor per sub-field. */
    static final class Line implements Serializable {
        final Map<String, FieldEditor> editors = new LinkedHashMap<>();

        Map<String, Object> values() {
            Map<String, Object> values = new LinkedHashMap<>();
            editors.forEach((key, editor) -> {
                if (editor.writable()) {
                    values.put(key, editor.value());
                }
            });
            return values;
        }
    }

    private final FieldDefinition field;
    private final FieldEditors factory;
    private final RenderContext context;
    private final List<Line> lines = new ArrayList<>();
    private final Grid<Line> grid = new Grid<>();
    private final LinesField component = new LinesField();

    SubFormEditor(FieldDefinition field, FieldEditors factory, RenderContext context) {
        this.field = field;
        this.factory = factory;
        this.context = context;
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        grid.addColumn(line -> lines.indexOf(line) + 1).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        for (FieldDefinition column : field.subFields()) {
            grid.addComponentColumn(line -> line.editors.get(column.key()).component())
                    .setHeader(FieldEditors.label(column, context.locale()))
                    .setKey(column.key()).setResizable(true).setAutoWidth(true);
        }
        grid.addComponentColumn(line -> {
            Button remove = new Button(VaadinIcon.TRASH.create(), click -> {
                lines.remove(line);
                grid.setItems(lines);
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            remove.setAriaLabel(RenderMessages.get(context.locale(), "render.removeLine"));
            return remove;
        }).setAutoWidth(true).setFlexGrow(0);
        Button add = new Button(RenderMessages.get(context.locale(), "render.addLine"), VaadinIcon.PLUS.create(),
                click -> addLine(Map.of()));
        add.addThemeVariants(ButtonVariant.LUMO_SMALL);
        add.getElement().setAttribute("data-action", "add-line");
        VerticalLayout body = new VerticalLayout(grid, add);
        body.setPadding(false);
        body.setSpacing(false);
        body.setWidthFull();
        component.setContent(body);
        component.setWidthFull();
    }

    Line addLine(Map<?, ?> values) {
        Line line = new Line();
        for (FieldDefinition column : field.subFields()) {
            FieldEditor editor = factory.create(column, true);
            editor.setValue(values.get(column.key()));
            line.editors.put(column.key(), editor);
        }
        lines.add(line);
        grid.setItems(lines);
        return line;
    }

    List<Line> lines() {
        return lines;
    }

    @Override
    public FieldDefinition field() {
        return field;
    }

    @Override
    public Component component() {
        return component;
    }

    @Override
    public Object value() {
        return lines.stream().map(Line::values).toList();
    }

    @Override
    public void setValue(Object value) {
        lines.clear();
        for (Object row : FieldEditors.list(value)) {
            if (row instanceof Map<?, ?> map) {
                addLine(map);
            }
        }
        grid.setItems(lines);
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public void showError(String message) {
        component.setErrorMessage(message);
        component.setInvalid(message != null);
        if (message == null) {
            lines.forEach(line -> line.editors.values().forEach(e -> e.showError(null)));
        }
    }

    /** Marks the cell of {@code lines[i].key} and returns the text for the whole field. */
    String showLineProblem(int index, String column, String message) {
        if (index >= 0 && index < lines.size() && column != null) {
            FieldEditor cell = lines.get(index).editors.get(column);
            if (cell != null) {
                cell.showError(message);
                return RenderMessages.get(context.locale(), "render.line", index + 1) + " · "
                        + FieldEditors.label(cell.field(), context.locale()) + ": " + message;
            }
        }
        return RenderMessages.get(context.locale(), "render.line", index + 1) + ": " + message;
    }

    @Override
    public String error() {
        return component.isInvalid() ? component.getErrorMessage() : null;
    }

    /** Gives the grid a label, helper and error message like any other field. */
    private final class LinesField extends CustomField<List<Map<String, Object>>> {
        void setContent(Component content) {
            add(content);
        }

        @Override
        @SuppressWarnings("unchecked")
        protected List<Map<String, Object>> generateModelValue() {
            return (List<Map<String, Object>>) SubFormEditor.this.value();
        }

        @Override
        protected void setPresentationValue(List<Map<String, Object>> value) {
            SubFormEditor.this.setValue(value);
        }
    }
}
