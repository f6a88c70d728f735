package io.opensop.runtime.ui.kanban;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.contextmenu.ContextMenu;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.dnd.DragSource;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.workflow.pipeline.PipelineStage;
import io.opensop.runtime.ui.record.RecordView;
import io.opensop.runtime.ui.sla.SlaLight;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * One record on the board: its title (a link to the record), owner, amount and SLA colour. It can be
 * dragged to another column, or moved with its "move to…" menu (keyboard and touch friendly).
 */
class KanbanCard extends Div {

    private final FormRecord record;

    KanbanCard(FormRecord record, String title, String owner, String amount, SlaLight light, String lightLabel,
               List<PipelineStage> stages, java.util.function.Function<String, String> stageLabel,
               BiConsumer<FormRecord, String> move) {
        this.record = record;
        addClassName("opensop-kanban-card");
        getElement().setAttribute("data-testid", "kanban-card-" + record.id());
        getStyle().set("background", "var(--lumo-base-color)").set("border-radius", "var(--lumo-border-radius-m)")
                .set("box-shadow", "var(--lumo-box-shadow-xs)").set("padding", "var(--lumo-space-s)")
                .set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-xs)")
                .set("cursor", "grab");

        RouterLink link = new RouterLink(RecordView.class,
                new RouteParameters(new com.vaadin.flow.router.RouteParam("form", record.formKey()),
                        new com.vaadin.flow.router.RouteParam("id", String.valueOf(record.id()))));
        link.setText(title);
        link.getStyle().set("font-weight", "600");
        Div head = new Div(light.badge(lightLabel), link);
        head.getStyle().set("display", "flex").set("align-items", "center").set("gap", "var(--lumo-space-xs)");

        Span who = new Span(owner);
        who.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        Span money = new Span(amount);
        money.getElement().setAttribute("data-testid", "card-amount");
        money.getStyle().set("font-size", "var(--lumo-font-size-s)");

        Button moveButton = new Button(getTranslation("kanban.moveTo"), VaadinIcon.ARROWS_LONG_H.create());
        moveButton.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        moveButton.getElement().setAttribute("data-testid", "move-" + record.id());
        ContextMenu menu = new ContextMenu(moveButton);
        menu.setOpenOnClick(true);
        for (PipelineStage stage : stages) {
            if (stage.key().equals(record.stage())) {
                continue;
            }
            MenuItem item = menu.addItem(stageLabel.apply(stage.key()), click -> move.accept(record, stage.key()));
            item.getElement().setAttribute("data-testid", "move-" + record.id() + "-to-" + stage.key());
        }
        Div foot = new Div(money, moveButton);
        foot.getStyle().set("display", "flex").set("justify-content", "space-between").set("align-items", "center");
        add(head, who, foot);

        DragSource<KanbanCard> drag = DragSource.create(this);
        drag.setDragData(record);
    }

    FormRecord record() {
        return record;
    }
}
