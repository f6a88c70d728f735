package io.opensop.runtime.ui;

import com.vaadin.flow.component.HasValue;
import io.opensop.designer.render.FieldEditor;
import io.opensop.designer.render.RenderedForm;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.security.AccessPolicy;
import io.opensop.engine.security.Actor;
import io.opensop.engine.security.FieldAccess;
import io.opensop.engine.workflow.TaskSections;
import java.util.Set;

/**
 * Makes a rendered form show only what the actor may change as editable: fields the access policy
 * makes read-only, and on a task form {@code form#section} every field outside the task's section.
 * The server still judges every save; this only keeps the user from typing what would be refused.
 */
public final class FieldLocks {

    private FieldLocks() {
    }

    /** @param taskFormKey the task's form key ({@code contract} or {@code contract#approval}); null on a record page */
    public static void apply(RenderedForm rendered, FormDefinition form, Actor actor, AccessPolicy policy,
                             String taskFormKey) {
        Set<String> section = TaskSections.editableFields(form, taskFormKey);
        rendered.editors().forEach((key, editor) -> {
            boolean locked = policy.fieldAccess(actor, form, editor.field()) != FieldAccess.EDITABLE
                    || section != null && !section.contains(key);
            if (locked) {
                lock(editor);
            }
        });
    }

    private static void lock(FieldEditor editor) {
        if (editor.component() instanceof HasValue<?, ?> value) {
            value.setReadOnly(true);
        }
    }
}
