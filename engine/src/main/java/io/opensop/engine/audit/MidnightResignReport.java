package io.opensop.engine.audit;

import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.record.RecordValues;
import io.opensop.engine.security.Actor;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Audit report over the revision history: records whose {@code field} was set, withdrawn (cleared or
 * changed to another value) and set again, where the first and the last of those saves fall on
 * different calendar days in {@code zone} and at most {@code window} apart — e.g. a contract signed at
 * 23:59 and re-signed at 00:01, which moves it into another day, month or quarter. Only records the
 * actor may read are reported (each candidate is read through {@link RecordService#get}), only admins
 * and {@link #AUDITOR_ROLES} may run it, and only on a field they see.
 */
public final class MidnightResignReport {

    /**
     * Who may run the report besides admins: the control functions and sales directors, not the reps and
     * managers whose signing it audits.
     */
    public static final Set<String> AUDITOR_ROLES = Set.of("sales_director", "finance", "legal");

    /** Longest window accepted: a "midnight" pattern spans minutes or hours, not days. */
    public static final Duration MAX_WINDOW = Duration.ofHours(12);

    private final RevisionLog revisions;
    private final RecordService records;
    private final FormService forms;

    public MidnightResignReport(RevisionLog revisions, RecordService records, FormService forms) {
        this.revisions = revisions;
        this.records = records;
        this.forms = forms;
    }

    /**
     * @param from first day (in {@code zone}) whose revisions are read
     * @param to   last day (in {@code zone}), inclusive
     */
    public List<ResignFinding> run(Actor actor, String formKey, String field, Duration window, ZoneId zone,
                                   LocalDate from, LocalDate to) {
        if (!actor.isAdmin() && AUDITOR_ROLES.stream().noneMatch(actor::hasRole)) {
            throw new AccessDeniedException("the midnight re-sign audit needs the admin, sales_director, finance"
                    + " or legal role");
        }
        FormDefinition form = forms.published(actor, formKey).definition();
        List<Problem> problems = new ArrayList<>();
        // a field hidden from the actor is unknown to them: its history would show its values
        if (field == null || form.field(field).isEmpty() || !records.visibleFields(actor, formKey).contains(field)) {
            problems.add(Problem.of("field", "unknown_field", String.valueOf(field)));
        }
        if (window == null || window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
            problems.add(Problem.of("window", "out_of_range", String.valueOf(window), "PT1M", "PT12H"));
        }
        if (from == null || to == null || to.isBefore(from) || from.plusDays(366).isBefore(to)) {
            problems.add(Problem.of("to", "out_of_range", String.valueOf(to), String.valueOf(from),
                    from == null ? "" : String.valueOf(from.plusDays(366))));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        // one day more on each side, so a pattern across the range's edge is still seen whole
        OffsetDateTime start = from.minusDays(1).atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime end = to.plusDays(2).atStartOfDay(zone).toOffsetDateTime();
        Map<Long, List<Step>> byRecord = new LinkedHashMap<>();
        for (Revision revision : revisions.between(formKey, start, end)) {
            for (FieldChange change : revision.changes()) {
                if (field.equals(change.field())) {
                    byRecord.computeIfAbsent(revision.recordId(), id -> new ArrayList<>())
                            .add(new Step(change.oldValue(), change.newValue(), revision.changedBy(),
                                    revision.changedAt().atZoneSameInstant(zone).toOffsetDateTime()));
                }
            }
        }
        List<ResignFinding> findings = new ArrayList<>();
        byRecord.forEach((recordId, steps) -> {
            List<ResignFinding> found = find(formKey, recordId, field, steps, window, from, to);
            if (!found.isEmpty() && readable(actor, formKey, recordId)) {
                String title = title(actor, form, recordId);
                found.forEach(f -> findings.add(new ResignFinding(f.formKey(), f.recordId(), title, f.field(),
                        f.signedValue(), f.signedBy(), f.signedAt(), f.withdrawnValue(), f.withdrawnBy(),
                        f.withdrawnAt(), f.resignedValue(), f.resignedBy(), f.resignedAt(), f.minutesApart())));
            }
        });
        return findings;
    }

    private record Step(Object oldValue, Object newValue, String by, OffsetDateTime at) {
    }

    /** sign = a change to a non-blank value; withdraw = the next change; re-sign = the next change to a non-blank value. */
    private static List<ResignFinding> find(String formKey, long recordId, String field, List<Step> steps,
                                            Duration window, LocalDate from, LocalDate to) {
        List<ResignFinding> found = new ArrayList<>();
        for (int i = 0; i + 1 < steps.size(); i++) {
            Step signed = steps.get(i);
            if (RecordValues.isBlank(signed.newValue())) {
                continue;
            }
            Step withdrawn = steps.get(i + 1);
            Step resigned = !RecordValues.isBlank(withdrawn.newValue()) ? withdrawn
                    : i + 2 < steps.size() && !RecordValues.isBlank(steps.get(i + 2).newValue()) ? steps.get(i + 2) : null;
            if (resigned == null) {
                continue;
            }
            Duration apart = Duration.between(signed.at(), resigned.at());
            LocalDate signedDay = signed.at().toLocalDate();
            boolean acrossMidnight = !signedDay.equals(resigned.at().toLocalDate());
            boolean inRange = !signedDay.isBefore(from) && !signedDay.isAfter(to);
            if (acrossMidnight && inRange && apart.compareTo(window) <= 0) {
                found.add(new ResignFinding(formKey, recordId, null, field, signed.newValue(), signed.by(),
                        signed.at(), withdrawn.newValue(), withdrawn.by(), withdrawn.at(), resigned.newValue(),
                        resigned.by(), resigned.at(), apart.toMinutes()));
            }
        }
        return found;
    }

    private boolean readable(Actor actor, String formKey, long recordId) {
        try {
            records.get(actor, formKey, recordId);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private String title(Actor actor, FormDefinition form, long recordId) {
        FormRecord record = records.get(actor, form.key(), recordId);
        Object title = form.titleField() == null ? null : record.values().get(form.titleField());
        return title == null ? "#" + recordId : title.toString();
    }
}
