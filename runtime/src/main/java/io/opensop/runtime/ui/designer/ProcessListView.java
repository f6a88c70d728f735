package io.opensop.runtime.ui.designer;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import io.opensop.designer.bpmn.ProcessDesignerServices;
import io.opensop.designer.bpmn.ProcessList;
import io.opensop.runtime.ui.UiActor;
import io.opensop.runtime.ui.layout.MainLayout;
import jakarta.annotation.security.RolesAllowed;

/** The process models; each opens in the BPMN modeler. */
@Route(value = "designer/processes", layout = MainLayout.class)
@RolesAllowed({"admin", "designer"})
public class ProcessListView extends VerticalLayout implements HasDynamicTitle {

    public ProcessListView(ProcessDesignerServices services, UiActor actors) {
        add(new H2(getTranslation("designer.processes")));
        add(new ProcessList(services, actors::get, getLocale(), key -> getUI().ifPresent(ui ->
                ui.navigate(ProcessDesignerView.class, new RouteParameters(ProcessDesignerView.KEY, key)))));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("designer.processes");
    }
}
