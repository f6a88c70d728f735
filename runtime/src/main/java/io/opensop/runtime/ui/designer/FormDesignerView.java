package io.opensop.runtime.ui.designer;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.opensop.designer.form.FormDesigner;
import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.runtime.ui.layout.MainLayout;
import jakarta.annotation.security.RolesAllowed;

/** Designer → one form: the designer component inside the app's layout. */
@Route(value = "designer/forms/:form", layout = MainLayout.class)
@RolesAllowed({"designer", "admin"})
public class FormDesignerView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    private final UiDesignerHost host;
    private String title = "";

    public FormDesignerView(UiDesignerHost host) {
        this.host = host;
        setWidthFull();
        getStyle().set("padding", "var(--lumo-space-m)").set("box-sizing", "border-box");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String formKey = event.getRouteParameters().get("form").orElse("");
        removeAll();
        try {
            add(new FormDesigner(host, formKey, getLocale()));
            title = getTranslation("nav.designer.form", formKey);
        } catch (NotFoundException | AccessDeniedException e) {
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, getTranslation("record.notFound"));
        }
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
