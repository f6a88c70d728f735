package io.opensop.designer.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dnd.DragSource;
import com.vaadin.flow.component.dnd.DropEffect;
import com.vaadin.flow.component.dnd.DropTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.i18n.LocalizedText;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The form's sections and their fields in display order. Fields are reordered by drag and drop, or with
 * the up and down buttons (keyboard users); sections have a title and 1–4 columns. Selecting a row
 * opens its properties. Titles and labels are text, never HTML.
 */
public final class FieldOutline extends Div {

    /** What the outline tells its designer: the selection or the model changed. */
    public interface Listener {
        void selected(String fieldKey);

        void changed();
    }

    private final DesignModel model;
    private final Locale locale;
    private final Listener listener;
    private String selected;

    public FieldOutline(DesignModel model, Locale locale, Listener listener) {
        this.model = model;
        this.locale = locale;
        this.listener = listener;
        getElement().setAttribute("data-testid", "outline");
        getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-s)");
        refresh();
    }

    public void select(String fieldKey) {
        selected = fieldKey;
        refresh();
    }

    public String selected() {
        return selected;
    }

    public void refresh() {
        removeAll();
        for (JsonNode section : model.sections()) {
            add(section((ObjectNode) section));
        }
        List<String> unplaced = model.unplacedFields();
        if (!unplaced.isEmpty()) {
            Div rest = new Div(new Span(DesignerText.get(locale, "outline.unplaced")));
            unplaced.forEach(key -> rest.add(row(key, null)));
            add(rest);
        }
        Button addSection = new Button(DesignerText.get(locale, "outline.addSection"), VaadinIcon.PLUS.create(),
                click -> {
                    model.addSection(LocalizedText.of("Section", "分组"));
                    refresh();
                    listener.changed();
                });
        addSection.getElement().setAttribute("data-testid", "add-section");
        addSection.addThemeVariants(ButtonVariant.LUMO_SMALL);
        add(addSection);
    }

    private Component section(ObjectNode section) {
        String sectionKey = section.path("key").asText();
        Div box = new Div();
        box.getElement().setAttribute("data-testid", "outline-section-" + sectionKey);
        box.getStyle().set("border", "1px solid var(--lumo-contrast-20pct)").set("border-radius", "var(--lumo-border-radius-m)")
                .set("padding", "var(--lumo-space-s)");
        TextField title = new TextField();
        title.setAriaLabel(DesignerText.get(locale, "outline.sectionTitle"));
        title.setValue(section.path("label").path(languageKey()).asText(section.path("label").path("en").asText("")));
        title.addValueChangeListener(e -> {
            ObjectNode label = DesignModel.child(section, "label");
            label.put(languageKey(), e.getValue());
            listener.changed();
        });
        Select<Integer> columns = new Select<>();
        columns.setItems(1, 2, 3, 4);
        columns.setAriaLabel(DesignerText.get(locale, "outline.columns"));
        columns.setItemLabelGenerator(n -> DesignerText.get(locale, "outline.columnsN", n));
        columns.setValue(Math.max(1, Math.min(4, section.path("columns").asInt(2))));
        columns.addValueChangeListener(e -> {
            section.put("columns", e.getValue());
            listener.changed();
        });
        columns.setWidth("9em");
        HorizontalLayout head = new HorizontalLayout(title, columns);
        head.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        box.add(head);
        for (String key : model.fieldsOf(sectionKey)) {
            box.add(row(key, sectionKey));
        }
        Div end = new Div(new Span(DesignerText.get(locale, "outline.dropHere")));
        end.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)")
                .set("padding", "var(--lumo-space-xs)").set("border", "1px dashed var(--lumo-contrast-20pct)");
        end.getElement().setAttribute("data-testid", "drop-end-" + sectionKey);
        dropTarget(end, sectionKey, null);
        box.add(end);
        return box;
    }

    private Component row(String key, String sectionKey) {
        ObjectNode field = model.field(key).orElseThrow();
        String label = field.path("label").path(languageKey()).asText(field.path("label").path("en").asText(key));
        Span name = new Span(label);
        name.getStyle().set("flex", "1");
        Span type = new Span(FieldType.find(field.path("type").asText()).map(t -> DesignerText.get(locale,
                "type." + t.json())).orElse(field.path("type").asText()) + " · " + key);
        type.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        Button up = icon(VaadinIcon.ARROW_UP, "outline.up", "field-up-" + key, () -> model.move(key, -1));
        Button down = icon(VaadinIcon.ARROW_DOWN, "outline.down", "field-down-" + key, () -> model.move(key, 1));
        Button remove = icon(VaadinIcon.TRASH, "outline.remove", "field-remove-" + key, () -> {
            model.removeField(key);
            if (key.equals(selected)) {
                selected = null;
                listener.selected(null);
            }
            return true;
        });
        HorizontalLayout row = new HorizontalLayout(name, type, up, down, remove);
        row.setWidthFull();
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        row.getElement().setAttribute("data-testid", "field-row-" + key);
        row.getElement().setAttribute("tabindex", "0");
        row.getStyle().set("cursor", "pointer").set("padding", "0 var(--lumo-space-xs)");
        if (key.equals(selected)) {
            row.getStyle().set("background", "var(--lumo-primary-color-10pct)");
        }
        row.addClickListener(click -> {
            selected = key;
            refresh();
            listener.selected(key);
        });
        DragSource<HorizontalLayout> drag = DragSource.create(row);
        drag.setDragData(key);
        if (sectionKey != null) {
            dropTarget(row, sectionKey, key);
        }
        return row;
    }

    private void dropTarget(Component target, String sectionKey, String beforeKey) {
        DropTarget<Component> drop = DropTarget.create(target);
        drop.setDropEffect(DropEffect.MOVE);
        drop.addDropListener(event -> event.getDragData().map(Object::toString).ifPresent(data -> {
            if (data.startsWith(FieldPalette.DRAG_PREFIX)) {
                FieldType type = FieldType.fromJson(data.substring(FieldPalette.DRAG_PREFIX.length()));
                String added = model.addField(type, sectionKey, DesignerText.typeName(type)).path("key").asText();
                model.place(added, sectionKey, beforeKey);
                selected = added;
                listener.selected(added);
            } else {
                model.place(data, sectionKey, beforeKey);
            }
            refresh();
            listener.changed();
        }));
    }

    private Button icon(VaadinIcon icon, String label, String testId, java.util.function.BooleanSupplier action) {
        return IconButtons.of(icon, DesignerText.get(locale, label), testId, action, () -> {
            refresh();
            listener.changed();
        });
    }

    private String languageKey() {
        return "zh".equals(locale.getLanguage()) ? "zh-CN" : "en";
    }
}
