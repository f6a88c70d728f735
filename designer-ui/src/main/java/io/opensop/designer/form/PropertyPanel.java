package io.opensop.designer.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.opensop.designer.formula.FormulaEditor;
import io.opensop.designer.formula.FormulaSource;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormAccess;
import io.opensop.engine.rules.FormulaTools.FieldUse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The properties of the selected field, by type: labels and help in English and Chinese, key, default,
 * required / visible / read-only conditions (checked formulas), options, precision, currency, reference
 * target, sub-form columns, formula and result type, field permissions by role, and which formulas
 * read the field. Every edit goes straight into the {@link DesignModel}; the designer re-renders the
 * preview on {@link Runnable changed}.
 */
public final class PropertyPanel extends Div {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<FieldType> RESULT_TYPES = List.of(FieldType.TEXT, FieldType.NUMBER, FieldType.MONEY,
            FieldType.PERCENT, FieldType.DATE, FieldType.DATETIME, FieldType.BOOLEAN);

    /** What the panel needs besides the model. */
    public interface Context {
        FormulaSource formulas();

        /** Form keys a reference may point to. */
        List<String> forms();

        /** Roles field permissions may name. */
        List<String> roles();

        /** Formulas, conditions and rules that read a field. */
        List<FieldUse> usesOf(String fieldKey);

        /** Whether the key was published already (then it may not change: data is stored under it). */
        boolean published(String fieldKey);
    }

    private final DesignModel model;
    private final Locale locale;
    private final Context context;
    private final Runnable changed;
    private ObjectNode field;

    public PropertyPanel(DesignModel model, Locale locale, Context context, Runnable changed) {
        this.model = model;
        this.locale = locale;
        this.context = context;
        this.changed = changed;
        getElement().setAttribute("data-testid", "properties");
        getStyle().set("display", "flex").set("flex-direction", "column");
        show(null);
    }

    /** Shows the properties of one field, or a hint when none is selected. */
    public void show(String fieldKey) {
        removeAll();
        field = fieldKey == null ? null : model.field(fieldKey).orElse(null);
        if (field == null) {
            add(new Span(DesignerText.get(locale, "props.none")));
            return;
        }
        FieldType type = FieldType.fromJson(field.path("type").asText());
        add(new H4(DesignerText.get(locale, "props.title", DesignerText.get(locale, "type." + type.json()))));
        add(keyField(), typeField(type));
        add(localized("label", "en"), localized("label", "zh-CN"), localized("help", "en"), localized("help", "zh-CN"));
        switch (type) {
            case TEXT -> add(integer("maxLength"));
            case NUMBER, PERCENT -> add(integer("precision"), integer("scale"));
            case MONEY -> add(integer("precision"), integer("scale"), text("currency"));
            case SINGLE_SELECT, MULTI_SELECT -> add(options());
            case REFERENCE -> add(target());
            case SUB_FORM -> add(columns());
            case AUTO_NUMBER -> add(text("pattern"));
            case FORMULA, LOOKUP -> add(resultType(), formula("formula", FieldType.fromJson(field.path("resultType")
                    .asText("number"))), integer("scale"));
            case ROLLUP -> add(resultType(), rollupForm(), rollupText("reference"), aggregate(), rollupText("field"),
                    rollupText("filter"), integer("scale"));
            default -> {
            }
        }
        if (type.clientWritable()) {
            add(defaultValue(type), checkbox("required"));
            if (type == FieldType.TEXT || type.numeric()) {
                add(checkbox("unique"));
            }
            add(formula("requiredWhen", FieldType.BOOLEAN), formula("readOnlyWhen", FieldType.BOOLEAN));
        }
        if (storedType(type).sortable()) {
            Checkbox indexed = (Checkbox) checkbox("indexed");
            indexed.setHelperText(DesignerText.get(locale, "props.indexedHelp"));
            add(indexed);
        }
        add(formula("visibleWhen", FieldType.BOOLEAN));
        add(permissions(), uses());
    }

    /** What a field stores: the result type of a computed field (the engine's {@code storedType}). */
    private FieldType storedType(FieldType type) {
        return type.computed() ? FieldType.find(field.path("resultType").asText("")).orElse(type) : type;
    }

    private Component keyField() {
        String key = field.path("key").asText();
        TextField input = new TextField(DesignerText.get(locale, "props.key"));
        input.setValue(key);
        input.getElement().setAttribute("data-testid", "prop-key");
        if (context.published(key)) {
            input.setReadOnly(true);
            input.setHelperText(DesignerText.get(locale, "props.keyPublished"));
        }
        input.addValueChangeListener(e -> {
            String to = e.getValue().strip();
            if (!to.isEmpty() && !to.equals(field.path("key").asText()) && model.field(to).isEmpty()) {
                model.renameField(field.path("key").asText(), to);
                changed.run();
            }
        });
        return input;
    }

