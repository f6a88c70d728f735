package io.opensop.runtime.workflow;

import io.opensop.engine.workflow.TaskEdits;
import io.opensop.engine.workflow.WorkflowService;
import io.opensop.engine.workflow.approval.ApprovalEntry;
import io.opensop.runtime.security.CurrentActor;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Approval actions on tasks (approve, reject, transfer 转交, add a signer 加签), withdraw 撤回 by the
 * submitter, and the approval history of a process instance. Each answers the entry it kept.
 */
@RestController
@RequestMapping("/api")
class ApprovalController {

    private final WorkflowService workflow;
    private final CurrentActor actor;

    ApprovalController(WorkflowService workflow, CurrentActor actor) {
        this.workflow = workflow;
        this.actor = actor;
    }

    /** {@code values}: fields of the task's form changed with the decision, saved with it ({@code version} or If-Match). */
    record DecisionInput(String comment, String target, Long version, Map<String, Object> values) {
    }

    record TransferInput(String to, String comment) {
    }

    record SignerInput(String user, String position, String comment) {
    }

    record WithdrawInput(String reason) {
    }

    @PostMapping("/tasks/{id}/approve")
    ApprovalEntry approve(@PathVariable String id, @RequestBody(required = false) DecisionInput input,
                          @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return workflow.approve(actor.get(), id, input == null ? null : input.comment(),
                input == null ? null : TaskEditsInput.of(ifMatch, input.version(), input.values()));
    }

    /** {@code target} absent: the step's modeled route; {@code submitter} or an earlier step id: back there. */
    @PostMapping("/tasks/{id}/reject")
    ApprovalEntry reject(@PathVariable String id, @RequestBody DecisionInput input,
                         @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return workflow.reject(actor.get(), id, input.comment(), input.target(),
                TaskEditsInput.of(ifMatch, input.version(), input.values()));
    }

    @PostMapping("/tasks/{id}/transfer")
    ApprovalEntry transfer(@PathVariable String id, @RequestBody TransferInput input) {
        return workflow.transfer(actor.get(), id, input.to(), input.comment());
    }

    @PostMapping("/tasks/{id}/add-signer")
    ApprovalEntry addSigner(@PathVariable String id, @RequestBody SignerInput input) {
        return workflow.addSigner(actor.get(), id, input.user(), input.position(), input.comment());
    }

    @PostMapping("/processes/instances/{id}/withdraw")
    ApprovalEntry withdraw(@PathVariable String id, @RequestBody(required = false) WithdrawInput input) {
        return workflow.withdraw(actor.get(), id, input == null ? null : input.reason());
    }

    @GetMapping("/processes/instances/{id}/approvals")
    List<ApprovalEntry> history(@PathVariable String id) {
        return workflow.approvalHistory(actor.get(), id);
    }
}
