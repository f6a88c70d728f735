package io.opensop.engine.workflow.approval;

import io.opensop.engine.workflow.WorkflowNames;
import io.opensop.engine.workflow.WorkflowNotification;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * The {@code opensopCarbonCopy} building block (抄送): a service task that resolves its recipients
 * and publishes a {@link WorkflowNotification} of kind {@code CC}. No task is created and the
 * process moves on; delivering the notification is the notifications feature's job.
 */
public final class CarbonCopyBlock implements JavaDelegate {

    public static final String BEAN = "opensopCarbonCopy";

    private final AssigneeResolver resolver;
    private final Consumer<Object> events;
    private final Clock clock;

    public CarbonCopyBlock(AssigneeResolver resolver, Consumer<Object> events, Clock clock) {
        this.resolver = resolver;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        StepProperties step = StepProperties.of(execution);
        Object recordId = execution.getVariable(WorkflowNames.RECORD_ID);
        Long id = recordId instanceof Number n ? n.longValue() : null;
        String formKey = (String) execution.getVariable(WorkflowNames.FORM_KEY);
        String submitter = (String) execution.getVariable(WorkflowNames.SUBMITTER);
        List<String> recipients = resolver.resolve(step.assignees(), formKey, id, submitter, step.activityId());
        String name = execution.getCurrentActivityName();
        events.accept(new WorkflowNotification(WorkflowNotification.CC, recipients, formKey, id,
                execution.getProcessInstanceId(), (String) execution.getVariable(WorkflowNames.MODEL_KEY),
                step.activityId(), name, submitter, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)));
    }
}
