package io.opensop.designer.bpmn;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.formula.FormulaCheck;
import io.opensop.engine.i18n.EngineMessages;
import io.opensop.engine.security.Actor;
import io.opensop.engine.sla.SlaPolicy;
import io.opensop.engine.workflow.WorkflowNames;
import io.opensop.engine.workflow.approval.ApprovalFlowBuilder;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The properties panel, bound to the element selected on the diagram: a step (kind, assignees, form
 * section, where a rejection returns to, and the SLA clocks of the form that run on it), a gateway's
 * outgoing flow (its condition as a formula, checked against the form as you type), a timer event
 * (a literal ISO 8601 duration) or anything else (its name). Changes go to the diagram through
 * {@link BpmnCanvas}; building-block XML comes from the engine's {@link ApprovalFlowBuilder}.
 */
final class ElementPanel extends VerticalLayout {

    private final BpmnCanvas canvas;
    private final ProcessDesignerServices services;
    private final Supplier<Actor> actor;
    private final Supplier<String> processForm;
    private final Locale locale;

    ElementPanel(BpmnCanvas canvas, ProcessDesignerServices services, Supplier<Actor> actor,
                 Supplier<String> processForm, Locale locale) {
        this.canvas = canvas;
        this.services = services;
        this.actor = actor;
        this.processForm = processForm;
        this.locale = locale;
        getElement().setAttribute("data-testid", "element-panel");
        setWidth("22rem");
        show(null);
    }

    void show(DiagramElement element) {
        removeAll();
        if (element == null) {
            add(new H4(Texts.get(locale, "panel.title")), new Paragraph(Texts.get(locale, "panel.nothing")));
            return;
        }
        Span id = new Span(Texts.get(locale, "panel.element", element.id(), element.type().replace("bpmn:", "")));
        id.getElement().setAttribute("data-testid", "panel-element-id");
        id.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        add(new H4(Texts.get(locale, "panel.title")), id);
        if (element.isStep()) {
            showStep(element);
        } else if (element.isConditionalFlow()) {
            showCondition(element);
        } else if (element.isTimer()) {
            showTimer(element);
        } else {
            showName(element);
        }
    }

    private void showStep(DiagramElement element) {
        FormDefinition form = form();
        StepForm step = new StepForm(locale, form, false);
        step.read(element);
        Div error = error();
        Button apply = new Button(Texts.get(locale, "panel.apply"), click -> {
            try {
                String xml = ApprovalFlowBuilder.stepElement(processForm.get(), step.step());
                canvas.applyElement(element.id(), xml);
                if (step.rejectTarget() != null && !step.rejectTarget().equals(element.rejectTarget())) {
                    canvas.setRejectTarget(element.id(), step.rejectTarget());
                }
                error.setText("");
            } catch (ValidationException e) {
                error.setText(String.join("\n", step.showProblems(e).stream()
                        .map(p -> EngineMessages.render(p, locale)).toList()));
            }
        });
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        apply.getElement().setAttribute("data-testid", "panel-apply");
        add(step, error, apply);
        if (element.isUserTask()) {
            add(new H4(Texts.get(locale, "panel.sla")));
            List<SlaPolicy> clocks = form == null ? List.of() : SlaPolicy.of(form).stream()
                    .filter(p -> p.appliesToTask(element.id())).toList();
            if (clocks.isEmpty()) {
                add(new Paragraph(Texts.get(locale, "panel.sla.none")));
            }
            for (SlaPolicy clock : clocks) {
                String label = clock.label() == null ? clock.key() : clock.label().in(locale);
                String steps = String.join(" → ", clock.steps().stream().map(s -> s.after().toString()).toList());
                add(new Paragraph(Texts.get(locale, "panel.sla.clock", label == null ? clock.key() : label, steps)));
            }
            add(hint(Texts.get(locale, "panel.sla.help")));
            add(hint(Texts.get(locale, "panel.runtimeActions")));
        }
    }

    private void showCondition(DiagramElement element) {
        TextArea formula = new TextArea(Texts.get(locale, "panel.condition"));
        formula.setWidthFull();
        formula.setValue(element.condition() == null ? "" : element.condition());
        formula.setHelperText(Texts.get(locale, "panel.condition.help"));
        formula.getElement().setAttribute("data-testid", "panel-condition");
        if (element.conditionLanguage() != null
                && !WorkflowNames.FORMULA_LANGUAGE.equalsIgnoreCase(element.conditionLanguage())) {
            add(hint(Texts.get(locale, "panel.condition.foreign", element.conditionLanguage().isEmpty() ? "JUEL"
                    : element.conditionLanguage())));
        }
        Div status = error();
        formula.setValueChangeMode(com.vaadin.flow.data.value.ValueChangeMode.LAZY);
        formula.addValueChangeListener(e -> status.setText(check(e.getValue())));
        Button apply = new Button(Texts.get(locale, "panel.apply"), click -> {
            String problem = check(formula.getValue());
            status.setText(problem);
            if (problem.isEmpty()) {
                canvas.setCondition(element.id(), formula.getValue());
            }
        });
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        apply.getElement().setAttribute("data-testid", "panel-apply");
        add(formula, status, apply);
    }

    /** The formula's first problem against the process's form, or "" when it is a valid condition. */
    private String check(String formula) {
        if (formula == null || formula.isBlank()) {
            return "";
        }
        String formKey = processForm.get();
        if (formKey == null) {
            return Texts.get(locale, "panel.condition.noForm");
        }
        FormulaCheck check = services.formulas().check(actor.get(), formKey, formula.trim(), FieldType.BOOLEAN);
        return check.ok() ? "" : check.errors().get(0).message(locale);
    }

    private void showTimer(DiagramElement element) {
        TextField duration = new TextField(Texts.get(locale, "panel.timer"));
        duration.setValue(element.timer() == null ? "" : element.timer());
        duration.setHelperText(Texts.get(locale, "panel.timer.help"));
        duration.getElement().setAttribute("data-testid", "panel-timer");
        Button apply = new Button(Texts.get(locale, "panel.apply"), click -> {
            String value = duration.getValue().trim();
            if (!isIsoDuration(value)) {
                duration.setErrorMessage(Texts.get(locale, "panel.timer.invalid", value));
                duration.setInvalid(true);
                return;
            }
            duration.setInvalid(false);
            canvas.setTimerDuration(element.id(), value);
        });
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(duration, apply);
    }

    static boolean isIsoDuration(String value) {
        try {
            Duration.parse(value);
            return true;
        } catch (DateTimeParseException notTime) {
            try {
                Period.parse(value);
                return true;
            } catch (DateTimeParseException notDays) {
                return false;
            }
        }
    }

    private void showName(DiagramElement element) {
        TextField name = new TextField(Texts.get(locale, "step.name"));
        name.setValue(element.name() == null ? "" : element.name());
        Button apply = new Button(Texts.get(locale, "panel.apply"), click -> canvas.setName(element.id(),
                name.getValue()));
        add(name, apply);
    }

    private FormDefinition form() {
        String key = processForm.get();
        return key == null ? null : services.forms().current(key).map(p -> p.definition()).orElse(null);
    }

    private static Div error() {
        Div error = new Div();
        error.getStyle().set("color", "var(--lumo-error-text-color)").set("white-space", "pre-line");
        error.getElement().setAttribute("data-testid", "panel-error");
        return error;
    }

    private static Paragraph hint(String text) {
        Paragraph hint = new Paragraph(text);
        hint.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        return hint;
    }
}
