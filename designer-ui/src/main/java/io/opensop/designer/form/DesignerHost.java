package io.opensop.designer.form;

import io.opensop.designer.render.RenderContext;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.rules.FormulaTools;
import io.opensop.engine.security.Actor;
import java.io.Serializable;
import java.util.List;

/**
 * What the designer needs from the application around it: who is designing, the engine's services
 * (every call goes through them with that actor), a render context for the live preview and the
 * "try it" sample form, and navigation.
 */
public interface DesignerHost extends Serializable {

    Actor actor();

    FormService forms();

    FormulaTools formulaTools();

    RenderContext renderContext();

    /** Roles that field permissions may name. */
    List<String> roles();

    /** Goes to a route of the application, e.g. {@code designer/forms/visit}. */
    void navigate(String route);
}
