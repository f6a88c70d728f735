package io.opensop.engine.workflow;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * A user task as the engine shows it: which record it is about ({@code recordFormKey}/{@code recordId}),
 * which form (or {@code form#section}) it shows, who may work on it and what the actor may do now.
 */
public record WorkTask(String id, String name, String activityId, String processKey, String processInstanceId,
                       String formKey, String recordFormKey, Long recordId, String assignee,
                       List<String> candidateGroups, List<String> candidateUsers, OffsetDateTime created,
                       String returnReason, Set<String> actions) {

    public static final String COMPLETE = "complete";
    public static final String CLAIM = "claim";
    public static final String RETURN = "return";

    public WorkTask {
        candidateGroups = candidateGroups == null ? List.of() : List.copyOf(candidateGroups);
        candidateUsers = candidateUsers == null ? List.of() : List.copyOf(candidateUsers);
        actions = actions == null ? Set.of() : Set.copyOf(actions);
    }
}
