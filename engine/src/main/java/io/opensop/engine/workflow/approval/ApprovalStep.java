package io.opensop.engine.workflow.approval;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.opensop.engine.i18n.LocalizedText;

/**
 * One step of an approval flow.
 *
 * @param id        BPMN id of the step ({@code [A-Za-z][A-Za-z0-9_]*}, not {@code start}, {@code submit},
 *                  {@code approved}, {@code rejected})
 * @param type      {@code sequential} (one approver, or one of a role), {@code countersign} 会签 (all must
 *                  approve), {@code anyone} 或签 (the first approval completes the step), {@code ratio}
 *                  (at least {@link #ratio} of the approvers), {@code cc} 抄送 (a notification, no task)
 * @param assignees who decides (for {@code cc}: who is copied); {@code assignee} is accepted as a synonym
 * @param ratio     for {@code ratio}: {@code "2/3"} or a percentage {@code "60%"}
 * @param onReject  where a rejection goes: {@code end} (default), {@code submitter}, or the id of an earlier step
 * @param section   optional form section the task shows ({@code camunda:formKey="deal#section"})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApprovalStep(String id, String type, LocalizedText name, AssigneeSpec assignee, AssigneeSpec assignees,
                           String ratio, String onReject, String section) {

    public static final String SEQUENTIAL = "sequential";
    public static final String COUNTERSIGN = "countersign";
    public static final String ANYONE = "anyone";
    public static final String RATIO = "ratio";
    public static final String CC = "cc";

    public static final String REJECT_END = "end";
    public static final String REJECT_SUBMITTER = "submitter";

    /** The assignee spec, whichever of the two names was used. */
    public AssigneeSpec who() {
        return assignees != null ? assignees : assignee;
    }

    boolean multiInstance() {
        return COUNTERSIGN.equals(type) || ANYONE.equals(type) || RATIO.equals(type);
    }

    String rejectTarget() {
        return onReject == null || onReject.isBlank() ? REJECT_END : onReject;
    }

    ApprovalStep withOnReject(String target) {
        return new ApprovalStep(id, type, name, assignee, assignees, ratio, target, section);
    }
}
