package io.opensop.engine.workflow.approval;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.opensop.engine.i18n.LocalizedText;
import java.util.List;

/**
 * A chain of approval steps on one form, the JSON form of the palette:
 * <pre>{"key": "deal_approval", "form": "deal", "name": {"en": "Deal approval"},
 *  "steps": [{"id": "manager", "type": "sequential", "assignee": {"manager": true}},
 *            {"id": "legal", "type": "countersign", "assignees": {"users": ["lee", "lin"]}},
 *            {"id": "board", "type": "ratio", "ratio": "2/3", "assignees": {"role": "board"}, "onReject": "submitter"},
 *            {"id": "notify", "type": "cc", "assignees": {"role": "finance"}}]}</pre>
 *
 * @param submitStep whether the flow starts with a step for the submitter (default true); needed for
 *                   {@code onReject: submitter}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApprovalFlow(String key, LocalizedText name, String form, Boolean submitStep, List<ApprovalStep> steps) {

    public ApprovalFlow {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    boolean withSubmitStep() {
        return submitStep == null || submitStep;
    }
}
