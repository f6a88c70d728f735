package io.opensop.runtime.ui.dashboard;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import io.opensop.designer.dashboard.DashboardPanel;
import io.opensop.designer.dashboard.DashboardTexts;
import io.opensop.engine.dashboard.Dashboard;
import io.opensop.engine.dashboard.DashboardFilters;
import io.opensop.engine.dashboard.DashboardService;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.security.Actor;
import io.opensop.engine.user.UserAccount;
import io.opensop.engine.user.UserDirectory;
import io.opensop.runtime.ui.UiActor;
import io.opensop.runtime.ui.layout.MainLayout;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Objects;

/**
 * A dashboard for the signed-in user: the filters it offers (period, region, team) above its
 * widgets, every number computed with the user's permissions. Works at phone width (filters wrap,
 * widgets stack in one column).
 */
@Route(value = "dashboards/:key?", layout = MainLayout.class)
@PermitAll
public class DashboardView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final DashboardService dashboards;
    private final UserDirectory users;
    private final Actor actor;
    private final DashboardPanel panel;
    private final H2 title = new H2();
    private final Select<String> period = new Select<>();
    private final ComboBox<String> region = new ComboBox<>();
    private final ComboBox<String> team = new ComboBox<>();
    private final Select<Dashboard> chooser = new Select<>();
    private Dashboard current;

    public DashboardView(UiActor actors, DashboardService dashboards, FormService forms, UserDirectory users) {
        this.dashboards = dashboards;
        this.users = users;
        this.actor = actors.get();
        this.panel = new DashboardPanel(new DashboardTexts(forms, getLocale(), actor.zone()));
        setWidthFull();
        getStyle().set("background", "var(--lumo-contrast-5pct)").set("min-height", "100%");
        title.getStyle().set("margin", "0").set("font-size", "var(--lumo-font-size-xl)");
        title.getElement().setAttribute("data-testid", "dashboard-title");

        chooser.setLabel(getTranslation("dashboard.choose"));
        chooser.setItemLabelGenerator(d -> d.definition().title().in(getLocale()));
        chooser.getElement().setAttribute("data-testid", "dashboard-chooser");
        chooser.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                getUI().ifPresent(ui -> ui.navigate(DashboardView.class, new RouteParameters("key", e.getValue().key())));
            }
        });
        period.setLabel(getTranslation("dashboard.filter.period"));
        period.setItems("all", "week", "month", "quarter", "year");
        period.setItemLabelGenerator(p -> getTranslation("dashboard.period." + p));
        period.setValue("all");
        period.getElement().setAttribute("data-testid", "filter-period");
        region.setLabel(getTranslation("dashboard.filter.region"));
        region.setItems(users.all().stream().map(UserAccount::region).filter(Objects::nonNull).distinct().sorted()
                .toList());
        region.setClearButtonVisible(true);
        region.getElement().setAttribute("data-testid", "filter-region");
        team.setLabel(getTranslation("dashboard.filter.team"));
        team.setItems(users.all().stream().map(UserAccount::team).filter(Objects::nonNull).distinct().sorted().toList());
        team.setClearButtonVisible(true);
        team.getElement().setAttribute("data-testid", "filter-team");
        period.addValueChangeListener(e -> reload());
        region.addValueChangeListener(e -> reload());
        team.addValueChangeListener(e -> reload());

        FlexLayout filters = new FlexLayout(chooser, period, region, team);
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.getStyle().set("gap", "var(--lumo-space-s) var(--lumo-space-m)");
        add(title, filters, panel);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<Dashboard> all = dashboards.list(actor);
        chooser.setItems(all);
        String key = event.getRouteParameters().get("key").orElse(null);
        if (key == null && !all.isEmpty()) {
            key = all.get(0).key();
        }
        if (key == null) {
            title.setText(getTranslation("dashboard.none"));
            panel.removeAll();
            return;
        }
        try {
            current = dashboards.get(actor, key);
        } catch (NotFoundException e) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, key);
            return;
        }
        String selected = key;
        chooser.setValue(all.stream().filter(d -> d.key().equals(selected)).findFirst().orElse(null));
        title.setText(current.definition().title().in(getLocale()));
        List<String> offered = current.definition().filterList();
        period.setVisible(offered.contains("period"));
        region.setVisible(offered.contains("region"));
        team.setVisible(offered.contains("team"));
        reload();
    }

    @Override
    public String getPageTitle() {
        return current == null ? getTranslation("nav.dashboards") : current.definition().title().in(getLocale());
    }

    private void reload() {
        if (current == null) {
            return;
        }
        DashboardFilters filters = new DashboardFilters(period.isVisible() ? period.getValue() : null,
                region.isVisible() ? region.getValue() : null, team.isVisible() ? team.getValue() : null);
        panel.show(dashboards.data(actor, current.key(), filters));
    }
}
