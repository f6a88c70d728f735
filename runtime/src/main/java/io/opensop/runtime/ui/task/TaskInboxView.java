package io.opensop.runtime.ui.task;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import io.opensop.engine.error.EngineException;
import io.opensop.engine.security.Actor;
import io.opensop.engine.workflow.WorkTask;
import io.opensop.engine.workflow.WorkflowService;
import io.opensop.runtime.ui.UiActor;
import io.opensop.runtime.ui.UiErrors;
import io.opensop.runtime.ui.layout.MainLayout;
import jakarta.annotation.security.PermitAll;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

/** My tasks and my groups' tasks, with SLA colours; claim here, work on a task on its own page. */
@Route(value = "tasks", layout = MainLayout.class)
@PermitAll
public class TaskInboxView extends VerticalLayout implements HasDynamicTitle {

    private final UiActor actors;
    private final TaskSummaries summaries;
    private final WorkflowService workflow;

    public TaskInboxView(UiActor actors, TaskSummaries summaries, WorkflowService workflow) {
        this.actors = actors;
        this.summaries = summaries;
        this.workflow = workflow;
        setWidthFull();
        setMaxWidth("60em");
        build();
    }

    private void build() {
        removeAll();
        Actor actor = actors.get();
        add(new H2(getTranslation("tasks.title")));
        List<TaskSummaries.TaskSummary> all = summaries.open(actor, getLocale());
        section("tasks.mine", "tasks-mine", all.stream().filter(TaskSummaries.TaskSummary::mine).toList(), actor);
        section("tasks.groups", "tasks-groups", all.stream().filter(s -> !s.mine()).toList(), actor);
    }

    private void section(String titleKey, String testId, List<TaskSummaries.TaskSummary> items, Actor actor) {
        Div box = new Div();
        box.setWidthFull();
        box.getElement().setAttribute("data-testid", testId);
        box.add(new H3(getTranslation(titleKey)));
        if (items.isEmpty()) {
            box.add(new Paragraph(getTranslation("tasks.none")));
        }
        for (TaskSummaries.TaskSummary item : items) {
            box.add(row(item, actor));
        }
        add(box);
    }

    /** One task as a line (colour, name, record, when); wraps on a phone. The inbox and the home page add their links. */
    public static Div line(TaskSummaries.TaskSummary item, Locale locale, java.time.ZoneId zone,
                    java.util.function.BiFunction<String, Object[], String> translate) {
        WorkTask task = item.task();
        Div row = new Div();
        row.getElement().setAttribute("data-testid", "task-" + task.id());
        row.getElement().setAttribute("data-task", task.activityId());
        row.getElement().setAttribute("data-record", task.recordFormKey() + ":" + task.recordId());
        row.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("align-items", "center")
                .set("gap", "var(--lumo-space-s)").set("padding", "var(--lumo-space-s) 0")
                .set("border-bottom", "1px solid var(--lumo-contrast-10pct)");
        Span name = new Span(task.name() == null ? task.activityId() : task.name());
        name.getStyle().set("font-weight", "600");
        Span record = new Span(item.formLabel().isEmpty() ? item.recordTitle()
                : item.formLabel() + " · " + item.recordTitle());
        Span when = new Span(task.created() == null ? "" : task.created().atZoneSameInstant(zone)
                .format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(locale)));
        when.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        row.add(item.light().badge(translate.apply("sla." + item.light().name().toLowerCase(Locale.ROOT),
                new Object[0])), name, record, when);
        if (task.returnReason() != null) {
            Span returned = new Span(translate.apply("tasks.returned", new Object[] {task.returnReason()}));
            returned.getStyle().set("color", "var(--lumo-error-text-color)");
            row.add(returned);
        }
        return row;
    }

    private Div row(TaskSummaries.TaskSummary item, Actor actor) {
        Div row = line(item, getLocale(), actor.zone(), this::getTranslation);
        WorkTask task = item.task();
        Button open = new Button(getTranslation("tasks.open"), click -> getUI().ifPresent(ui ->
                ui.navigate(TaskView.class, new RouteParameters("id", task.id()))));
        open.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
        open.getElement().setAttribute("data-testid", "task-open-" + task.id());
        row.add(open);
        if (task.actions().contains(WorkTask.CLAIM)) {
            Button claim = new Button(getTranslation("tasks.claim"), click -> claim(task));
            claim.addThemeVariants(ButtonVariant.LUMO_SMALL);
            claim.getElement().setAttribute("data-testid", "task-claim-" + task.id());
            row.add(claim);
        }
        return row;
    }

    private void claim(WorkTask task) {
        try {
            workflow.claim(actors.get(), task.id());
            Notification.show(getTranslation("tasks.claimed"), 3000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (EngineException e) {
            UiErrors.show(e, getLocale());
        }
        build();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("tasks.title");
    }
}
