package io.opensop.runtime.ui.designer;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.opensop.designer.form.FormCatalog;
import io.opensop.runtime.ui.layout.MainLayout;
import jakarta.annotation.security.RolesAllowed;

/** Designer → Forms: every form the designer may design, and a new one from scratch. */
@Route(value = "designer/forms", layout = MainLayout.class)
@RolesAllowed({"designer", "admin"})
public class FormCatalogView extends Div implements HasDynamicTitle {

    public FormCatalogView(UiDesignerHost host) {
        setWidthFull();
        getStyle().set("padding", "var(--lumo-space-m)");
        add(new FormCatalog(host, getLocale()));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.designer.forms");
    }
}
