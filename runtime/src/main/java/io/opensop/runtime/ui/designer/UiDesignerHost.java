package io.opensop.runtime.ui.designer;

import com.vaadin.flow.component.UI;
import io.opensop.designer.form.DesignerHost;
import io.opensop.designer.render.RenderContext;
import io.opensop.engine.attachment.AttachmentStore;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.rules.FormulaTools;
import io.opensop.engine.security.Actor;
import io.opensop.engine.user.UserAccount;
import io.opensop.engine.user.UserDirectory;
import io.opensop.runtime.ui.RuntimeRenderContext;
import io.opensop.runtime.ui.UiActor;
import java.util.List;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import org.springframework.context.annotation.Scope;

/**
 * The designer's view of the application: the signed-in user and the engine's services. The preview
 * renders with the same context as record pages, so pickers show what the designer may see.
 */
@Component
@Scope("prototype")
class UiDesignerHost implements DesignerHost {

    private final transient UiActor actors;
    private final transient FormService forms;
    private final transient FormulaTools formulaTools;
    private final transient RecordService records;
    private final transient UserDirectory users;
    private final transient AttachmentStore attachments;

    UiDesignerHost(UiActor actors, FormService forms, FormulaTools formulaTools, RecordService records,
                   UserDirectory users, AttachmentStore attachments) {
        this.actors = actors;
        this.forms = forms;
        this.formulaTools = formulaTools;
        this.records = records;
        this.users = users;
        this.attachments = attachments;
    }

    @Override
    public Actor actor() {
        return actors.get();
    }

    @Override
    public FormService forms() {
        return forms;
    }

    @Override
    public FormulaTools formulaTools() {
        return formulaTools;
    }

    @Override
    public RenderContext renderContext() {
        return new RuntimeRenderContext(actor(), forms, records, users, attachments);
    }

    /** The roles users have today, for field permissions. */
    @Override
    public List<String> roles() {
        TreeSet<String> roles = new TreeSet<>();
        for (UserAccount user : users.all()) {
            roles.addAll(user.roles());
        }
        return List.copyOf(roles);
    }

    @Override
    public void navigate(String route) {
        UI.getCurrent().navigate(route);
    }
}
