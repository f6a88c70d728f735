package io.opensop.engine.workflow;

import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.record.FormRecord;
import java.util.List;

/** What a task page needs: the task, the published form it shows, the record as the actor may see it, and where it may be returned to. */
public record TaskDetail(WorkTask task, FormDefinition form, int formVersion, FormRecord record,
                         List<String> returnTargets) {
}