    /**
     * Changing a type keeps the key, so stored values are converted on publish: the publish preview says
     * how many would not convert, and the engine refuses such a publish.
     */
    private Component typeField(FieldType current) {
        Select<FieldType> select = new Select<>();
        select.setLabel(DesignerText.get(locale, "props.type"));
        select.setItems(FieldType.values());
        select.setItemLabelGenerator(t -> DesignerText.get(locale, "type." + t.json()));
        select.setValue(current);
        select.getElement().setAttribute("data-testid", "prop-type");
        select.addValueChangeListener(e -> {
            if (e.getValue() != null && e.getValue() != e.getOldValue()) {
                field.put("type", e.getValue().json());
                changed.run();
                show(field.path("key").asText()); // other properties apply now
            }
        });
        return select;
    }

    private Component localized(String attribute, String language) {
        TextField input = new TextField(DesignerText.get(locale, "props." + attribute + "." + language));
        input.setValue(field.path(attribute).path(language).asText(""));
        input.getElement().setAttribute("data-testid", "prop-" + attribute + "-" + language);
        input.addValueChangeListener(e -> {
            ObjectNode text = DesignModel.child(field, attribute);
            if (e.getValue().isBlank()) {
                text.remove(language);
            } else {
                text.put(language, e.getValue());
            }
            if (text.isEmpty()) {
                field.remove(attribute);
            }
            changed.run();
        });
        return input;
    }

    private Component text(String attribute) {
        TextField input = new TextField(DesignerText.get(locale, "props." + attribute));
        input.setValue(field.path(attribute).asText(""));
        input.getElement().setAttribute("data-testid", "prop-" + attribute);
        input.addValueChangeListener(e -> {
            setOrRemove(attribute, e.getValue().isBlank() ? null : JSON.textNode(e.getValue().strip()));
        });
        return input;
    }

    private Component integer(String attribute) {
        IntegerField input = new IntegerField(DesignerText.get(locale, "props." + attribute));
        if (field.has(attribute)) {
            input.setValue(field.get(attribute).asInt());
        }
        input.getElement().setAttribute("data-testid", "prop-" + attribute);
        input.addValueChangeListener(e -> setOrRemove(attribute, e.getValue() == null ? null
                : JSON.numberNode(e.getValue())));
        return input;
    }

    private Component checkbox(String attribute) {
        Checkbox input = new Checkbox(DesignerText.get(locale, "props." + attribute));
        input.setValue(field.path(attribute).asBoolean(false));
        input.getElement().setAttribute("data-testid", "prop-" + attribute);
        input.addValueChangeListener(e -> setOrRemove(attribute, e.getValue() ? JSON.booleanNode(true) : null));
        return input;
    }

    private Component formula(String attribute, FieldType resultType) {
        FormulaEditor editor = new FormulaEditor(DesignerText.get(locale, "props." + attribute), context.formulas(),
                locale, resultType, "prop-" + attribute);
        editor.setValue(field.path(attribute).asText(""));
        editor.addChangeListener(text -> setOrRemove(attribute, text.isBlank() ? null : JSON.textNode(text)));
        return editor;
    }

    private Component resultType() {
        Select<FieldType> select = new Select<>();
        select.setLabel(DesignerText.get(locale, "props.resultType"));
        select.setItems(RESULT_TYPES);
        select.setItemLabelGenerator(t -> DesignerText.get(locale, "type." + t.json()));
        select.setValue(FieldType.find(field.path("resultType").asText("number")).orElse(FieldType.NUMBER));
        select.getElement().setAttribute("data-testid", "prop-resultType");
        select.addValueChangeListener(e -> {
            field.put("resultType", e.getValue().json());
            changed.run();
            show(field.path("key").asText()); // the formula's expected type changed
        });
        return select;
    }

    /** The child form a roll-up aggregates. */
    private Component rollupForm() {
        ComboBox<String> input = new ComboBox<>(DesignerText.get(locale, "props.rollup.form"));
        input.setItems(context.forms());
        input.setValue(field.path("rollup").path("form").asText(null));
        input.getElement().setAttribute("data-testid", "prop-rollup-form");
        input.addValueChangeListener(e -> setRollup("form", e.getValue()));
        return input;
    }

    /** Reference (child field pointing back here), aggregated field and filter (a formula over the child). */
    private Component rollupText(String attribute) {
        TextField input = new TextField(DesignerText.get(locale, "props.rollup." + attribute));
        input.setValue(field.path("rollup").path(attribute).asText(""));
        input.getElement().setAttribute("data-testid", "prop-rollup-" + attribute);
        input.addValueChangeListener(e -> setRollup(attribute, e.getValue().strip()));
        return input;
    }

    private Component aggregate() {
        Select<String> input = new Select<>();
        input.setLabel(DesignerText.get(locale, "props.rollup.aggregate"));
        input.setItems(Arrays.stream(io.opensop.engine.form.RollupDefinition.Aggregate.values()).map(Enum::name).toList());
        input.setValue(field.path("rollup").path("aggregate").asText("COUNT"));
        input.getElement().setAttribute("data-testid", "prop-rollup-aggregate");
        input.addValueChangeListener(e -> setRollup("aggregate", e.getValue()));
        return input;
    }

    private void setRollup(String attribute, String value) {
        ObjectNode rollup = DesignModel.child(field, "rollup");
        if (value == null || value.isBlank()) {
            rollup.remove(attribute);
        } else {
            rollup.put(attribute, value);
        }
        changed.run();
    }

