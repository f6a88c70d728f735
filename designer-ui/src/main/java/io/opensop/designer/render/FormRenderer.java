package io.opensop.designer.render;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.SectionDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a form definition as Vaadin components: one editor per field, by type, laid out in the
 * definition's sections (1 to 4 columns, one column on a phone). Used by the runtime's record page
 * and by the designer's live preview; it knows the engine's metadata, not where it is shown.
 */
public final class FormRenderer {

    static final int DEFAULT_COLUMNS = 2;

    private final RenderContext context;
    private final FieldEditors editors;

    public FormRenderer(RenderContext context) {
        this.context = context;
        this.editors = new FieldEditors(context);
    }

    /** The editor of one field on its own, labelled. */
    public FieldEditor editor(FieldDefinition field) {
        return editors.create(field, false);
    }

    public RenderedForm render(FormDefinition definition) {
        Map<String, FieldEditor> byKey = new LinkedHashMap<>();
        Div root = new Div();
        root.addClassName("opensop-form");
        root.setWidthFull();
        Set<String> placed = new LinkedHashSet<>();
        List<SectionDefinition> sections = definition.sections() == null ? List.of() : definition.sections();
        for (SectionDefinition section : sections) {
            List<FieldDefinition> fields = new ArrayList<>();
            for (String key : section.fields() == null ? List.<String>of() : section.fields()) {
                definition.field(key).filter(f -> placed.add(f.key())).ifPresent(fields::add);
            }
            String title = section.label() == null ? null : section.label().in(context.locale());
            root.add(section(title, section.columns(), fields, byKey, section.key()));
        }
        List<FieldDefinition> rest = definition.fieldList().stream().filter(f -> !placed.contains(f.key())).toList();
        if (!rest.isEmpty()) {
            root.add(section(null, sections.isEmpty() ? DEFAULT_COLUMNS : DEFAULT_COLUMNS, rest, byKey, "rest"));
        }
        return new RenderedForm(root, byKey, context);
    }

    private Component section(String title, Integer columns, List<FieldDefinition> fields,
                              Map<String, FieldEditor> byKey, String key) {
        int cols = columns == null ? DEFAULT_COLUMNS : Math.max(1, Math.min(4, columns));
        Div section = new Div();
        section.addClassName("opensop-form-section");
        section.getElement().setAttribute("data-section", key == null ? "" : key);
        section.setWidthFull();
        if (title != null && !title.isBlank()) {
            section.add(new H3(title)); // text, never HTML
        }
        FormLayout layout = new FormLayout();
        layout.setResponsiveSteps(steps(cols));
        for (FieldDefinition field : fields) {
            FieldEditor editor = editors.create(field, false);
            byKey.put(field.key(), editor);
            layout.add(editor.component());
            if (wide(field)) {
                layout.setColspan(editor.component(), cols);
            }
        }
        section.add(layout);
        return section;
    }

    /** One column on a phone, more as the screen widens, never more than the section asks for. */
    static List<FormLayout.ResponsiveStep> steps(int columns) {
        List<FormLayout.ResponsiveStep> steps = new ArrayList<>();
        steps.add(new FormLayout.ResponsiveStep("0", 1));
        String[] widths = {"0", "32em", "52em", "72em"};
        for (int c = 2; c <= columns; c++) {
            steps.add(new FormLayout.ResponsiveStep(widths[c - 1], c));
        }
        return steps;
    }

    private static boolean wide(FieldDefinition field) {
        return field.type() == FieldType.LONG_TEXT || field.type() == FieldType.SUB_FORM
                || field.type() == FieldType.ATTACHMENT || field.type() == FieldType.SIGNATURE;
    }
}
