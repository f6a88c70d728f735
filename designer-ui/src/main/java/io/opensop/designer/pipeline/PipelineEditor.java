package io.opensop.designer.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.opensop.designer.form.DesignModel;
import io.opensop.designer.form.DesignerText;
import io.opensop.designer.form.IconButtons;
import io.opensop.designer.formula.FormulaEditor;
import io.opensop.designer.formula.FormulaSource;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.workflow.pipeline.PipelineService;
import io.opensop.engine.workflow.pipeline.StageGate;
import java.util.List;
import java.util.Locale;

/**
 * The form's stage pipeline: stages in order (add, remove, up, down), per stage its entry gates (a
 * required field, a rule, an attachment, an approval process) and its SLA clock (dwell time, who is
 * told when it runs out). Once the form is published with a pipeline the engine has generated a BPMN
 * model {@code <form>_pipeline}; "open as BPMN" goes to the BPMN modeler with it.
 */
public final class PipelineEditor extends Div {

    /** The route of the BPMN modeler, with the model key. */
    public static String modelerRoute(String formKey) {
        return "designer/processes/" + PipelineService.modelKey(formKey);
    }

    private final DesignModel model;
    private final FormulaSource formulas;
    private final Locale locale;
    private final boolean modelGenerated;
    private final Runnable changed;

    /** @param modelGenerated whether the published form has a pipeline, so its BPMN model exists */
    public PipelineEditor(DesignModel model, FormulaSource formulas, Locale locale, boolean modelGenerated,
                          Runnable changed) {
        this.model = model;
        this.formulas = formulas;
        this.locale = locale;
        this.modelGenerated = modelGenerated;
        this.changed = changed;
        getElement().setAttribute("data-testid", "pipeline");
        refresh();
    }

