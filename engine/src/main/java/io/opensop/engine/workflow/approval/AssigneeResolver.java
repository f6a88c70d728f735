package io.opensop.engine.workflow.approval;

import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.Actor;
import io.opensop.engine.user.UserAccount;
import io.opensop.engine.user.UserDirectory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an {@link AssigneeSpec} into usernames for one record, read by id when the step is reached:
 * named users, every enabled user with a role, the record owner's manager (org chart), the user in a
 * user field, or the submitter. Finding nobody is an error, so a step is never left without an approver.
 */
public final class AssigneeResolver {

    private final RecordService records;
    private final UserDirectory users;

    public AssigneeResolver(RecordService records, UserDirectory users) {
        this.records = records;
        this.users = users;
    }

    public List<String> resolve(AssigneeSpec spec, String formKey, Long recordId, String submitter, String at) {
        if (spec == null || spec.kinds().size() != 1) {
            throw new ValidationException(Problem.of(at, "assignee_exactly_one",
                    spec == null ? "" : String.join(", ", spec.kinds())));
        }
        Set<String> found = new LinkedHashSet<>();
        if (!spec.named().isEmpty()) {
            found.addAll(spec.named());
        } else if (spec.role() != null) {
            users.all().stream().filter(UserAccount::enabled).filter(u -> u.roles().contains(spec.role()))
                    .map(UserAccount::username).forEach(found::add);
        } else if (Boolean.TRUE.equals(spec.submitter())) {
            if (submitter != null) {
                found.add(submitter);
            }
        } else if (Boolean.TRUE.equals(spec.manager())) {
            record(formKey, recordId, at).flatMap(r -> Optional.ofNullable(r.ownerId())).flatMap(users::byId)
                    .flatMap(owner -> Optional.ofNullable(owner.managerId())).flatMap(users::byId)
                    .filter(UserAccount::enabled).ifPresent(m -> found.add(m.username()));
        } else if (spec.field() != null) {
            Object value = record(formKey, recordId, at).map(r -> r.values().get(spec.field())).orElse(null);
            if (value instanceof Number id) {
                users.byId(id.longValue()).filter(UserAccount::enabled).ifPresent(u -> found.add(u.username()));
            }
        }
        if (found.isEmpty()) {
            throw new ValidationException(Problem.of(at, "no_assignee", describe(spec)));
        }
        return new ArrayList<>(found);
    }

    private Optional<FormRecord> record(String formKey, Long recordId, String at) {
        if (formKey == null || recordId == null) {
            throw new ValidationException(Problem.of(at, "process_without_record"));
        }
        return Optional.of(records.get(Actor.system(), formKey, recordId));
    }

    private static String describe(AssigneeSpec spec) {
        return spec.kinds().isEmpty() ? "?" : spec.kinds().get(0)
                + (spec.role() != null ? " " + spec.role() : spec.field() != null ? " " + spec.field() : "");
    }
}
