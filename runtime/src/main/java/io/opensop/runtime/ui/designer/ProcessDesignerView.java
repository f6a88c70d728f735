package io.opensop.runtime.ui.designer;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.opensop.designer.bpmn.ProcessDesigner;
import io.opensop.designer.bpmn.ProcessDesignerServices;
import io.opensop.engine.error.NotFoundException;
import io.opensop.runtime.ui.UiActor;
import io.opensop.runtime.ui.layout.MainLayout;
import jakarta.annotation.security.RolesAllowed;

/** The BPMN modeler for one process model: {@code designer/processes/{processKey}}. */
@Route(value = "designer/processes/:" + ProcessDesignerView.KEY, layout = MainLayout.class)
@RolesAllowed({"admin", "designer"})
public class ProcessDesignerView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final String KEY = "processKey";

    private final ProcessDesignerServices services;
    private final UiActor actors;
    private String title;

    public ProcessDesignerView(ProcessDesignerServices services, UiActor actors) {
        this.services = services;
        this.actors = actors;
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String key = event.getRouteParameters().get(KEY).orElse("");
        removeAll();
        title = getTranslation("designer.processes") + " · " + key;
        try {
            add(new ProcessDesigner(services, actors::get, key, getLocale()));
        } catch (NotFoundException missing) {
            add(new Paragraph(getTranslation("designer.processNotFound", key)));
        }
    }

    @Override
    public String getPageTitle() {
        return title == null ? getTranslation("designer.processes") : title;
    }
}
