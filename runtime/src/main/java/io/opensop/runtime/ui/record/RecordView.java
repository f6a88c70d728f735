package io.opensop.runtime.ui.record;

import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import io.opensop.designer.render.FieldEditor;
import io.opensop.designer.render.FormRenderer;
import io.opensop.designer.render.RenderedForm;
import io.opensop.designer.render.ValueFormatter;
import io.opensop.engine.attachment.AttachmentStore;
import io.opensop.engine.audit.FieldChange;
import io.opensop.engine.audit.Revision;
import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.ConflictException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.i18n.EngineMessages;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.Actor;
import io.opensop.engine.security.FieldAccess;
import io.opensop.engine.user.UserDirectory;
import io.opensop.runtime.ui.RuntimeRenderContext;
import io.opensop.runtime.ui.UiActor;
import io.opensop.runtime.ui.layout.MainLayout;
import io.opensop.runtime.ui.FieldLocks;
import io.opensop.runtime.ui.UiErrors;
import io.opensop.runtime.ui.pipeline.StageMoves;
import io.opensop.runtime.ui.pipeline.StageTexts;
import io.opensop.engine.security.AccessPolicy;
import io.opensop.engine.workflow.WorkflowService;
import io.opensop.engine.workflow.pipeline.Pipeline;
import com.vaadin.flow.component.dialog.Dialog;
import jakarta.annotation.security.PermitAll;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One record: its form rendered from the published definition, saved through RecordService (the
 * server judges; its problems are shown on their fields), and its history of field changes.
 */
