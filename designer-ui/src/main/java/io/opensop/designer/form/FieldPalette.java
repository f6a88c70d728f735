package io.opensop.designer.form;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dnd.DragSource;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import io.opensop.engine.form.FieldType;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Every field type as a button: click (or Enter) adds one at the end of the selected section; a drag
 * onto the outline puts it where it is dropped.
 */
public final class FieldPalette extends Div {

    /** What a palette drag carries, so the outline can tell a new field from a moved one. */
    public static final String DRAG_PREFIX = "new:";

    public FieldPalette(Locale locale, Consumer<FieldType> onAdd) {
        addClassName("opensop-palette");
        getElement().setAttribute("data-testid", "palette");
        getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-xs)")
                .set("align-items", "flex-start");
        add(new H4(DesignerText.get(locale, "palette.title")));
        for (FieldType type : FieldType.values()) {
            Button add = new Button(DesignerText.get(locale, "type." + type.json()), click -> onAdd.accept(type));
            add.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            add.getElement().setAttribute("data-testid", "palette-" + type.json());
            add.getElement().setAttribute("title", DesignerText.get(locale, "palette.hint"));
            DragSource<Button> drag = DragSource.create(add);
            drag.setDragData(DRAG_PREFIX + type.json());
            add(add);
        }
    }
}
