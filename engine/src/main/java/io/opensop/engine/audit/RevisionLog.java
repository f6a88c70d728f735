package io.opensop.engine.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.opensop.engine.support.Json;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import static io.opensop.engine.support.SqlValues.timestamp;

import org.jooq.DSLContext;

/**
 * The append-only history of record changes. Writes join the caller's transaction, so a revision
 * exists exactly when the change it describes was committed.
 */
public class RevisionLog {

    private static final TypeReference<List<FieldChange>> CHANGES = new TypeReference<>() { };

    private static final String INSERT = "insert into record_revision (form_key, record_id, record_version, action,"
            + " changed_by, changed_at, changes_json) values (?, ?, ?, ?, ?, ?, ?)";

    private final DSLContext dsl;

    public RevisionLog(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void append(String formKey, long recordId, long recordVersion, String action, String changedBy,
                       OffsetDateTime changedAt, List<FieldChange> changes) {
        dsl.execute(INSERT,
                formKey, recordId, recordVersion, action, changedBy, timestamp(changedAt.withOffsetSameInstant(ZoneOffset.UTC)),
                Json.write(changes));
    }

    /** One revision to {@link #appendAll append} with others. */
    public record Entry(String formKey, long recordId, long recordVersion, String action, String changedBy,
                        OffsetDateTime changedAt, List<FieldChange> changes) {
    }

    /** Appends many revisions in one JDBC batch (a recompute page writes hundreds). */
    public void appendAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        var batch = dsl.batch(INSERT);
        for (Entry e : entries) {
            batch = batch.bind(e.formKey(), e.recordId(), e.recordVersion(), e.action(), e.changedBy(),
                    timestamp(e.changedAt().withOffsetSameInstant(ZoneOffset.UTC)), Json.write(e.changes()));
        }
        batch.execute();
    }

    /** Newest first. */
    public List<Revision> history(String formKey, long recordId) {
        return dsl.fetch("select id, record_version, action, changed_by, changed_at, changes_json from record_revision"
                        + " where form_key = ? and record_id = ? order by id desc", formKey, recordId)
                .map(r -> new Revision(r.get(0, Long.class), formKey, recordId, r.get(1, Long.class),
                        r.get(2, String.class), r.get(3, String.class),
                        r.get(4, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
                        readChanges(r.get(5, String.class))));
    }

    /** Revisions of a form's records written in {@code [from, to)}, oldest first. */
    public List<Revision> between(String formKey, OffsetDateTime from, OffsetDateTime to) {
        return dsl.fetch("select id, record_id, record_version, action, changed_by, changed_at, changes_json"
                                + " from record_revision where form_key = ? and changed_at >= ? and changed_at < ? order by id",
                        formKey, timestamp(from.withOffsetSameInstant(ZoneOffset.UTC)),
                        timestamp(to.withOffsetSameInstant(ZoneOffset.UTC)))
                .map(r -> new Revision(r.get(0, Long.class), formKey, r.get(1, Long.class), r.get(2, Long.class),
                        r.get(3, String.class), r.get(4, String.class),
                        r.get(5, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
                        readChanges(r.get(6, String.class))));
    }

    private static List<FieldChange> readChanges(String json) {
        try {
            return Json.mapper().readValue(json, CHANGES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable revision: " + e.getOriginalMessage(), e);
        }
    }
}
