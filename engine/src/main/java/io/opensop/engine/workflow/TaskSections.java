package io.opensop.engine.workflow;

import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.SectionDefinition;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which fields a task may change. A task form key {@code contract#approval} names a section of the
 * record's form: the task edits only that section's fields (legal's step cannot rewrite the amount);
 * {@code contract} alone means the whole form.
 */
public final class TaskSections {

    private TaskSections() {
    }

    /** The fields of the section the task form key names; null when it names the whole form or no known section. */
    public static Set<String> editableFields(FormDefinition form, String taskFormKey) {
        if (taskFormKey == null || !taskFormKey.contains("#") || form.sections() == null) {
            return null;
        }
        String name = taskFormKey.substring(taskFormKey.indexOf('#') + 1);
        return form.sections().stream().filter(s -> s.key().equals(name)).findFirst()
                .map(SectionDefinition::fields).map(f -> f.stream().collect(Collectors.toSet())).orElse(null);
    }
}
