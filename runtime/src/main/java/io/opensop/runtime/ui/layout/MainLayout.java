package io.opensop.runtime.ui.layout;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.opensop.engine.dashboard.Dashboard;
import io.opensop.engine.dashboard.DashboardService;
import io.opensop.engine.metadata.FormDraft;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.security.Actor;
import io.opensop.runtime.ui.UiActor;
import io.opensop.runtime.ui.dashboard.DashboardBuilderView;
import io.opensop.runtime.ui.dashboard.DashboardView;
import io.opensop.runtime.ui.home.HomeView;
import io.opensop.runtime.ui.i18n.LanguageSwitch;
import io.opensop.runtime.ui.kanban.KanbanView;
import io.opensop.runtime.ui.notify.NotificationsView;
import io.opensop.runtime.ui.record.RecordListView;
import io.opensop.runtime.ui.task.TaskInboxView;
import java.util.List;

/**
 * The frame of every signed-in page: a header with the drawer toggle, language and sign-out, and a
 * drawer listing the published forms the user may read. On a phone the drawer becomes an overlay.
 */
public class MainLayout extends AppLayout {

    public MainLayout(UiActor actors, FormService forms, AuthenticationContext authentication,
                      DashboardService dashboards) {
        Actor actor = actors.get();
        DrawerToggle toggle = new DrawerToggle();
        toggle.setAriaLabel(getTranslation("nav.forms"));
        Span title = new Span(getTranslation("app.title"));
        title.getStyle().set("font-weight", "600").set("font-size", "var(--lumo-font-size-l)");
        Span user = new Span(actor.username());
        user.getStyle().set("color", "var(--lumo-secondary-text-color)");
        user.addClassName("opensop-hide-narrow");
        Button logout = new Button(getTranslation("nav.logout"), VaadinIcon.SIGN_OUT.create(),
                click -> authentication.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        logout.getElement().setAttribute("data-testid", "logout");
        HorizontalLayout right = new HorizontalLayout(user, new LanguageSwitch(getLocale()), logout);
        right.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        HorizontalLayout header = new HorizontalLayout(title, right);
        header.setWidthFull();
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        header.getStyle().set("padding-right", "var(--lumo-space-m)");
        addToNavbar(toggle, header);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem(getTranslation("nav.home"), HomeView.class, VaadinIcon.HOME.create()));
        nav.addItem(new SideNavItem(getTranslation("nav.tasks"), TaskInboxView.class, VaadinIcon.TASKS.create()));
        nav.addItem(new SideNavItem(getTranslation("nav.notifications"), NotificationsView.class,
                VaadinIcon.BELL.create()));
        SideNav formsNav = new SideNav(getTranslation("nav.forms"));
        formsNav.setCollapsible(true);
        for (FormDraft form : publishedForms(forms, actor)) {
            formsNav.addItem(new SideNavItem(form.definition().label().in(getLocale()), RecordListView.class,
                    new RouteParameters("form", form.key()), VaadinIcon.TABLE.create()));
            if (form.definition().pipeline() != null) {
                formsNav.addItem(new SideNavItem(getTranslation("nav.kanban", form.definition().label().in(getLocale())),
                        KanbanView.class, new RouteParameters("form", form.key()), VaadinIcon.GRID_BIG.create()));
            }
        }
        SideNav dashboardNav = dashboardNav(dashboards, actor);
        com.vaadin.flow.component.html.Div navs = new com.vaadin.flow.component.html.Div(nav, dashboardNav, formsNav);
        io.opensop.runtime.ui.designer.DesignerNav.create(actor, this::getTranslation).ifPresent(navs::add);
        navs.getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-m)")
                .set("padding", "var(--lumo-space-s)");
        addToDrawer(new Scroller(navs));
        setPrimarySection(Section.DRAWER);
    }

    private SideNav dashboardNav(DashboardService dashboards, Actor actor) {
        SideNav dashboardNav = new SideNav(getTranslation("nav.dashboards"));
        dashboardNav.setCollapsible(true);
        for (Dashboard dashboard : dashboards.list(actor)) {
            dashboardNav.addItem(new SideNavItem(dashboard.definition().title().in(getLocale()), DashboardView.class,
                    new RouteParameters("key", dashboard.key()), VaadinIcon.CHART.create()));
        }
        if (actor.isAdmin() || actor.hasRole(Actor.DESIGNER)) {
            dashboardNav.addItem(new SideNavItem(getTranslation("dashboard.builder.title"), DashboardBuilderView.class,
                    VaadinIcon.PLUS_CIRCLE_O.create()));
        }
        return dashboardNav;
    }

    /** The forms the actor may read that have a published version, in key order. */
    public static List<FormDraft> publishedForms(FormService forms, Actor actor) {
        return forms.list(actor).stream().filter(f -> f.publishedVersion() != null).toList();
    }
}
