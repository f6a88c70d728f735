package io.opensop.runtime.ui.kanban;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dnd.DropEffect;
import com.vaadin.flow.component.dnd.DropTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordPage;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The records of one stage, loaded a page at a time ({@link #PAGE} cards, then "more" follows the
 * engine's keyset cursor): a board never reads a whole table. Dropping a card here asks for a move.
 */
class KanbanColumn extends Div {

    static final int PAGE = 20;

    private final String stage;
    private final Function<String, RecordPage> pages; // cursor → next page of this stage
    private final Function<FormRecord, KanbanCard> cards;
    private final Div list = new Div();
    private final Button more;
    private String next;

    KanbanColumn(String stage, String label, Function<String, RecordPage> pages,
                 Function<FormRecord, KanbanCard> cards, BiConsumer<FormRecord, String> move) {
        this.stage = stage;
        this.pages = pages;
        this.cards = cards;
        addClassName("opensop-kanban-column");
        getElement().setAttribute("data-testid", "kanban-column-" + stage);
        getStyle().set("flex", "0 0 16em").set("background", "var(--lumo-contrast-5pct)")
                .set("border-radius", "var(--lumo-border-radius-l)").set("padding", "var(--lumo-space-s)")
                .set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-s)")
                .set("min-height", "10em");
        H4 heading = new H4(label);
        heading.getStyle().set("margin", "0");
        list.getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-s)");
        more = new Button(getTranslation("kanban.more"), click -> loadPage());
        more.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        more.getElement().setAttribute("data-testid", "kanban-more-" + stage);
        add(heading, list, more);

        DropTarget<KanbanColumn> target = DropTarget.create(this);
        target.setDropEffect(DropEffect.MOVE);
        target.addDropListener(drop -> drop.getDragData().ifPresent(data -> {
            if (data instanceof FormRecord record && !stage.equals(record.stage())) {
                move.accept(record, stage);
            }
        }));
        reload();
    }

    String stage() {
        return stage;
    }

    /** Starts again from the first page (after a move in or out of this column). */
    void reload() {
        list.removeAll();
        next = null;
        loadPage();
    }

    private void loadPage() {
        RecordPage page = pages.apply(next);
        page.items().forEach(r -> list.add(cards.apply(r)));
        next = page.next();
        more.setVisible(next != null);
    }
}
