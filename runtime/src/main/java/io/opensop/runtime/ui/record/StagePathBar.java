package io.opensop.runtime.ui.record;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.opensop.engine.error.Problem;
import io.opensop.engine.workflow.pipeline.Pipeline;
import io.opensop.engine.workflow.pipeline.PipelineStage;
import io.opensop.engine.workflow.pipeline.StageGate;
import io.opensop.runtime.ui.pipeline.StageTexts;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The record's place in its pipeline: every stage as a step (done, current, ahead), and the entry
 * gates of the next stage as a checklist, ticked as the engine judges them now (the unmet problems of
 * a rolled-back move), with a button to move there.
 */
class StagePathBar extends Div {

    /**
     * @param unmet       what a move to the next stage would meet now; null when the user may not move
     * @param moveToNext  runs the move to the next stage
     */
    StagePathBar(Pipeline pipeline, String currentStage, StageTexts texts, List<Problem> unmet,
                 Runnable moveToNext) {
        getElement().setAttribute("data-testid", "stage-path");
        setWidthFull();
        List<PipelineStage> stages = pipeline.stages();
        int current = currentStage == null ? 0 : Math.max(0, pipeline.indexOf(currentStage));
        Div steps = new Div();
        steps.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-xs)");
        for (int i = 0; i < stages.size(); i++) {
            Span step = new Span(texts.stage(stages.get(i).key()));
            String state = i < current ? "done" : i == current ? "current" : "ahead";
            step.getElement().setAttribute("data-stage", stages.get(i).key());
            step.getElement().setAttribute("data-state", state);
            step.getStyle().set("padding", "var(--lumo-space-xs) var(--lumo-space-m)")
                    .set("border-radius", "var(--lumo-border-radius-l)")
                    .set("background", switch (state) {
                        case "done" -> "var(--lumo-success-color-10pct)";
                        case "current" -> "var(--lumo-primary-color)";
                        default -> "var(--lumo-contrast-5pct)";
                    })
                    .set("color", "current".equals(state) ? "var(--lumo-primary-contrast-color)" : "inherit")
                    .set("font-weight", "current".equals(state) ? "600" : "400");
            steps.add(step);
        }
        add(steps);
        if (current + 1 >= stages.size() || unmet == null) {
            return;
        }
        PipelineStage next = stages.get(current + 1);
        Set<String> unmetGates = unmet.stream().filter(p -> "gate_unmet".equals(p.code()) && p.args().size() >= 2)
                .map(p -> String.valueOf(p.args().get(1))).collect(Collectors.toSet());
        Div checklist = new Div();
        checklist.getElement().setAttribute("data-testid", "gate-checklist");
        Span heading = new Span(getTranslation("stage.next", texts.stage(next.key())));
        heading.getStyle().set("font-weight", "600");
        checklist.add(heading);
        UnorderedList gates = new UnorderedList();
        gates.getStyle().set("list-style", "none").set("padding-left", "0").set("margin", "var(--lumo-space-xs) 0");
        if (next.gates().isEmpty()) {
            gates.add(new ListItem(getTranslation("stage.noGates")));
        }
        for (StageGate gate : next.gates()) {
            boolean met = !unmetGates.contains(gate.effectiveKey());
            ListItem item = new ListItem((met ? VaadinIcon.CHECK_CIRCLE : VaadinIcon.CIRCLE_THIN).create(),
                    new Span(" " + texts.gate(gate)));
            item.getElement().setAttribute("data-gate", gate.effectiveKey());
            item.getElement().setAttribute("data-met", String.valueOf(met));
            item.getStyle().set("color", met ? "var(--lumo-success-text-color)" : "var(--lumo-body-text-color)");
            gates.add(item);
        }
        checklist.add(gates);
        Button move = new Button(getTranslation("stage.moveTo", texts.stage(next.key())),
                VaadinIcon.ARROW_RIGHT.create(), click -> moveToNext.run());
        move.addThemeVariants(ButtonVariant.LUMO_SMALL);
        move.getElement().setAttribute("data-testid", "stage-next");
        checklist.add(move);
        checklist.getStyle().set("margin-top", "var(--lumo-space-s)");
        add(checklist);
    }
}
