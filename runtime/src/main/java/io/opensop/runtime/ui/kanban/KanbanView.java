package io.opensop.runtime.ui.kanban;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import io.opensop.designer.render.ValueFormatter;
import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.ConflictException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.record.FilterOperator;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.record.RecordPage;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.record.RecordSort;
import io.opensop.engine.security.Actor;
import io.opensop.engine.sla.SlaServices;
import io.opensop.engine.user.UserDirectory;
import io.opensop.engine.attachment.AttachmentStore;
import io.opensop.engine.workflow.pipeline.Pipeline;
import io.opensop.engine.workflow.pipeline.PipelineStage;
import io.opensop.runtime.ui.RuntimeRenderContext;
import io.opensop.runtime.ui.UiActor;
import io.opensop.runtime.ui.layout.MainLayout;
import io.opensop.runtime.ui.pipeline.StageMoves;
import io.opensop.runtime.ui.pipeline.StageTexts;
import io.opensop.runtime.ui.record.RecordListView;
import io.opensop.runtime.ui.sla.SlaLight;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kanban board of a form with a pipeline: one column per stage, newest changes first, each column
 * loaded lazily. Moving a card (drag and drop, or its "move to…" menu) is a {@link StageMoves#move}:
 * when the target stage's gates are not met, the unmet gates are listed and the card stays.
 * On a phone the board scrolls sideways.
 */
@Route(value = "forms/:form/kanban", layout = MainLayout.class)
@PermitAll
public class KanbanView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final UiActor actors;
    private final FormService forms;
    private final RecordService records;
    private final UserDirectory users;
    private final AttachmentStore attachments;
    private final SlaServices sla;
    private final StageMoves moves;
    private final Clock clock;
    private final Map<String, KanbanColumn> columns = new LinkedHashMap<>();
    private final Map<Long, String> ownerNames = new HashMap<>();
    private FormDefinition definition;
    private Pipeline pipeline;
    private StageTexts texts;
    private ValueFormatter formatter;
    private String title = "";

    public KanbanView(UiActor actors, FormService forms, RecordService records, UserDirectory users,
                      AttachmentStore attachments, SlaServices sla, StageMoves moves, Clock clock) {
        this.actors = actors;
        this.forms = forms;
        this.records = records;
        this.users = users;
        this.attachments = attachments;
        this.sla = sla;
        this.moves = moves;
        this.clock = clock;
        setWidthFull();
        setPadding(true);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String formKey = event.getRouteParameters().get("form").orElse("");
        Actor actor = actors.get();
        try {
            definition = forms.published(actor, formKey).definition();
        } catch (NotFoundException | AccessDeniedException e) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, getTranslation("record.notFound"));
            return;
        }
        pipeline = Pipeline.of(definition).orElse(null);
        if (pipeline == null || pipeline.stages().isEmpty()) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, getTranslation("kanban.noPipeline"));
            return;
        }
        texts = new StageTexts(definition, pipeline, getLocale(), this::getTranslation);
        formatter = new ValueFormatter(new RuntimeRenderContext(actor, forms, records, users, attachments));
        build();
    }

    private void build() {
        removeAll();
        columns.clear();
        title = getTranslation("kanban.title", definition.label().in(getLocale()));
        H2 heading = new H2(title);
        heading.getStyle().set("margin", "0");
        Button list = new Button(getTranslation("kanban.toList"), VaadinIcon.TABLE.create(), click ->
                getUI().ifPresent(ui -> ui.navigate(RecordListView.class,
                        new RouteParameters("form", definition.key()))));
        list.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout top = new HorizontalLayout(heading, list);
        top.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        top.getStyle().set("flex-wrap", "wrap");

        Div board = new Div();
        board.addClassName("opensop-kanban");
        board.getElement().setAttribute("data-testid", "kanban");
        board.getStyle().set("display", "flex").set("gap", "var(--lumo-space-m)").set("overflow-x", "auto")
                .set("width", "100%").set("align-items", "flex-start").set("padding-bottom", "var(--lumo-space-m)")
                .set("-webkit-overflow-scrolling", "touch");
        for (PipelineStage stage : pipeline.stages()) {
            KanbanColumn column = new KanbanColumn(stage.key(), texts.stage(stage.key()),
                    cursor -> page(stage.key(), cursor), this::card, this::move);
            columns.put(stage.key(), column);
            board.add(column);
        }
        add(top, board);
    }

    private RecordPage page(String stage, String cursor) {
        return records.list(actors.get(), definition.key(), new RecordQuery(
                List.of(new RecordFilter("stage", FilterOperator.EQ, List.of(stage))),
                List.of(new RecordSort("updated_at", true)), KanbanColumn.PAGE, cursor, false, false));
    }

    private KanbanCard card(FormRecord record) {
        Actor actor = actors.get();
        SlaLight light = SlaLight.of(sla.clocks().clocks(actor, definition.key(), record.id()), clock.instant());
        return new KanbanCard(record, RuntimeRenderContext.title(definition, record), owner(record.ownerId()),
                amount(record), light, getTranslation("sla." + light.name().toLowerCase(java.util.Locale.ROOT)),
                pipeline.stages(), texts::stage, this::move);
    }

    private String owner(Long ownerId) {
        if (ownerId == null) {
            return "";
        }
        return ownerNames.computeIfAbsent(ownerId, id -> users.byId(id)
                .map(u -> u.displayName() == null ? u.username() : u.displayName()).orElse("#" + id));
    }

    /** The form's "amount" money field, else its first money field, formatted; empty without one. */
    private String amount(FormRecord record) {
        FieldDefinition money = definition.field("amount").filter(f -> f.type() == FieldType.MONEY)
                .or(() -> definition.fieldList().stream().filter(f -> f.type() == FieldType.MONEY).findFirst())
                .orElse(null);
        Object value = money == null ? null : record.values().get(money.key());
        return value == null ? "" : formatter.format(money, value);
    }

    private void move(FormRecord record, String toStage) {
        Actor actor = actors.get();
        StageMoves.Outcome outcome;
        try {
            outcome = moves.move(actor, record, toStage);
        } catch (ConflictException e) {
            Notification.show(getTranslation("kanban.stale"), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_CONTRAST);
            reload(record.stage());
            return;
        } catch (AccessDeniedException e) {
            Notification.show(getTranslation("record.denied"), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            return;
        }
        if (outcome.moved()) {
            reload(record.stage());
            reload(toStage);
            Notification.show(getTranslation("kanban.moved", RuntimeRenderContext.title(definition, record),
                    texts.stage(toStage)), 3000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } else {
            showUnmet(record, toStage, outcome.problems());
        }
    }

    private void reload(String stage) {
        KanbanColumn column = columns.get(stage == null ? pipeline.stages().get(0).key() : stage);
        if (column != null) {
            column.reload();
        }
    }

    /** Lists why the card could not move; it never left its column. */
    private void showUnmet(FormRecord record, String toStage, List<Problem> problems) {
        Dialog dialog = new Dialog();
        dialog.getElement().setAttribute("data-testid", "move-problems");
        dialog.setHeaderTitle(getTranslation("kanban.unmet.title", texts.stage(toStage)));
        UnorderedList list = new UnorderedList();
        for (Problem problem : problems) {
            ListItem item = new ListItem(texts.problem(problem));
            item.getElement().setAttribute("data-testid", "move-problem");
            list.add(item);
        }
        dialog.add(new Paragraph(getTranslation("kanban.unmet.message", RuntimeRenderContext.title(definition, record))),
                list);
        Button close = new Button(getTranslation("kanban.unmet.close"), click -> dialog.close());
        close.getElement().setAttribute("data-testid", "move-problems-close");
        dialog.getFooter().add(close);
        dialog.open();
    }

    /** The button a record list shows to open its form's board. */
    public static Button openButton(String formKey) {
        Button open = new Button();
        open.setText(open.getTranslation("kanban.open"));
        open.setIcon(VaadinIcon.GRID_BIG.create());
        open.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        open.getElement().setAttribute("data-testid", "open-kanban");
        open.addClickListener(click -> open.getUI().ifPresent(ui -> ui.navigate(KanbanView.class,
                new RouteParameters("form", formKey))));
        return open;
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
