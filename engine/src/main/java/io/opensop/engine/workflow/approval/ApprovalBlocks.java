package io.opensop.engine.workflow.approval;

import io.opensop.engine.workflow.WorkflowNames;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The {@code opensopApproval} building block that generated models name in exactly two allowlisted
 * expressions: {@code ${opensopApproval.assignee(execution)}} (a step's single approver: the owner's
 * manager or a user field) and {@code ${opensopApproval.assignees(execution)}} (the approvers of a
 * countersign, any-one or ratio step). The step's assignee spec and ratio come from its own
 * {@code camunda:properties}, never from the expression. When a multi-instance step starts, its
 * scope gets {@code nrOfApproved = 0}, {@code nrOfRejected = 0} and {@code nrOfRequired}, which the
 * fixed completion condition {@code ${nrOfApproved >= nrOfRequired}} reads.
 */
public final class ApprovalBlocks {

    /** The bean name models use. */
    public static final String BEAN = "opensopApproval";
    public static final String APPROVED = "nrOfApproved";
    public static final String REJECTED = "nrOfRejected";
    public static final String REQUIRED = "nrOfRequired";

    private final AssigneeResolver resolver;

    public ApprovalBlocks(AssigneeResolver resolver) {
        this.resolver = resolver;
    }

    public String assignee(DelegateExecution execution) {
        StepProperties step = StepProperties.of(execution);
        return resolve(execution, step).get(0);
    }

    public List<String> assignees(DelegateExecution execution) {
        StepProperties step = StepProperties.of(execution);
        List<String> approvers = resolve(execution, step);
        execution.setVariableLocal(APPROVED, 0);
        execution.setVariableLocal(REJECTED, 0);
        execution.setVariableLocal(REQUIRED, ApprovalFlowBuilder.required(step.type(), step.ratio(), approvers.size()));
        return approvers;
    }

    private List<String> resolve(DelegateExecution execution, StepProperties step) {
        Object recordId = execution.getVariable(WorkflowNames.RECORD_ID);
        return resolver.resolve(step.assignees(), (String) execution.getVariable(WorkflowNames.FORM_KEY),
                recordId instanceof Number n ? n.longValue() : null,
                (String) execution.getVariable(WorkflowNames.SUBMITTER), step.activityId());
    }
}
