package io.opensop.runtime.ui.home;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.template.AppLauncher;
import io.opensop.engine.template.InstalledApp;
import io.opensop.engine.template.TemplateService;
import io.opensop.engine.security.Actor;
import io.opensop.engine.user.UserDirectory;
import io.opensop.runtime.ui.UiActor;
import io.opensop.runtime.ui.layout.MainLayout;
import io.opensop.runtime.ui.record.RecordListView;
import io.opensop.runtime.ui.record.RecordView;
import io.opensop.runtime.ui.notify.NotificationsView;
import io.opensop.runtime.ui.sla.SlaLight;
import io.opensop.runtime.ui.task.TaskInboxView;
import io.opensop.runtime.ui.task.TaskSummaries;
import io.opensop.runtime.ui.task.TaskView;
import io.opensop.engine.notify.NotificationService;
import io.opensop.engine.workflow.WorkTask;
import com.vaadin.flow.router.RouteParam;
import java.util.LinkedHashSet;
import java.util.Set;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/** Welcome, the launcher of installed apps, alerts (red SLA items, unread notifications), my tasks, records needing action. */
@Route(value = "", layout = MainLayout.class)
@PermitAll
public class HomeView extends VerticalLayout implements HasDynamicTitle {

    static final int SHOWN = 10;

    public HomeView(UiActor actors, TemplateService templates, UserDirectory users, TaskSummaries tasks,
                    NotificationService notifications) {
        Actor actor = actors.get();
        String name = users.byUsername(actor.username()).map(u -> u.displayName() == null ? u.username()
                : u.displayName()).orElse(actor.username());
        add(new H2(getTranslation("home.welcome", name)));

        add(new H3(getTranslation("home.launcher")), launcher(templates.launcher(actor)));

        List<TaskSummaries.TaskSummary> open = tasks.open(actor, getLocale());
        add(alerts(open, notifications.unread(actor)), myTasks(open, actor), recordsNeedingAction(open));
    }

    /** One group per installed app with the forms the user may read, then the forms of no app under "Other". */
    private Div launcher(AppLauncher launcher) {
        Div groups = new Div();
        groups.getElement().setAttribute("data-testid", "home-launcher");
        groups.getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-s)")
                .set("width", "100%");
        for (InstalledApp app : launcher.apps()) {
            groups.add(group(app.name().in(getLocale()), "launcher-app-" + app.app(), app.forms()));
        }
        if (!launcher.otherForms().isEmpty()) {
            groups.add(group(getTranslation("home.launcher.other"), "launcher-other", launcher.otherForms()));
        }
        if (launcher.apps().isEmpty() && launcher.otherForms().isEmpty()) {
            groups.add(new Paragraph(getTranslation("home.noForms")));
        }
        return groups;
    }

    private Div group(String title, String testId, List<PublishedForm> forms) {
        H4 heading = new H4(title);
        heading.getStyle().set("margin", "0");
        Div links = new Div();
        links.addClassName("opensop-launcher");
        links.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-m)");
        for (PublishedForm form : forms) {
            RouterLink link = new RouterLink(RecordListView.class, new RouteParameters("form", form.key()));
            link.setText(form.definition().label().in(getLocale()));
            link.getElement().setAttribute("data-testid", "launcher-form-" + form.key());
            link.getStyle().set("padding", "var(--lumo-space-m)").set("border-radius", "var(--lumo-border-radius-l)")
                    .set("background", "var(--lumo-contrast-5pct)").set("min-width", "10em");
            links.add(link);
        }
        Div group = new Div(heading, links);
        group.getElement().setAttribute("data-testid", testId);
        group.getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-xs)");
        return group;
    }

    /** Red items: tasks whose SLA has fired, and unread notifications. */
    private Div alerts(List<TaskSummaries.TaskSummary> open, long unread) {
        Div box = box("home.alerts", "home-alerts");
        List<TaskSummaries.TaskSummary> red = open.stream().filter(t -> t.light() == SlaLight.RED).toList();
        for (TaskSummaries.TaskSummary item : red) {
            RouterLink link = new RouterLink(TaskView.class, new RouteParameters("id", item.task().id()));
            link.setText(getTranslation("home.alert.task", item.task().name(), item.recordTitle()));
            Div line = new Div(SlaLight.RED.badge(getTranslation("sla.red")), link);
            line.getStyle().set("display", "flex").set("gap", "var(--lumo-space-s)").set("align-items", "center");
            box.add(line);
        }
        if (unread > 0) {
            RouterLink link = new RouterLink(NotificationsView.class);
            link.setText(getTranslation("home.alert.unread", unread));
            link.getElement().setAttribute("data-testid", "home-unread");
            box.add(new Div(link));
        }
        if (red.isEmpty() && unread == 0) {
            box.add(new Paragraph(getTranslation("home.alerts.none")));
        }
        return box;
    }

    private Div myTasks(List<TaskSummaries.TaskSummary> open, Actor actor) {
        Div box = box("home.tasks", "home-tasks");
        open.stream().limit(SHOWN).forEach(item -> {
            Div line = TaskInboxView.line(item, getLocale(), actor.zone(), this::getTranslation);
            RouterLink link = new RouterLink(TaskView.class, new RouteParameters("id", item.task().id()));
            link.setText(getTranslation("tasks.open"));
            line.add(link);
            box.add(line);
        });
        if (open.isEmpty()) {
            box.add(new Paragraph(getTranslation("tasks.none")));
        } else {
            RouterLink all = new RouterLink(TaskInboxView.class);
            all.setText(getTranslation("home.tasks.all", open.size()));
            box.add(all);
        }
        return box;
    }

    /** The records the user's open tasks are about, each once. */
    private Div recordsNeedingAction(List<TaskSummaries.TaskSummary> open) {
        Div box = box("home.records", "home-records");
        Set<String> seen = new LinkedHashSet<>();
        for (TaskSummaries.TaskSummary item : open) {
            WorkTask task = item.task();
            if (task.recordId() == null || !seen.add(task.recordFormKey() + ":" + task.recordId())
                    || seen.size() > SHOWN) {
                continue;
            }
            RouterLink link = new RouterLink(RecordView.class, new RouteParameters(
                    new RouteParam("form", task.recordFormKey()), new RouteParam("id", String.valueOf(task.recordId()))));
            link.setText(item.formLabel().isEmpty() ? item.recordTitle() : item.formLabel() + " · " + item.recordTitle());
            Div line = new Div(item.light().badge(getTranslation("sla." + item.light().name().toLowerCase(
                    java.util.Locale.ROOT))), link);
            line.getStyle().set("display", "flex").set("gap", "var(--lumo-space-s)").set("align-items", "center");
            box.add(line);
        }
        if (seen.isEmpty()) {
            box.add(new Paragraph(getTranslation("home.records.none")));
        }
        return box;
    }

    private Div box(String title, String testId) {
        Div box = new Div(new H3(getTranslation(title)));
        box.getElement().setAttribute("data-testid", testId);
        box.getStyle().set("border", "1px solid var(--lumo-contrast-10pct)")
                .set("border-radius", "var(--lumo-border-radius-l)").set("padding", "0 var(--lumo-space-m) var(--lumo-space-m)")
                .set("width", "100%").set("box-sizing", "border-box");
        return box;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("app.title");
    }
}
