package io.opensop.runtime.ui.dashboard;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.opensop.designer.dashboard.DashboardBuilder;
import io.opensop.designer.dashboard.DashboardTexts;
import io.opensop.engine.aggregate.AggregateService;
import io.opensop.engine.dashboard.DashboardService;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.security.Actor;
import io.opensop.runtime.ui.UiActor;
import io.opensop.runtime.ui.layout.MainLayout;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Optional;

/** The dashboard builder (designer-ui) in the app's layout; the builder itself refuses non-designers. */
@Route(value = "dashboard-builder", layout = MainLayout.class)
@PermitAll
public class DashboardBuilderView extends VerticalLayout implements HasDynamicTitle {

    public DashboardBuilderView(UiActor actors, AggregateService aggregates, DashboardService dashboards,
                                FormService forms) {
        Actor actor = actors.get();
        H2 title = new H2(getTranslation("dashboard.builder.title"));
        title.getStyle().set("margin", "0").set("font-size", "var(--lumo-font-size-xl)");
        List<FormDefinition> readable = MainLayout.publishedForms(forms, actor).stream()
                .map(f -> forms.current(f.key())).flatMap(Optional::stream).map(PublishedForm::definition).toList();
        add(title, new DashboardBuilder(aggregates, dashboards, readable, actor,
                new DashboardTexts(forms, getLocale(), actor.zone())));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("dashboard.builder.title");
    }
}
