package io.opensop.runtime.ui.designer;

import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import io.opensop.engine.security.Actor;
import java.util.Optional;
import java.util.function.Function;

/** The drawer's "Designer" section; only designers and admins see it. */
public final class DesignerNav {

    private DesignerNav() {
    }

    public static boolean visibleTo(Actor actor) {
        return actor.isAdmin() || actor.hasRole(Actor.DESIGNER);
    }

    /** @param translate the layout's getTranslation */
    public static Optional<SideNav> create(Actor actor, Function<String, String> translate) {
        if (!visibleTo(actor)) {
            return Optional.empty();
        }
        SideNav nav = new SideNav(translate.apply("nav.designer"));
        nav.setCollapsible(true);
        nav.getElement().setAttribute("data-testid", "nav-designer");
        SideNavItem forms = new SideNavItem(translate.apply("nav.designer.forms"), FormCatalogView.class,
                VaadinIcon.FORM.create());
        forms.getElement().setAttribute("data-testid", "nav-designer-forms");
        nav.addItem(forms);
        nav.addItem(new SideNavItem(translate.apply("designer.processes"), ProcessListView.class,
                VaadinIcon.SITEMAP.create()));
        nav.addItem(new SideNavItem(translate.apply("designer.templates"), TemplateManagerView.class,
                VaadinIcon.PACKAGE.create()));
        return Optional.of(nav);
    }
}
