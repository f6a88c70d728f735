package io.opensop.designer.formula;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.opensop.designer.form.DesignModel;
import io.opensop.designer.form.DesignerText;
import io.opensop.designer.form.IconButtons;
import io.opensop.engine.form.FieldType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The rules of a form: each an expression that must hold (checked as typed), a message in English and
 * Chinese, the fields it blames and its scope: always, on entering a stage, or on a task.
 */
public final class RuleList extends Div {

    private final ArrayNode rules;
    private final FormulaSource formulas;
    private final Locale locale;
    private final Supplier<List<String>> fieldKeys;
    private final Supplier<List<String>> scopes;
    private final Runnable changed;

    /**
     * @param scopes the scopes offered besides {@code always}: {@code stage:<key>} per pipeline stage, and
     *               whatever task scopes the rules already use
     */
    public RuleList(ArrayNode rules, FormulaSource formulas, Locale locale, Supplier<List<String>> fieldKeys,
                    Supplier<List<String>> scopes, Runnable changed) {
        this.rules = rules;
        this.formulas = formulas;
        this.locale = locale;
        this.fieldKeys = fieldKeys;
        this.scopes = scopes;
        this.changed = changed;
        getElement().setAttribute("data-testid", "rules");
        refresh();
    }

    public void refresh() {
        removeAll();
        for (int i = 0; i < rules.size(); i++) {
            add(rule((ObjectNode) rules.get(i), i));
        }
        Button add = new Button(DesignerText.get(locale, "rules.add"), VaadinIcon.PLUS.create(), click -> {
            String key = freeKey();
            ObjectNode rule = rules.addObject();
            rule.put("key", key);
            rule.put("expression", "TRUE");
            rule.putObject("message").put("en", "Please check this record").put("zh-CN", "请检查此记录");
            refresh();
            changed.run();
        });
        add.getElement().setAttribute("data-testid", "add-rule");
        add(add);
    }

    private Component rule(ObjectNode rule, int index) {
        Div box = new Div();
        box.getElement().setAttribute("data-testid", "rule-" + index);
        box.getStyle().set("border", "1px solid var(--lumo-contrast-20pct)").set("border-radius", "var(--lumo-border-radius-m)")
                .set("padding", "var(--lumo-space-s)").set("margin-bottom", "var(--lumo-space-s)");
        TextField key = text(DesignerText.get(locale, "rules.key"), rule.path("key").asText(""), "rule-key-" + index);
        key.addValueChangeListener(e -> {
            rule.put("key", e.getValue().strip());
            changed.run();
        });
        FormulaEditor expression = new FormulaEditor(DesignerText.get(locale, "rules.expression"), formulas, locale,
                FieldType.BOOLEAN, "rule-expression-" + index);
        expression.setValue(rule.path("expression").asText(""));
        expression.addChangeListener(text -> {
            rule.put("expression", text);
            changed.run();
        });
        TextField en = message(rule, "en", index);
        TextField zh = message(rule, "zh-CN", index);
        MultiSelectComboBox<String> blamed = new MultiSelectComboBox<>(DesignerText.get(locale, "rules.fields"));
        blamed.setItems(fieldKeys.get());
        List<String> current = new ArrayList<>();
        rule.path("fields").forEach(f -> current.add(f.asText()));
        blamed.select(current.stream().filter(fieldKeys.get()::contains).toList());
        blamed.getElement().setAttribute("data-testid", "rule-fields-" + index);
        blamed.addValueChangeListener(e -> {
            ArrayNode fields = rule.putArray("fields");
            fieldKeys.get().stream().filter(e.getValue()::contains).forEach(fields::add);
            if (fields.isEmpty()) {
                rule.remove("fields");
            }
            changed.run();
        });
        ComboBox<String> scope = new ComboBox<>(DesignerText.get(locale, "rules.scope"));
        LinkedHashSet<String> offered = new LinkedHashSet<>();
        offered.add("always");
        offered.addAll(scopes.get());
        if (rule.hasNonNull("scope")) {
            offered.add(rule.get("scope").asText());
        }
        scope.setItems(offered);
        scope.setAllowCustomValue(true);
        scope.addCustomValueSetListener(e -> scope.setValue(e.getDetail()));
        scope.setItemLabelGenerator(s -> scopeLabel(s));
        scope.setValue(rule.path("scope").asText("always"));
        scope.getElement().setAttribute("data-testid", "rule-scope-" + index);
        scope.addValueChangeListener(e -> {
            if (e.getValue() == null || "always".equals(e.getValue())) {
                rule.remove("scope");
            } else {
                rule.put("scope", e.getValue());
            }
            changed.run();
        });
        Button remove = IconButtons.of(VaadinIcon.TRASH, DesignerText.get(locale, "rules.remove"), "rule-remove-" + index,
                () -> {
                    rules.remove(index);
                    return true;
                }, () -> {
                    refresh();
                    changed.run();
                });
        HorizontalLayout head = new HorizontalLayout(key, scope, remove);
        head.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        HorizontalLayout messages = new HorizontalLayout(en, zh, blamed);
        messages.setWidthFull();
        box.add(head, expression, messages);
        return box;
    }

    private String scopeLabel(String scope) {
        if (scope.startsWith("stage:")) {
            return DesignerText.get(locale, "rules.scope.stage", scope.substring(6));
        }
        if (scope.startsWith("task:")) {
            return DesignerText.get(locale, "rules.scope.task", scope.substring(5));
        }
        return DesignerText.get(locale, "rules.scope.always");
    }

    private TextField message(ObjectNode rule, String language, int index) {
        TextField input = text(DesignerText.get(locale, "rules.message." + language),
                rule.path("message").path(language).asText(""), "rule-message-" + language + "-" + index);
        input.addValueChangeListener(e -> {
            ObjectNode message = DesignModel.child(rule, "message");
            message.put(language, e.getValue());
            changed.run();
        });
        return input;
    }

    private static TextField text(String label, String value, String testId) {
        TextField input = new TextField(label);
        input.setValue(value);
        input.getElement().setAttribute("data-testid", testId);
        return input;
    }

    private String freeKey() {
        int n = rules.size() + 1;
        while (true) {
            String key = "rule_" + n;
            boolean used = false;
            for (JsonNode rule : rules) {
                used |= key.equals(rule.path("key").asText());
            }
            if (!used) {
                return key;
            }
            n++;
        }
    }
}
