package io.opensop.runtime.workflow;

import io.opensop.engine.workflow.TaskEdits;
import io.opensop.runtime.api.Versions;
import java.util.Map;

/** The field values a decision (approve, reject, return) carries; a version is needed only when there are some. */
final class TaskEditsInput {

    private TaskEditsInput() {
    }

    static TaskEdits of(String ifMatch, Long version, Map<String, Object> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        return new TaskEdits(Versions.required(ifMatch, version), values);
    }
}
