package io.opensop.engine.workflow;

import io.opensop.engine.error.Problem;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.record.FormRecord;
import java.util.List;

/**
 * A check a task completion must pass beyond the record save's own checks, run inside the completing
 * transaction against the record as just saved (for instance rules scoped {@code task:<activityId>}).
 * Any problem refuses the completion: the save is rolled back and the task stays open.
 */
@FunctionalInterface
public interface TaskCompletionCheck {

    List<Problem> problems(String activityId, FormDefinition form, FormRecord saved);
}
