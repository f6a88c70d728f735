package io.opensop.runtime.ui.record;

import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
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
import jakarta.annotation.security.PermitAll;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    private String formKey;
    private FormDefinition definition;
    private RenderedForm rendered;
    private FormRecord record; // null for a new record
    private Set<String> readOnly = Set.of();
    private String title = "";
    private final VerticalLayout history = new VerticalLayout();
    private ValueFormatter formatter;

    public RecordView(UiActor actors, FormService forms, RecordService records, UserDirectory users,
                      AttachmentStore attachments) {
        this.actors = actors;
        this.forms = forms;
        this.records = records;
        this.users = users;
        this.attachments = attachments;
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
            tabs.add(getTranslation("record.tab.history"), history);
            tabs.addSelectedChangeListener(e -> {
                if (e.getSelectedTab() != null && tabs.getIndexOf(e.getSelectedTab()) == 1) {
                    showHistory();
                }
            });
        }
        H2 heading = new H2(title);
        heading.getStyle().set("margin", "0");
        add(heading, tabs);
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
        Map<String, Object> changed = new LinkedHashMap<>();
        writableValues().forEach((key, value) -> {
            Object before = record.values().get(key);
            boolean same = value instanceof BigDecimal a && before instanceof BigDecimal b ? a.compareTo(b) == 0
                    : Objects.equals(value, before) || value == null && isEmpty(before);
            if (!same) {
                changed.put(key, value);
            }
        });
        return changed;
    }

    private static boolean isEmpty(Object value) {
        return value instanceof java.util.Collection<?> c && c.isEmpty();
    }

    /** Never overwrites: tells who saved in between and lets the user reload or keep their edits. */
    private void showConflict(Actor actor) {
        FormRecord current;
        try {
            current = records.get(actor, formKey, record.id());
        } catch (NotFoundException gone) {
            Notification.show(getTranslation("record.notFound"), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            return;
        }
        String when = current.updatedAt() == null ? "" : current.updatedAt().atZoneSameInstant(actor.zone())
                .format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(getLocale()));
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader(getTranslation("record.conflict.title"));
        dialog.setText(getTranslation("record.conflict.message", current.updatedBy(), current.version(), when));
        dialog.setConfirmText(getTranslation("record.conflict.reload"));
        dialog.addConfirmListener(e -> {
            record = current;
            rendered.clearProblems();
            rendered.setValues(current.values());
        });
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("record.conflict.keep"));
        dialog.open();
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
