package io.opensop.designer.bpmn;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.SectionDefinition;
import io.opensop.engine.i18n.EngineMessages;
import io.opensop.engine.i18n.LocalizedText;
import io.opensop.engine.support.Json;
import io.opensop.engine.workflow.approval.ApprovalStep;
import io.opensop.engine.workflow.approval.AssigneeSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One approval step as the engine reads it: kind (sequential, countersign, any-one, ratio, carbon copy),
 * who decides (a user, users, a role, the owner's manager, a user field, the submitter), the form
 * section the task shows (its field access) and where a rejection returns to.
 */
final class StepForm extends FormLayout {

    static final String REJECT_END = "rejected";
    static final String REJECT_SUBMITTER = "submit";
    private static final List<String> TYPES = List.of(ApprovalStep.SEQUENTIAL, ApprovalStep.COUNTERSIGN,
            ApprovalStep.ANYONE, ApprovalStep.RATIO, ApprovalStep.CC);
    private static final List<String> KINDS = List.of("user", "users", "role", "manager", "field", "submitter");

    private final Locale locale;
    private final TextField id = new TextField();
    private final TextField name = new TextField();
    private final Select<String> type = new Select<>();
    private final TextField ratio = new TextField();
    private final Select<String> kind = new Select<>();
    private final TextField who = new TextField();
    private final ComboBox<String> field = new ComboBox<>();
    private final ComboBox<String> section = new ComboBox<>();
    private final Select<String> onReject = new Select<>();

    /** @param newStep whether the id may be chosen (the palette's insert dialog); its test ids then start with "insert-" */
    StepForm(Locale locale, FormDefinition form, boolean newStep) {
        this.locale = locale;
        String testIds = newStep ? "insert-" : "";
        id.setLabel(Texts.get(locale, "step.id"));
        id.setReadOnly(!newStep);
        id.getElement().setAttribute("data-testid", testIds + "step-id");
        name.setLabel(Texts.get(locale, "step.name"));
        name.getElement().setAttribute("data-testid", testIds + "step-name");
        type.setLabel(Texts.get(locale, "step.type"));
        type.setItems(TYPES);
        type.setItemLabelGenerator(t -> Texts.get(locale, "block." + t));
        type.getElement().setAttribute("data-testid", testIds + "step-type");
        ratio.setLabel(Texts.get(locale, "step.ratio"));
        ratio.setPlaceholder("2/3, 60%");
        kind.setLabel(Texts.get(locale, "step.assignee"));
        kind.setItems(KINDS);
        kind.setItemLabelGenerator(k -> Texts.get(locale, "assignee." + k));
        kind.getElement().setAttribute("data-testid", testIds + "step-assignee-kind");
        who.setLabel(Texts.get(locale, "step.who"));
        who.setHelperText(Texts.get(locale, "step.who.help"));
        who.getElement().setAttribute("data-testid", testIds + "step-assignee");
        field.setLabel(Texts.get(locale, "step.field"));
        section.setLabel(Texts.get(locale, "step.section"));
        section.setHelperText(Texts.get(locale, "step.section.help"));
        section.setClearButtonVisible(true);
        if (form != null) {
            field.setItems(form.fields().stream().filter(f -> f.type() == FieldType.USER).map(FieldDefinition::key)
                    .toList());
            field.setItemLabelGenerator(key -> label(form, key));
            List<SectionDefinition> sections = form.sections() == null ? List.of() : form.sections();
            section.setItems(sections.stream().map(SectionDefinition::key).toList());
            section.setItemLabelGenerator(key -> sections.stream().filter(s -> s.key().equals(key)).findFirst()
                    .map(s -> text(s.label(), key)).orElse(key));
        }
        onReject.setLabel(Texts.get(locale, "step.onReject"));
        onReject.setItemLabelGenerator(t -> switch (t) {
            case REJECT_END -> Texts.get(locale, "reject.end");
            case REJECT_SUBMITTER -> Texts.get(locale, "reject.submitter");
            default -> Texts.get(locale, "reject.step", t);
        });
        onReject.getElement().setAttribute("data-testid", testIds + "step-on-reject");
        type.addValueChangeListener(e -> refresh());
        kind.addValueChangeListener(e -> refresh());
        add(id, name, type, ratio, kind, who, field, section, onReject);
        setResponsiveSteps(new ResponsiveStep("0", 1));
        type.setValue(ApprovalStep.SEQUENTIAL);
        kind.setValue("manager");
        setRejectTargets(List.of(), REJECT_END);
    }

    void setRejectTargets(List<String> earlierSteps, String current) {
        List<String> targets = new ArrayList<>(List.of(REJECT_END));
        targets.addAll(earlierSteps);
        if (current != null && !targets.contains(current)) {
            targets.add(current);
        }
        onReject.setItems(targets);
        onReject.setValue(current == null ? REJECT_END : current);
    }

    /** Fills the form from what the diagram says about a step (generated by the builder, or hand-written). */
    void read(DiagramElement element) {
        id.setValue(element.id());
        name.setValue(element.name() == null ? "" : element.name());
        String approval = element.properties().get("opensop.approval");
        type.setValue(approval != null && TYPES.contains(approval) ? approval : ApprovalStep.SEQUENTIAL);
        ratio.setValue(element.properties().getOrDefault("opensop.ratio", ""));
        AssigneeSpec spec = assignees(element);
        if (spec != null) {
            if (spec.user() != null) {
                kind.setValue("user");
                who.setValue(spec.user());
            } else if (spec.users() != null) {
                kind.setValue("users");
                who.setValue(String.join(", ", spec.users()));
            } else if (spec.role() != null) {
                kind.setValue("role");
                who.setValue(spec.role());
            } else if (spec.field() != null) {
                kind.setValue("field");
                field.setValue(spec.field());
            } else if (Boolean.TRUE.equals(spec.submitter())) {
                kind.setValue("submitter");
            } else {
                kind.setValue("manager");
            }
        }
        String formKey = element.attrs().get("formKey");
        int hash = formKey == null ? -1 : formKey.indexOf('#');
        section.setValue(hash < 0 ? null : formKey.substring(hash + 1));
        setRejectTargets(element.earlierSteps(), element.rejectTarget());
        refresh();
    }

    /** The step as the builder takes it; problems name the form's fields. */
    ApprovalStep step() {
        String stepType = type.getValue();
        LocalizedText label = name.getValue().isBlank() ? null
                : LocalizedText.of(name.getValue().trim(), name.getValue().trim());
        return new ApprovalStep(id.getValue().trim(), stepType, label, null, spec(),
                ApprovalStep.RATIO.equals(stepType) ? ratio.getValue().trim() : null, null, section.getValue());
    }

    /** The element id a rejection goes to, or null for a carbon copy (it cannot be rejected). */
    String rejectTarget() {
        return ApprovalStep.CC.equals(type.getValue()) ? null : onReject.getValue();
    }

    String stepId() {
        return id.getValue().trim();
    }

    /** A new step of a kind; several deciders are the point of countersign, any-one and ratio steps. */
    void setStep(String stepId, String stepType) {
        id.setValue(stepId);
        type.setValue(stepType);
        boolean several = ApprovalStep.COUNTERSIGN.equals(stepType) || ApprovalStep.ANYONE.equals(stepType)
                || ApprovalStep.RATIO.equals(stepType);
        kind.setValue(several ? "users" : "manager");
    }

    /** Shows the builder's problems on the fields they name; returns the ones no field shows. */
    List<Problem> showProblems(ValidationException e) {
        List<Problem> rest = new ArrayList<>();
        for (TextField f : List.of(id, ratio, who)) {
            f.setInvalid(false);
        }
        for (Problem problem : e.problems()) {
            String message = EngineMessages.render(problem, locale);
            switch (problem.field()) {
                case "id" -> invalid(id, message);
                case "ratio" -> invalid(ratio, message);
                case "assignees" -> invalid(who, message);
                default -> rest.add(problem);
            }
        }
        return rest;
    }

    private static void invalid(TextField field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
    }

    private AssigneeSpec spec() {
        String value = who.getValue().trim();
        return switch (kind.getValue() == null ? "" : kind.getValue()) {
            case "user" -> AssigneeSpec.ofUser(value);
            case "users" -> new AssigneeSpec(null, Arrays.stream(value.split("[,，\\s]+"))
                    .filter(s -> !s.isBlank()).toList(), null, null, null, null);
            case "role" -> AssigneeSpec.ofRole(value);
            case "field" -> AssigneeSpec.ofField(field.getValue());
            case "submitter" -> AssigneeSpec.ofSubmitter();
            case "manager" -> AssigneeSpec.ofManager();
            default -> null;
        };
    }

    private static AssigneeSpec assignees(DiagramElement element) {
        String json = element.properties().get("opensop.assignees");
        if (json != null) {
            try {
                return Json.read(json, AssigneeSpec.class);
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
        String assignee = element.attrs().get("assignee");
        if (assignee != null && assignee.equals("${submitter}")) {
            return AssigneeSpec.ofSubmitter();
        }
        if (assignee != null && !assignee.contains("${")) {
            return AssigneeSpec.ofUser(assignee);
        }
        if (element.attrs().get("candidateUsers") != null) {
            return new AssigneeSpec(null, List.of(element.attrs().get("candidateUsers").split("\\s*,\\s*")), null,
                    null, null, null);
        }
        if (element.attrs().get("candidateGroups") != null) {
            return AssigneeSpec.ofRole(element.attrs().get("candidateGroups"));
        }
        return null;
    }

    private void refresh() {
        ratio.setVisible(ApprovalStep.RATIO.equals(type.getValue()));
        String k = kind.getValue();
        who.setVisible("user".equals(k) || "users".equals(k) || "role".equals(k));
        field.setVisible("field".equals(k));
        boolean cc = ApprovalStep.CC.equals(type.getValue());
        onReject.setVisible(!cc);
        section.setVisible(!cc);
    }

    private String label(FormDefinition form, String key) {
        return form.fields().stream().filter(f -> f.key().equals(key)).findFirst()
                .map(f -> text(f.label(), key) + " (" + key + ")").orElse(key);
    }

    private String text(LocalizedText text, String fallback) {
        String value = text == null ? null : text.in(locale);
        return value == null || value.isBlank() ? fallback : value;
    }
}