    private Component defaultValue(FieldType type) {
        TextField input = new TextField(DesignerText.get(locale, "props.defaultValue"));
        JsonNode current = field.get("defaultValue");
        input.setValue(current == null ? "" : current.isTextual() ? current.asText() : current.toString());
        input.getElement().setAttribute("data-testid", "prop-defaultValue");
        input.addValueChangeListener(e -> setOrRemove("defaultValue", defaultNode(type, e.getValue().strip())));
        return input;
    }

    /** Numbers and booleans are stored as JSON numbers and booleans, everything else as text. */
    static JsonNode defaultNode(FieldType type, String text) {
        if (text.isEmpty()) {
            return null;
        }
        if (type.numeric()) {
            try {
                return JSON.numberNode(new BigDecimal(text));
            } catch (NumberFormatException notANumber) {
                return JSON.textNode(text); // the engine's validator says why
            }
        }
        if (type == FieldType.BOOLEAN && ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text))) {
            return JSON.booleanNode(Boolean.parseBoolean(text.toLowerCase(Locale.ROOT)));
        }
        return JSON.textNode(text);
    }

    private Component options() {
        TextArea input = new TextArea(DesignerText.get(locale, "props.options"));
        input.setHelperText(DesignerText.get(locale, "props.optionsHelp"));
        input.setValue(PropertyLines.optionsText(field.path("options")));
        input.getElement().setAttribute("data-testid", "prop-options");
        input.setWidthFull();
        input.addValueChangeListener(e -> setOrRemove("options", PropertyLines.options(e.getValue())));
        return input;
    }

    private Component columns() {
        TextArea input = new TextArea(DesignerText.get(locale, "props.columns"));
        input.setHelperText(DesignerText.get(locale, "props.columnsHelp"));
        input.setValue(PropertyLines.columnsText(field.path("fields")));
        input.getElement().setAttribute("data-testid", "prop-columns");
        input.setWidthFull();
        input.addValueChangeListener(e -> setOrRemove("fields", PropertyLines.columns(e.getValue(),
                field.path("fields"))));
        return input;
    }

    private Component target() {
        ComboBox<String> input = new ComboBox<>(DesignerText.get(locale, "props.target"));
        List<String> forms = new ArrayList<>(context.forms());
        if (field.hasNonNull("target") && !forms.contains(field.get("target").asText())) {
            forms.add(field.get("target").asText());
        }
        input.setItems(forms);
        input.setValue(field.path("target").asText(null));
        input.getElement().setAttribute("data-testid", "prop-target");
        input.addValueChangeListener(e -> setOrRemove("target", e.getValue() == null ? null
                : JSON.textNode(e.getValue())));
        return input;
    }

    /** One level per role; "editable" is the default and is not stored. */
    private Component permissions() {
        Div box = new Div(new H4(DesignerText.get(locale, "props.permissions")));
        box.getElement().setAttribute("data-testid", "prop-permissions");
        String key = field.path("key").asText();
        for (String role : context.roles()) {
            Select<String> level = new Select<>();
            level.setLabel(role);
            level.setItems(Arrays.asList("editable", "read_only", "hidden"));
            level.setItemLabelGenerator(l -> DesignerText.get(locale, "props.access." + l));
            level.setValue(model.document().path("access").path("fields").path(role).path(key).asText("editable"));
            level.getElement().setAttribute("data-testid", "prop-access-" + role);
            level.addValueChangeListener(e -> {
                setAccess(role, field.path("key").asText(), e.getValue());
                changed.run();
            });
            box.add(level);
        }
        return box;
    }

    private void setAccess(String role, String key, String level) {
        ObjectNode access = DesignModel.child(model.document(), "access");
        ObjectNode byRole = DesignModel.child(DesignModel.child(access, "fields"), role);
        if (level == null || "editable".equals(level) || !FormAccess.FIELD_LEVELS.contains(level)) {
            byRole.remove(key);
        } else {
            byRole.put(key, level);
        }
        if (byRole.isEmpty()) {
            ((ObjectNode) access.get("fields")).remove(role);
        }
        if (access.path("fields").isEmpty()) {
            access.remove("fields");
        }
        if (access.isEmpty()) {
            model.document().remove("access");
        }
    }

    private Component uses() {
        Div box = new Div();
        box.getElement().setAttribute("data-testid", "prop-uses");
        List<FieldUse> uses = context.usesOf(field.path("key").asText());
        Function<FieldUse, String> shown = use -> DesignerText.get(locale, "props.use." + use.attribute(), use.owner());
        box.add(new Span(uses.isEmpty() ? DesignerText.get(locale, "props.usedByNone")
                : DesignerText.get(locale, "props.usedBy", String.join(", ", uses.stream().map(shown).toList()))));
        return box;
    }

    private void setOrRemove(String attribute, JsonNode value) {
        if (field == null) {
            return;
        }
        if (value == null) {
            field.remove(attribute);
        } else {
            field.set(attribute, value);
        }
        changed.run();
    }
}
