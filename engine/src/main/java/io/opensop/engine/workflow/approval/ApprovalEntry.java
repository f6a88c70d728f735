package io.opensop.engine.workflow.approval;

import java.time.OffsetDateTime;

/**
 * One thing that happened to an approval, kept with the process instance's history (it survives
 * the instance): a decision ({@code approve}/{@code reject} with its comment), a transfer, an added
 * signer, a withdrawal.
 *
 * @param target   reject: the step returned to (null: the step's modeled route); transfer and
 *                 add_signer: the user; withdraw: null
 * @param position add_signer: {@code before} or {@code after}
 */
public record ApprovalEntry(long seq, String kind, String processInstanceId, String taskId, String activityId,
                            String by, String comment, String target, String position, OffsetDateTime at) {

    public static final String APPROVE = "approve";
    public static final String REJECT = "reject";
    public static final String TRANSFER = "transfer";
    public static final String ADD_SIGNER = "add_signer";
    public static final String WITHDRAW = "withdraw";

    public static final String BEFORE = "before";
    public static final String AFTER = "after";
}
