package io.opensop.runtime.ui.designer;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.opensop.designer.template.TemplateManager;
import io.opensop.engine.template.TemplateService;
import io.opensop.runtime.template.TemplateCatalog;
import io.opensop.runtime.ui.UiActor;
import io.opensop.runtime.ui.layout.MainLayout;
import jakarta.annotation.security.RolesAllowed;

/** Available and installed templates: install, upgrade with a preview, uninstall, export. */
@Route(value = "designer/templates", layout = MainLayout.class)
@RolesAllowed({"admin", "designer"})
public class TemplateManagerView extends VerticalLayout implements HasDynamicTitle {

    public TemplateManagerView(TemplateService templates, TemplateCatalog catalog, UiActor actors) {
        add(new TemplateManager(templates, catalog::all, actors::get, getLocale()));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("designer.templates");
    }
}
