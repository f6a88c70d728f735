package io.opensop.runtime.ui.home;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.opensop.engine.metadata.FormDraft;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.security.Actor;
import io.opensop.engine.user.UserDirectory;
import io.opensop.runtime.ui.UiActor;
import io.opensop.runtime.ui.layout.MainLayout;
import io.opensop.runtime.ui.record.RecordListView;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/** Welcome, a launcher of the user's forms, and places kept for tasks and alerts. */
@Route(value = "", layout = MainLayout.class)
@PermitAll
public class HomeView extends VerticalLayout implements HasDynamicTitle {

    public HomeView(UiActor actors, FormService forms, UserDirectory users) {
        Actor actor = actors.get();
        String name = users.byUsername(actor.username()).map(u -> u.displayName() == null ? u.username()
                : u.displayName()).orElse(actor.username());
        add(new H2(getTranslation("home.welcome", name)));

        add(new H3(getTranslation("home.launcher")));
        List<FormDraft> published = MainLayout.publishedForms(forms, actor);
        Div launcher = new Div();
        launcher.addClassName("opensop-launcher");
        launcher.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-m)");
        for (FormDraft form : published) {
            RouterLink link = new RouterLink(RecordListView.class, new RouteParameters("form", form.key()));
            link.setText(form.definition().label().in(getLocale()));
            link.getStyle().set("padding", "var(--lumo-space-m)").set("border-radius", "var(--lumo-border-radius-l)")
                    .set("background", "var(--lumo-contrast-5pct)").set("min-width", "10em");
            launcher.add(link);
        }
        if (published.isEmpty()) {
            launcher.add(new Paragraph(getTranslation("home.noForms")));
        }
        add(launcher);

        // Placeholders: the task inbox comes with the workflow issue, alerts with notifications.
        Div tasks = placeholder("home.tasks", "home.tasks.placeholder", "tasks");
        Div alerts = placeholder("home.alerts", "home.alerts.placeholder", "alerts");
        add(tasks, alerts);
    }

    private Div placeholder(String title, String text, String id) {
        Div box = new Div(new H3(getTranslation(title)), new Paragraph(getTranslation(text)));
        box.getElement().setAttribute("data-placeholder", id);
        box.getStyle().set("border", "1px dashed var(--lumo-contrast-30pct)")
                .set("border-radius", "var(--lumo-border-radius-l)").set("padding", "0 var(--lumo-space-m)")
                .set("width", "100%").set("box-sizing", "border-box");
        return box;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("app.title");
    }
}
