package io.opensop.engine.workflow;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Something a process wants people to know without giving them a task. Published on the engine's
 * event sink ({@code EngineServices.events()}) inside the transaction that reached the step; the
 * notifications feature delivers it after commit (in-app, mail ...). Recipients are usernames,
 * already resolved from users, roles, the record owner's manager or a user field.
 *
 * @param kind       {@link #CC} (carbon copy 抄送 from an approval flow)
 * @param activityId the BPMN element that sent it
 * @param submitter  username of whoever started the process
 */
public record WorkflowNotification(String kind, List<String> recipients, String formKey, Long recordId,
                                   String processInstanceId, String processKey, String activityId, String stepName,
                                   String submitter, OffsetDateTime at) {

    /** Carbon copy: the recipients may read the record; nothing is asked of them. */
    public static final String CC = "CC";

    public WorkflowNotification {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
}
