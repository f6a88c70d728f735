package io.opensop.runtime.ui.task;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.opensop.designer.render.FormRenderer;
import io.opensop.designer.render.RenderedForm;
import io.opensop.engine.attachment.AttachmentStore;
import io.opensop.engine.error.EngineException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.i18n.EngineMessages;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.AccessPolicy;
import io.opensop.engine.security.Actor;
import io.opensop.engine.user.UserDirectory;
import io.opensop.engine.workflow.TaskDetail;
import io.opensop.engine.workflow.TaskEdits;
import io.opensop.engine.workflow.WorkTask;
import io.opensop.engine.workflow.WorkflowService;
import io.opensop.engine.workflow.approval.ApprovalEntry;
import io.opensop.runtime.ui.FieldLocks;
import io.opensop.runtime.ui.RuntimeRenderContext;
import io.opensop.runtime.ui.UiActor;
import io.opensop.runtime.ui.UiErrors;
import io.opensop.runtime.ui.layout.MainLayout;
import io.opensop.runtime.ui.record.ChangedValues;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One task: its record shown through the task's own form (the same renderer as record pages; fields
 * outside the task's section or read-only to the user are locked), and the actions of the workflow
 * and approval services: claim, complete, approve, reject or return with a reason (each saves the edited
 * fields with the decision in one transaction), transfer, add a signer.
 */