@Route(value = "forms/:form/records/:id", layout = MainLayout.class)
@PermitAll
public class RecordView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final UiActor actors;
    private final FormService forms;
    private final RecordService records;
    private final UserDirectory users;
    private final AttachmentStore attachments;
    private final StageMoves moves;
    private final WorkflowService workflow;
    private final AccessPolicy policy;
    private String formKey;
    private Pipeline pipeline; // null when the form has none
    private StageTexts stageTexts;
    private Div stagePath = new Div();
    private FormDefinition definition;
    private RenderedForm rendered;
    private FormRecord record; // null for a new record
    private Set<String> readOnly = Set.of();
    private String title = "";
    private final VerticalLayout history = new VerticalLayout();
    private ValueFormatter formatter;

    public RecordView(UiActor actors, FormService forms, RecordService records, UserDirectory users,
                      AttachmentStore attachments, StageMoves moves, WorkflowService workflow, AccessPolicy policy) {
        this.actors = actors;
        this.forms = forms;
        this.records = records;
        this.users = users;
        this.attachments = attachments;
        this.moves = moves;
        this.workflow = workflow;
        this.policy = policy;
        setWidthFull();
        setMaxWidth("80em");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        formKey = event.getRouteParameters().get("form").orElse("");
        String id = event.getRouteParameters().get("id").orElse("new");
        Actor actor = actors.get();
        try {
            forms.published(actor, formKey);
            // hidden fields get no editor at all; read-only ones are shown but never sent
            definition = records.visibleDefinition(actor, formKey);
            readOnly = records.fieldAccess(actor, formKey).entrySet().stream()
                    .filter(e -> e.getValue() == FieldAccess.READ_ONLY).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            record = "new".equals(id) ? null : records.get(actor, formKey, Long.parseLong(id));
        } catch (NotFoundException | NumberFormatException e) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, getTranslation("record.notFound"));
            return;
        }
        build(actor);
    }

    private void build(Actor actor) {
        removeAll();
        RuntimeRenderContext context = new RuntimeRenderContext(actor, forms, records, users, attachments);
        formatter = new ValueFormatter(context);
        String formLabel = definition.label().in(getLocale());
        title = record == null ? getTranslation("record.new", formLabel)
                : getTranslation("record.title", formLabel, record.id());
        rendered = new FormRenderer(context).render(definition);
        readOnly.forEach(key -> rendered.editor(key).map(FieldEditor::component)
                .filter(c -> c instanceof HasValue<?, ?>).ifPresent(c -> ((HasValue<?, ?>) c).setReadOnly(true)));
        if (record != null) {
            rendered.setValues(record.values());
        }
        FieldLocks.apply(rendered, definition, actor, policy, null);
        pipeline = Pipeline.of(definition).filter(p -> !p.stages().isEmpty()).orElse(null);
        stageTexts = pipeline == null ? null : new StageTexts(definition, pipeline, getLocale(), this::getTranslation);

        Button save = new Button(getTranslation("record.save"), VaadinIcon.CHECK.create(), click -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.getElement().setAttribute("data-testid", "save");
        Button back = new Button(getTranslation("record.cancel"), VaadinIcon.ARROW_LEFT.create(),
                click -> toList());
        back.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout actions = new HorizontalLayout(save, back);
        actions.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);

        Div formTab = new Div(rendered.component(), actions);
        formTab.setWidthFull();
        TabSheet tabs = new TabSheet();
        tabs.setWidthFull();
        tabs.add(getTranslation("record.tab.form"), formTab);
        if (record != null) {
            history.setPadding(false);
            com.vaadin.flow.component.tabs.Tab historyTab = tabs.add(getTranslation("record.tab.history"), history);
            historyTab.getElement().setAttribute("data-testid", "tab-history");
            Div related = new Div();
            com.vaadin.flow.component.tabs.Tab relatedTab = tabs.add(getTranslation("record.tab.related"), related);
            relatedTab.getElement().setAttribute("data-testid", "tab-related");
            tabs.add(getTranslation("record.tab.work"), new RecordWork(actor, workflow, formKey, record.id()))
                    .getElement().setAttribute("data-testid", "tab-work");
            tabs.addSelectedChangeListener(e -> {
                if (e.getSelectedTab() == historyTab) {
                    showHistory();
                } else if (e.getSelectedTab() == relatedTab && related.getChildren().findAny().isEmpty()) {
                    related.add(new RelatedRecords(actors.get(), forms, records, formKey, record.id(), getLocale()));
                }
            });
        }
        H2 heading = new H2(title);
        heading.getStyle().set("margin", "0");
        add(heading);
        if (pipeline != null && record != null) {
            stagePath.setWidthFull();
            add(stagePath);
            showStagePath(actor);
        }
        add(tabs);
    }

    /** The path bar of a record on a pipeline; its checklist is what a move to the next stage would meet now. */
    private void showStagePath(Actor actor) {
        stagePath.removeAll();
        int current = record.stage() == null ? 0 : Math.max(0, pipeline.indexOf(record.stage()));
        List<Problem> unmet = null;
        if (current + 1 < pipeline.stages().size() && policy.allows(actor, definition,
                io.opensop.engine.security.Operation.UPDATE)) {
            try {
                unmet = moves.unmet(actor, record, pipeline.stages().get(current + 1).key());
            } catch (ConflictException | AccessDeniedException | NotFoundException e) {
                unmet = null;
            }
        }
        String next = current + 1 < pipeline.stages().size() ? pipeline.stages().get(current + 1).key() : null;
        stagePath.add(new StagePathBar(pipeline, record.stage(), stageTexts, unmet, () -> moveTo(next)));
    }

    private void moveTo(String stage) {
        Actor actor = actors.get();
        try {
            StageMoves.Outcome outcome = moves.move(actor, record, stage);
            if (outcome.moved()) {
                record = outcome.record();
                Notification.show(getTranslation("stage.moved", stageTexts.stage(stage)), 3000,
                        Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            } else {
                Notification note = Notification.show(outcome.problems().stream().map(stageTexts::problem)
                        .collect(Collectors.joining("; ")), 6000, Notification.Position.MIDDLE);
                note.addThemeVariants(NotificationVariant.LUMO_ERROR);
                note.getElement().setAttribute("data-testid", "stage-problems");
            }
        } catch (ConflictException e) {
            showConflict(actor);
            return;
        } catch (AccessDeniedException e) {
            UiErrors.show(e, getLocale());
        }
        showStagePath(actor);
    }

    private void save() {
        Actor actor = actors.get();
        rendered.clearProblems();
        try {
            if (record == null) {
                record = records.create(actor, formKey, writableValues());
            } else {
                record = records.update(actor, formKey, record.id(), record.version(), changedValues());
            }
            Notification.show(getTranslation("record.saved"), 3000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            toList();
        } catch (ValidationException e) {
            List<Problem> unmatched = rendered.showProblems(e.problems(),
                    p -> EngineMessages.render(p, getLocale()));
            String rest = unmatched.stream().map(p -> EngineMessages.render(p, getLocale()))
                    .collect(Collectors.joining("; "));
            Notification note = Notification.show(rest.isEmpty() ? getTranslation("record.notSaved")
                    : getTranslation("record.notSaved") + " " + rest, 5000, Notification.Position.MIDDLE);
            note.addThemeVariants(NotificationVariant.LUMO_ERROR);
        } catch (ConflictException e) {
            showConflict(actor);
        } catch (AccessDeniedException e) {
            Notification.show(getTranslation("record.denied"), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    /** The editors' values without the fields the user may only read (the engine would refuse them). */
    private Map<String, Object> writableValues() {
        Map<String, Object> values = new LinkedHashMap<>(rendered.values());
        values.keySet().removeAll(readOnly);
        return values;
    }

    /** Only the fields the user changed: the engine merges them into the stored record. */
    private Map<String, Object> changedValues() {
        return ChangedValues.between(record.values(), writableValues());
    }

    /**
     * Never overwrites: tells who saved which version when and what they changed, and lets the user
     * reload their version, or merge (their version with this user's changes on top, shown in the form
     * to review and save again against the fresh version), or keep editing.
     */
    private void showConflict(Actor actor) {
        FormRecord current;
        try {
            current = records.get(actor, formKey, record.id());
        } catch (NotFoundException gone) {
            Notification.show(getTranslation("record.notFound"), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            return;
        }
        ConflictMerge merge = new ConflictMerge(record.values(), current.values(), rendered.values());
        String when = current.updatedAt() == null ? "" : current.updatedAt().atZoneSameInstant(actor.zone())
                .format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(getLocale()));
        Dialog dialog = new Dialog();
        dialog.getElement().setAttribute("data-testid", "conflict");
        dialog.setHeaderTitle(getTranslation("record.conflict.title"));
        dialog.add(new Paragraph(getTranslation("record.conflict.message", current.updatedBy(), current.version(),
                when)));
        UnorderedList theirs = new UnorderedList();
        merge.theirChanges().forEach((key, value) -> {
            FieldDefinition field = definition.field(key).orElse(null);
            String label = field == null ? key : field.label().in(getLocale());
            ListItem item = new ListItem(getTranslation("history.change", label,
                    shown(field, record.values().get(key)), shown(field, value)));
            item.getElement().setAttribute("data-field", key);
            if (merge.clashes().contains(key)) {
                item.add(new Span(" " + getTranslation("record.conflict.clash", shown(field, merge.mine().get(key)))));
                item.getStyle().set("color", "var(--lumo-error-text-color)");
            }
            theirs.add(item);
        });
        if (merge.theirChanges().isEmpty()) {
            theirs.add(new ListItem(getTranslation("record.conflict.noFieldChanges")));
        }
        dialog.add(theirs);
        Button reload = new Button(getTranslation("record.conflict.reload"), click -> {
            dialog.close();
            adopt(actor, current, current.values());
        });
        reload.getElement().setAttribute("data-testid", "conflict-reload");
        Button mergeButton = new Button(getTranslation("record.conflict.merge"), click -> {
            dialog.close();
            adopt(actor, current, merge.merged());
            Notification.show(getTranslation("record.conflict.merged"), 5000, Notification.Position.BOTTOM_START);
        });
        mergeButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        mergeButton.getElement().setAttribute("data-testid", "conflict-merge");
        Button keep = new Button(getTranslation("record.conflict.keep"), click -> dialog.close());
        dialog.getFooter().add(keep, reload, mergeButton);
        dialog.open();
    }

    /** Continues editing on top of the fresh version, showing {@code values} in the form. */
    private void adopt(Actor actor, FormRecord current, Map<String, Object> values) {
        record = current;
        rendered.clearProblems();
        rendered.setValues(values);
        if (pipeline != null) {
            showStagePath(actor);
        }
    }

    private void showHistory() {
        history.removeAll();
        List<Revision> revisions = records.history(actors.get(), formKey, record.id());
        if (revisions.isEmpty()) {
            history.add(new Paragraph(getTranslation("history.empty")));
            return;
        }
        Actor actor = actors.get();
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                .withLocale(getLocale());
        for (int i = revisions.size() - 1; i >= 0; i--) {
            Revision revision = revisions.get(i);
            Div entry = new Div();
            entry.getElement().setAttribute("data-revision", String.valueOf(revision.recordVersion()));
            Span head = new Span(getTranslation("history.entry",
                    revision.changedAt().atZoneSameInstant(actor.zone()).format(format), revision.changedBy(),
                    getTranslation("history.action." + revision.action())));
            head.getStyle().set("font-weight", "600");
            entry.add(head);
            UnorderedList changes = new UnorderedList();
            for (FieldChange change : revision.changes()) {
                if ("stage".equals(change.field()) && stageTexts != null) {
                    changes.add(new ListItem(getTranslation("history.change", getTranslation("history.stage"),
                            stageTexts.stage((String) change.oldValue()), stageTexts.stage((String) change.newValue()))));
                    continue;
                }
                FieldDefinition field = definition.field(change.field()).orElse(null);
                String label = field == null || field.label() == null ? change.field() : field.label().in(getLocale());
                changes.add(new ListItem(getTranslation("history.change", label, shown(field, change.oldValue()),
                        shown(field, change.newValue()))));
            }
            entry.add(changes);
            history.add(entry);
        }
    }

    private String shown(FieldDefinition field, Object value) {
        String text = value == null ? "" : field == null ? value.toString() : formatter.format(field, value);
        return text.isEmpty() ? getTranslation("history.blank") : text;
    }

    private void toList() {
        getUI().ifPresent(ui -> ui.navigate(RecordListView.class, new RouteParameters("form", formKey)));
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