    public void refresh() {
        removeAll();
        if (modelGenerated) {
            Anchor bpmn = new Anchor(modelerRoute(model.key()), DesignerText.get(locale, "pipeline.openBpmn"));
            bpmn.getElement().setAttribute("data-testid", "pipeline-open-bpmn");
            add(bpmn);
        } else {
            add(new Div(DesignerText.get(locale, "pipeline.noModelYet")));
        }
        ArrayNode stages = model.document().path("pipeline").get("stages") instanceof ArrayNode a ? a
                : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < stages.size(); i++) {
            add(stage((ObjectNode) stages.get(i), i));
        }
        Button add = new Button(DesignerText.get(locale, "pipeline.addStage"), VaadinIcon.PLUS.create(), click -> {
            ObjectNode stage = stages().addObject();
            stage.put("key", "stage_" + stages().size());
            stage.putObject("label").put("en", "Stage " + stages().size()).put("zh-CN", "阶段 " + stages().size());
            refresh();
            changed.run();
        });
        add.getElement().setAttribute("data-testid", "add-stage");
        add(add);
    }

    private ArrayNode stages() {
        ObjectNode document = model.document();
        ObjectNode pipeline = document.get("pipeline") instanceof ObjectNode p ? p : document.putObject("pipeline");
        return pipeline.get("stages") instanceof ArrayNode a ? a : pipeline.putArray("stages");
    }

    private Component stage(ObjectNode stage, int index) {
        Div box = new Div();
        box.getElement().setAttribute("data-testid", "stage-" + index);
        box.getStyle().set("border", "1px solid var(--lumo-contrast-20pct)").set("border-radius", "var(--lumo-border-radius-m)")
                .set("padding", "var(--lumo-space-s)").set("margin-bottom", "var(--lumo-space-s)");
        TextField key = text("pipeline.stageKey", stage.path("key").asText(""), "stage-key-" + index,
                v -> stage.put("key", v));
        TextField en = text("pipeline.label.en", stage.path("label").path("en").asText(""), "stage-label-en-" + index,
                v -> DesignModel.child(stage, "label").put("en", v));
        TextField zh = text("pipeline.label.zh-CN", stage.path("label").path("zh-CN").asText(""),
                "stage-label-zh-" + index, v -> DesignModel.child(stage, "label").put("zh-CN", v));
        Button up = icon(VaadinIcon.ARROW_UP, "pipeline.up", "stage-up-" + index, () -> swap(index, index - 1));
        Button down = icon(VaadinIcon.ARROW_DOWN, "pipeline.down", "stage-down-" + index, () -> swap(index, index + 1));
        Button remove = icon(VaadinIcon.TRASH, "pipeline.remove", "stage-remove-" + index, () -> {
            stages().remove(index);
            if (stages().isEmpty()) {
                model.document().remove("pipeline"); // no stages: no pipeline, no generated process
            }
            return true;
        });
        HorizontalLayout head = new HorizontalLayout(key, en, zh, up, down, remove);
        head.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        box.add(head, new H4(DesignerText.get(locale, "pipeline.gates")));
        ArrayNode gates = stage.get("gates") instanceof ArrayNode a ? a : stage.putArray("gates");
        for (int g = 0; g < gates.size(); g++) {
            box.add(gate(gates, (ObjectNode) gates.get(g), index, g));
        }
        Button addGate = new Button(DesignerText.get(locale, "pipeline.addGate"), click -> {
            gates.addObject().put("type", StageGate.REQUIRED);
            refresh();
            changed.run();
        });
        addGate.addThemeVariants(ButtonVariant.LUMO_SMALL);
        addGate.getElement().setAttribute("data-testid", "add-gate-" + index);
        box.add(addGate, new H4(DesignerText.get(locale, "pipeline.sla")));
        TextField dwell = text("pipeline.dwell", stage.path("sla").path("dwell").asText(""), "stage-dwell-" + index,
                v -> setSla(stage, "dwell", v));
        dwell.setHelperText(DesignerText.get(locale, "pipeline.dwellHelp"));
        TextField escalate = text("pipeline.escalateTo", stage.path("sla").path("escalateTo").asText(""),
                "stage-escalate-" + index, v -> setSla(stage, "escalateTo", v));
        box.add(new HorizontalLayout(dwell, escalate));
        return box;
    }

    private Component gate(ArrayNode gates, ObjectNode gate, int stage, int index) {
        String id = stage + "-" + index;
        Select<String> type = new Select<>();
        type.setLabel(DesignerText.get(locale, "pipeline.gateType"));
        type.setItems(StageGate.REQUIRED, StageGate.RULE, StageGate.ATTACHMENT, StageGate.APPROVAL);
        type.setItemLabelGenerator(t -> DesignerText.get(locale, "pipeline.gate." + t));
        type.setValue(gate.path("type").asText(StageGate.REQUIRED));
        type.getElement().setAttribute("data-testid", "gate-type-" + id);
        type.addValueChangeListener(e -> {
            gate.put("type", e.getValue());
            refresh();
            changed.run();
        });
        HorizontalLayout row = new HorizontalLayout(type);
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        row.getElement().setAttribute("data-testid", "gate-" + id);
        String kind = type.getValue();
        if (StageGate.APPROVAL.equals(kind)) {
            row.add(text("pipeline.process", gate.path("process").asText(""), "gate-process-" + id,
                    v -> gate.put("process", v)));
        } else {
            ComboBox<String> field = new ComboBox<>(DesignerText.get(locale, "pipeline.field"));
            field.setItems(fieldsFor(kind));
            field.setValue(gate.path("field").asText(null));
            field.getElement().setAttribute("data-testid", "gate-field-" + id);
            field.addValueChangeListener(e -> {
                if (e.getValue() == null) {
                    gate.remove("field");
                } else {
                    gate.put("field", e.getValue());
                }
                changed.run();
            });
            row.add(field);
        }
        Button remove = icon(VaadinIcon.TRASH, "pipeline.removeGate", "gate-remove-" + id, () -> {
            gates.remove(index);
            return true;
        });
        row.add(remove);
        Div box = new Div(row);
        if (StageGate.RULE.equals(kind)) {
            FormulaEditor formula = new FormulaEditor(DesignerText.get(locale, "pipeline.formula"), formulas, locale,
                    FieldType.BOOLEAN, "gate-formula-" + id);
            formula.setValue(gate.path("formula").asText(""));
            formula.addChangeListener(text -> {
                gate.put("formula", text);
                changed.run();
            });
            box.add(formula);
        }
        return box;
    }

    private List<String> fieldsFor(String gateType) {
        if (!StageGate.ATTACHMENT.equals(gateType)) {
            return model.fieldKeys();
        }
        return model.fieldKeys().stream().filter(k -> model.field(k).map(f -> FieldType.ATTACHMENT.json()
                .equals(f.path("type").asText())).orElse(false)).toList();
    }

    private void setSla(ObjectNode stage, String attribute, String value) {
        if (value.isBlank()) {
            if (stage.get("sla") instanceof ObjectNode sla) {
                sla.remove(attribute);
                if (sla.isEmpty()) {
                    stage.remove("sla");
                }
            }
        } else {
            DesignModel.child(stage, "sla").put(attribute, value);
        }
    }

    private boolean swap(int a, int b) {
        ArrayNode stages = stages();
        if (b < 0 || b >= stages.size()) {
            return false;
        }
        JsonNode first = stages.get(a);
        stages.set(a, stages.get(b));
        stages.set(b, first);
        return true;
    }

    private TextField text(String label, String value, String testId, java.util.function.Consumer<String> onChange) {
        TextField input = new TextField(DesignerText.get(locale, label));
        input.setValue(value);
        input.getElement().setAttribute("data-testid", testId);
        input.addValueChangeListener(e -> {
            onChange.accept(e.getValue().strip());
            changed.run();
        });
        return input;
    }

    private Button icon(VaadinIcon icon, String label, String testId, java.util.function.BooleanSupplier action) {
        return IconButtons.of(icon, DesignerText.get(locale, label), testId, action, () -> {
            refresh();
            changed.run();
        });
    }
}
