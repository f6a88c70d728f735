package io.opensop.engine.transfer;

import com.fasterxml.jackson.core.type.TypeReference;
import io.opensop.engine.support.Json;
import io.opensop.engine.support.SqlValues;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The import tables: jobs, their files, their errors and the mappings remembered per form. */
final class ImportJobs {

    private static final String COLUMNS = "id, form_key, file_name, file_format, status, mode, upsert_key, mapping_json,"
            + " rows_total, rows_read, rows_processed, rows_failed, rows_created, rows_updated, rows_unchanged,"
            + " last_committed_row, message, created_by, created_at, updated_at";
    private static final TypeReference<List<ColumnMapping>> MAPPING = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> CELLS = new TypeReference<>() {
    };

    private final DSLContext dsl;

    ImportJobs(DSLContext dsl) {
        this.dsl = dsl;
    }

    long insert(String formKey, String fileName, String format, String upsertKey, List<ColumnMapping> mapping,
                byte[] content, String createdBy, OffsetDateTime now) {
        long id = dsl.insertInto(DSL.table(DSL.unquotedName("import_job")))
                .columns(col("form_key"), col("file_name"), col("file_format"), col("status"), col("upsert_key"),
                        col("mapping_json"), col("created_by"), col("created_at"), col("updated_at"))
                .values(formKey, fileName, format, ImportStatus.UPLOADED.key(), upsertKey, Json.write(mapping),
                        createdBy, SqlValues.timestamp(now), SqlValues.timestamp(now))
                .returningResult(DSL.field(DSL.unquotedName("id"), SQLDataType.BIGINT))
                .fetchOne().value1();
        dsl.execute("insert into import_file (job_id, content) values (?, ?)", id, content);
        return id;
    }

    private static org.jooq.Field<Object> col(String name) {
        return DSL.field(DSL.unquotedName(name));
    }

