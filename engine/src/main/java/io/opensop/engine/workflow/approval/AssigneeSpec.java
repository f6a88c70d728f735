package io.opensop.engine.workflow.approval;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * Who works on an approval step (or is copied): exactly one of
 * {@code {"user": "mia"}}, {@code {"users": ["mia", "dan"]}}, {@code {"role": "sales_manager"}},
 * {@code {"manager": true}} (the record owner's manager in the org chart), {@code {"field": "account_owner"}}
 * (a user field of the record) or {@code {"submitter": true}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssigneeSpec(String user, List<String> users, String role, Boolean manager, String field,
                           Boolean submitter) {

    public static AssigneeSpec ofUser(String username) {
        return new AssigneeSpec(username, null, null, null, null, null);
    }

    public static AssigneeSpec ofUsers(String... usernames) {
        return new AssigneeSpec(null, List.of(usernames), null, null, null, null);
    }

    public static AssigneeSpec ofRole(String role) {
        return new AssigneeSpec(null, null, role, null, null, null);
    }

    public static AssigneeSpec ofManager() {
        return new AssigneeSpec(null, null, null, true, null, null);
    }

    public static AssigneeSpec ofField(String fieldKey) {
        return new AssigneeSpec(null, null, null, null, fieldKey, null);
    }

    public static AssigneeSpec ofSubmitter() {
        return new AssigneeSpec(null, null, null, null, null, true);
    }

    /** The kinds that are set; a valid spec has exactly one. */
    List<String> kinds() {
        List<String> kinds = new ArrayList<>();
        if (user != null) {
            kinds.add("user");
        }
        if (users != null) {
            kinds.add("users");
        }
        if (role != null) {
            kinds.add("role");
        }
        if (Boolean.TRUE.equals(manager)) {
            kinds.add("manager");
        }
        if (field != null) {
            kinds.add("field");
        }
        if (Boolean.TRUE.equals(submitter)) {
            kinds.add("submitter");
        }
        return kinds;
    }

    /** The usernames named literally ({@code user} or {@code users}). */
    List<String> named() {
        if (user != null) {
            return List.of(user);
        }
        return users == null ? List.of() : users;
    }
}