@Route(value = "tasks/:id", layout = MainLayout.class)
@PermitAll
public class TaskView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final UiActor actors;
    private final WorkflowService workflow;
    private final FormService forms;
    private final RecordService records;
    private final UserDirectory users;
    private final AttachmentStore attachments;
    private final AccessPolicy policy;
    private TaskDetail detail;
    private RenderedForm rendered;
    private RuntimeRenderContext context;
    private String title = "";

    public TaskView(UiActor actors, WorkflowService workflow, FormService forms, RecordService records,
                    UserDirectory users, AttachmentStore attachments, AccessPolicy policy) {
        this.actors = actors;
        this.workflow = workflow;
        this.forms = forms;
        this.records = records;
        this.users = users;
        this.attachments = attachments;
        this.policy = policy;
        setWidthFull();
        setMaxWidth("80em");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String id = event.getRouteParameters().get("id").orElse("");
        try {
            detail = workflow.open(actors.get(), id);
        } catch (NotFoundException e) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, getTranslation("tasks.notFound"));
            return;
        }
        build();
    }

    private void build() {
        removeAll();
        Actor actor = actors.get();
        WorkTask task = detail.task();
        context = new RuntimeRenderContext(actor, forms, records, users, attachments);
        title = getTranslation("task.title", task.name() == null ? task.activityId() : task.name(),
                RuntimeRenderContext.title(detail.form(), detail.record()));
        H2 heading = new H2(title);
        heading.getStyle().set("margin", "0");
        add(heading);
        if (task.returnReason() != null) {
            Paragraph returned = new Paragraph(getTranslation("tasks.returned", task.returnReason()));
            returned.getStyle().set("color", "var(--lumo-error-text-color)");
            add(returned);
        }
        rendered = new FormRenderer(context).render(detail.form());
        rendered.setValues(detail.record().values());
        boolean canWork = task.actions().contains(WorkTask.COMPLETE);
        if (canWork) {
            FieldLocks.apply(rendered, detail.form(), actor, policy, task.formKey());
        } else {
            rendered.setReadOnly(true);
        }
        Div form = new Div(rendered.component());
        form.setWidthFull();
        add(form, actions(task));
    }

    private HorizontalLayout actions(WorkTask task) {
        HorizontalLayout bar = new HorizontalLayout();
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        bar.getStyle().set("flex-wrap", "wrap");
        if (task.actions().contains(WorkTask.CLAIM)) {
            bar.add(button("task.claim", "task-claim", VaadinIcon.HAND, () -> {
                workflow.claim(actors.get(), task.id());
                reopen();
            }));
        }
        if (!task.actions().contains(WorkTask.COMPLETE)) {
            return bar;
        }
        Button complete = button("task.complete", "task-complete", VaadinIcon.CHECK, this::complete);
        complete.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        bar.add(complete);
        bar.add(button("task.approve", "task-approve", VaadinIcon.THUMBS_UP, () -> commentDialog("task.approve",
                false, comment -> {
                    workflow.approve(actors.get(), task.id(), comment, edits());
                    done("task.approved");
                })));
        bar.add(button("task.reject", "task-reject", VaadinIcon.THUMBS_DOWN, () -> commentDialog("task.reject",
                true, comment -> {
                    workflow.reject(actors.get(), task.id(), comment, null, edits());
                    done("task.rejected");
                })));
        if (task.actions().contains(WorkTask.RETURN)) {
            bar.add(button("task.return", "task-return", VaadinIcon.ARROW_BACKWARD, () -> commentDialog(
                    "task.return", true, reason -> {
                        workflow.returnTask(actors.get(), task.id(), WorkflowService.SUBMITTER, reason, edits());
                        done("task.returnedDone");
                    })));
        }
        bar.add(button("task.transfer", "task-transfer", VaadinIcon.EXCHANGE, () -> userDialog("task.transfer",
                false, (user, position, comment) -> {
                    workflow.transfer(actors.get(), task.id(), user, comment);
                    done("task.transferred");
                })));
        bar.add(button("task.addSigner", "task-add-signer", VaadinIcon.USER_CHECK, () -> userDialog(
                "task.addSigner", true, (user, position, comment) -> {
                    workflow.addSigner(actors.get(), task.id(), user, position, comment);
                    reopenOrLeave();
                })));
        return bar;
    }

    private Button button(String key, String testId, VaadinIcon icon, Runnable action) {
        Button button = new Button(getTranslation(key), icon.create(), click -> run(action));
        button.getElement().setAttribute("data-testid", testId);
        return button;
    }

    /** Runs an action; the engine's refusal is shown on the fields it names or as a notification. */
    private void run(Runnable action) {
        rendered.clearProblems();
        try {
            action.run();
        } catch (ValidationException e) {
            List<io.opensop.engine.error.Problem> rest = rendered.showProblems(e.problems(),
                    p -> EngineMessages.render(p, getLocale()));
            String text = rest.stream().map(p -> EngineMessages.render(p, getLocale()))
                    .collect(Collectors.joining("; "));
            Notification note = Notification.show(text.isEmpty() ? getTranslation("record.notSaved")
                    : getTranslation("record.notSaved") + " " + text, 6000, Notification.Position.MIDDLE);
            note.addThemeVariants(NotificationVariant.LUMO_ERROR);
        } catch (EngineException e) {
            UiErrors.show(e, getLocale());
        }
    }

    private void complete() {
        workflow.complete(actors.get(), detail.task().id(), detail.record().version(), changes());
        done("task.completed");
    }

    /**
     * What the user changed on the form, saved by the engine together with the decision (approve, reject,
     * return) in one transaction, against the version the user saw: a refused decision keeps no edit.
     */
    private TaskEdits edits() {
        return new TaskEdits(detail.record().version(), changes());
    }

    private Map<String, Object> changes() {
        return ChangedValues.between(detail.record().values(), rendered.values());
    }

    private void done(String messageKey) {
        Notification.show(getTranslation(messageKey), 3000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        getUI().ifPresent(ui -> ui.navigate(TaskInboxView.class));
    }

    private void reopen() {
        detail = workflow.open(actors.get(), detail.task().id());
        build();
    }

    /** After adding a signer "before", the task went to them: back to the inbox; else stay on it. */
    private void reopenOrLeave() {
        try {
            reopen();
            Notification.show(getTranslation("task.signerAdded"), 3000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (NotFoundException gone) {
            done("task.signerAdded");
        }
    }

    private void commentDialog(String titleKey, boolean required, Consumer<String> action) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation(titleKey));
        TextArea comment = new TextArea(getTranslation(required ? "task.reason" : "task.comment"));
        comment.setWidthFull();
        comment.setRequired(required);
        comment.setMaxLength(2000);
        comment.getElement().setAttribute("data-testid", "task-comment");
        dialog.add(comment);
        Button ok = new Button(getTranslation("task.confirm"), click -> {
            if (required && comment.getValue().isBlank()) {
                comment.setInvalid(true);
                comment.setErrorMessage(getTranslation("task.reasonRequired"));
                return;
            }
            dialog.close();
            run(() -> action.accept(comment.getValue().isBlank() ? null : comment.getValue()));
        });
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        ok.getElement().setAttribute("data-testid", "task-confirm");
        Button cancel = new Button(getTranslation("task.cancel"), click -> dialog.close());
        dialog.getFooter().add(cancel, ok);
        dialog.open();
    }

    private interface UserAction {
        void run(String username, String position, String comment);
    }

    private void userDialog(String titleKey, boolean withPosition, UserAction action) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation(titleKey));
        ComboBox<String> user = new ComboBox<>(getTranslation("task.user"));
        List<String> usernames = users.all().stream().filter(u -> u.enabled())
                .map(u -> u.username()).toList();
        Map<String, String> names = users.all().stream().collect(Collectors.toMap(u -> u.username(),
                u -> u.displayName() == null ? u.username() : u.displayName() + " (" + u.username() + ")",
                (a, b) -> a));
        user.setItems(usernames);
        user.setItemLabelGenerator(names::get);
        user.setRequired(true);
        user.getElement().setAttribute("data-testid", "task-user");
        RadioButtonGroup<String> position = new RadioButtonGroup<>(getTranslation("task.position"));
        position.setItems(ApprovalEntry.BEFORE, ApprovalEntry.AFTER);
        position.setItemLabelGenerator(p -> getTranslation("task.position." + p));
        position.setValue(ApprovalEntry.AFTER);
        position.setVisible(withPosition);
        TextArea comment = new TextArea(getTranslation("task.comment"));
        comment.setWidthFull();
        comment.setMaxLength(2000);
        dialog.add(new VerticalLayout(user, position, comment));
        Button ok = new Button(getTranslation("task.confirm"), click -> {
            if (user.getValue() == null) {
                user.setInvalid(true);
                user.setErrorMessage(getTranslation("task.userRequired"));
                return;
            }
            dialog.close();
            run(() -> action.run(user.getValue(), position.getValue(),
                    comment.getValue().isBlank() ? null : comment.getValue()));
        });
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        ok.getElement().setAttribute("data-testid", "task-confirm");
        Button cancel = new Button(getTranslation("task.cancel"), click -> dialog.close());
        dialog.getFooter().add(cancel, ok);
        dialog.open();
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