    static <T> T readJson(String json, TypeReference<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Optional<ImportJob> find(long id) {
        return dsl.fetchOptional("select " + COLUMNS + " from import_job where id = ?", id).map(ImportJobs::toJob);
    }

    List<ImportJob> inStatus(ImportStatus... statuses) {
        List<ImportJob> jobs = new ArrayList<>();
        for (ImportStatus status : statuses) {
            dsl.fetch("select " + COLUMNS + " from import_job where status = ? order by id", status.key())
                    .forEach(r -> jobs.add(toJob(r)));
        }
        return jobs;
    }

    byte[] content(long id) {
        return dsl.fetchOne("select content from import_file where job_id = ?", id).get(0, byte[].class);
    }

    /** Moves the job from one of {@code from} to {@code to}; false if another caller got there first. */
    boolean transition(long id, List<ImportStatus> from, ImportStatus to, OffsetDateTime now) {
        StringBuilder in = new StringBuilder();
        List<Object> args = new ArrayList<>(List.of(to.key(), SqlValues.timestamp(now), id));
        for (ImportStatus status : from) {
            in.append(in.isEmpty() ? "?" : ", ?");
            args.add(status.key());
        }
        return dsl.execute("update import_job set status = ?, updated_at = ? where id = ? and status in (" + in + ")",
                args.toArray()) == 1;
    }

    /** Compare-and-set on updated_at: true for exactly one caller that saw the job as {@code seen}. */
    boolean claim(long id, ImportStatus status, OffsetDateTime seen, OffsetDateTime now) {
        return dsl.execute("update import_job set updated_at = ? where id = ? and status = ? and updated_at = ?",
                SqlValues.timestamp(now), id, status.key(), SqlValues.timestamp(seen)) == 1;
    }

    void setStatus(long id, ImportStatus status, String message, OffsetDateTime now) {
        dsl.execute("update import_job set status = ?, message = ?, updated_at = ? where id = ?", status.key(), message,
                SqlValues.timestamp(now), id);
    }

    void setOptions(long id, ImportMode mode, String upsertKey, OffsetDateTime now) {
        dsl.execute("update import_job set mode = ?, upsert_key = ?, updated_at = ? where id = ?",
                mode == null ? null : mode.key(), upsertKey, SqlValues.timestamp(now), id);
    }

    void setMapping(long id, List<ColumnMapping> mapping, OffsetDateTime now) {
        dsl.execute("update import_job set mapping_json = ?, updated_at = ? where id = ?", Json.write(mapping),
                SqlValues.timestamp(now), id);
    }

    /** Starts a phase: counters back to zero, the phase's old errors gone. */
    void resetCounters(long id, String phase, OffsetDateTime now) {
        dsl.execute("delete from import_error where job_id = ? and phase = ?", id, phase);
        dsl.execute("update import_job set rows_read = 0, rows_processed = 0, rows_failed = 0, rows_created = 0,"
                + " rows_updated = 0, rows_unchanged = 0, last_committed_row = 0, message = null, updated_at = ?"
                + " where id = ?", SqlValues.timestamp(now), id);
    }

    void progress(long id, Counters c, OffsetDateTime now) {
        dsl.execute("update import_job set rows_read = ?, rows_processed = ?, rows_failed = ?, rows_created = ?,"
                        + " rows_updated = ?, rows_unchanged = ?, last_committed_row = ?, updated_at = ? where id = ?",
                c.read, c.processed, c.failed, c.created, c.updated, c.unchanged, c.lastRow, SqlValues.timestamp(now),
                id);
    }

    void setTotal(long id, long total) {
        dsl.execute("update import_job set rows_total = ? where id = ?", total, id);
    }

    void addErrors(long jobId, List<ImportError> errors) {
        for (ImportError e : errors) {
            dsl.execute("insert into import_error (job_id, phase, row_no, column_name, field_key, code, message, row_json)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?)", jobId, e.phase(), e.row(), truncate(e.column(), 255),
                    truncate(e.field(), 64), truncate(e.code(), 64), e.message(), Json.write(e.cells()));
        }
    }

    List<ImportError> errors(long jobId, String phase, long afterRow, int limit) {
        List<ImportError> errors = new ArrayList<>();
        dsl.fetch("select phase, row_no, column_name, field_key, code, message, row_json from import_error"
                        + " where job_id = ? and phase = ? and row_no > ? order by row_no, id limit ?",
                jobId, phase, afterRow, limit).forEach(r -> errors.add(new ImportError(r.get(0, String.class),
                r.get(1, Long.class), r.get(2, String.class), r.get(3, String.class), r.get(4, String.class),
                r.get(5, String.class), readJson(r.get(6, String.class), CELLS))));
        return errors;
    }

    Map<String, String> savedMapping(String formKey) {
        Map<String, String> mapping = new LinkedHashMap<>();
        dsl.fetch("select header, field_key from import_mapping where form_key = ?", formKey)
                .forEach(r -> mapping.put(r.get(0, String.class), r.get(1, String.class)));
        return mapping;
    }

    void saveMapping(String formKey, List<ColumnMapping> mapping, String username, OffsetDateTime now) {
        for (ColumnMapping m : mapping) {
            String header = ColumnMatcher.normalize(m.header());
            if (header.isEmpty() || header.length() > 255) {
                continue;
            }
            dsl.execute("delete from import_mapping where form_key = ? and header = ?", formKey, header);
            dsl.execute("insert into import_mapping (form_key, header, field_key, updated_by, updated_at)"
                    + " values (?, ?, ?, ?, ?)", formKey, header, m.fieldKey(), username, SqlValues.timestamp(now));
        }
    }

    private static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }

    private static ImportJob toJob(Record r) {
        String mode = r.get(5, String.class);
        return new ImportJob(r.get(0, Long.class), r.get(1, String.class), r.get(2, String.class),
                r.get(3, String.class), ImportStatus.of(r.get(4, String.class)),
                mode == null ? null : ImportMode.find(mode).orElse(null), r.get(6, String.class),
                readJson(r.get(7, String.class), MAPPING), r.get(8, Long.class), r.get(9, Long.class),
                r.get(10, Long.class), r.get(11, Long.class), r.get(12, Long.class), r.get(13, Long.class),
                r.get(14, Long.class), r.get(15, Long.class), r.get(16, String.class), r.get(17, String.class),
                time(r, 18), time(r, 19));
    }

    private static OffsetDateTime time(Record r, int column) {
        Object value = r.get(column);
        if (value instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        return r.get(column, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** The running counters of a phase; written with each batch. */
    static final class Counters {
        long read;
        long processed;
        long failed;
        long created;
        long updated;
        long unchanged;
        long lastRow;

        static Counters of(ImportJob job) {
            Counters c = new Counters();
            c.read = job.rowsRead();
            c.processed = job.rowsProcessed();
            c.failed = job.rowsFailed();
            c.created = job.rowsCreated();
            c.updated = job.rowsUpdated();
            c.unchanged = job.rowsUnchanged();
            c.lastRow = job.lastCommittedRow();
            return c;
        }

        Counters copy() {
            Counters c = new Counters();
            c.read = read;
            c.processed = processed;
            c.failed = failed;
            c.created = created;
            c.updated = updated;
            c.unchanged = unchanged;
            c.lastRow = lastRow;
            return c;
        }
    }
}
