package io.opensop.engine.transfer;

import io.opensop.engine.error.AccessDeniedException;
import io.opensop.engine.error.ConflictException;
import io.opensop.engine.error.EngineException;
import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.TooLargeException;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.i18n.EngineMessages;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.Lookups;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.AccessPolicy;
import io.opensop.engine.security.Actor;
import io.opensop.engine.security.Operation;
import io.opensop.engine.user.UserDirectory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Spreadsheet import: upload (the file is stored in the database), dry run, commit, resume.
 *
 * <p>Every row goes through {@link RecordService#create} or {@link RecordService#update}, so an import
 * gets exactly the checks of a save: form, row and field permissions, coercion, formulas, rules,
 * required fields. The dry run saves each batch in a transaction that is then rolled back. The commit
 * writes batch by batch; each batch transaction also records the last committed file row, so a crash
 * loses at most the batch in flight and {@link #resume} continues after the last committed row.
 * With an upsert key a row updates the record that has the same key, so running a file twice
 * creates nothing twice.
 */
public final class ImportService {

    private static final EnumSet<FieldType> KEY_TYPES = EnumSet.of(FieldType.TEXT, FieldType.NUMBER, FieldType.MONEY,
            FieldType.PERCENT, FieldType.DATE, FieldType.SINGLE_SELECT, FieldType.USER, FieldType.REFERENCE);

    private final TransactionOperations transactions;
    private final FormService forms;
    private final AccessPolicy policy;
    private final RecordService records;
    private final Lookups lookups;
    private final UserDirectory users;
    private final Clock clock;
    private final ImportSettings settings;
    private final ImportJobs jobs;

    public ImportService(DSLContext dsl, TransactionOperations transactions, FormService forms, AccessPolicy policy,
                         RecordService records, Lookups lookups, UserDirectory users, Clock clock,
                         ImportSettings settings) {
        this.transactions = transactions;
        this.forms = forms;
        this.policy = policy;
        this.records = records;
        this.lookups = lookups;
        this.users = users;
        this.clock = clock;
        this.settings = settings;
        this.jobs = new ImportJobs(dsl);
    }

    /** The same service with other settings (batch size, a test observer). */
    public ImportService with(ImportSettings newSettings, DSLContext dsl) {
        return new ImportService(dsl, transactions, forms, policy, records, lookups, users, clock, newSettings);
    }

    /**
     * Stores the file and works out the column mapping; nothing is validated yet.
     *
     * @param mapping   header to field key (null or "" ignores the column); other columns map automatically
     * @param upsertKey a mapped field whose value identifies an existing record to update, or null
     */
    public ImportJob upload(Actor actor, String formKey, String fileName, byte[] content, Map<String, String> mapping,
                            String upsertKey) {
        PublishedForm form = forms.published(actor, formKey);
        if (!policy.allows(actor, form.definition(), Operation.CREATE)
                && !policy.allows(actor, form.definition(), Operation.UPDATE)) {
            throw new AccessDeniedException("importing needs the create or update permission");
        }
        if (content.length > settings.maxFileSize()) {
            throw new TooLargeException("file", settings.maxFileSize());
        }
        String format = TabularFile.detectFormat(content);
        List<String> header = readHeader(format, content);
        List<Problem> problems = new ArrayList<>();
        if (header == null) {
            throw new ValidationException(Problem.of("file", "empty_file"));
        }
        List<ColumnMapping> columns = ColumnMatcher.map(header, writableFields(actor, form), jobs.savedMapping(formKey),
                mapping, problems);
        checkUpsertKey(form, columns, upsertKey, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        String name = fileName == null || fileName.isBlank() ? "import." + format : safeName(fileName);
        long id = transactions.execute(status -> jobs.insert(formKey, name, format, blankToNull(upsertKey), columns,
                content, actor.username(), now()));
        return jobs.find(id).orElseThrow();
    }

    /**
     * Changes the column mapping of an uploaded (or dry-run) file before it is committed; the job goes back
     * to {@code uploaded}, so the next step is a new dry run.
     *
     * @param mapping header to field key (null or "" ignores the column); other columns map as at upload
     */
    public ImportJob remap(Actor actor, String formKey, long id, Map<String, String> mapping) {
        ImportJob job = visibleJob(actor, formKey, id);
        if (job.status() != ImportStatus.UPLOADED && job.status() != ImportStatus.VALIDATED) {
            throw new ConflictException("import_state", "the import is " + job.status().key(), null);
        }
        PublishedForm form = forms.published(actor, formKey);
        List<Problem> problems = new ArrayList<>();
        List<String> header = job.mapping().stream().map(ColumnMapping::header).toList();
        List<ColumnMapping> columns = ColumnMatcher.map(header, writableFields(actor, form), jobs.savedMapping(formKey),
                mapping, problems);
        checkUpsertKey(form, columns, job.upsertKey(), problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        transactions.executeWithoutResult(s -> {
            if (!jobs.transition(id, List.of(ImportStatus.UPLOADED, ImportStatus.VALIDATED), ImportStatus.UPLOADED,
                    now())) {
                throw new ConflictException("import_state", "the import is running", null);
            }
            jobs.setMapping(id, columns, now());
            jobs.resetCounters(id, ImportError.DRY_RUN, now());
        });
        return jobs.find(id).orElseThrow();
    }

    /** The job's mapped fields that can serve as its upsert key (text, number, date, select, user, reference). */
    public List<FieldDefinition> upsertKeyCandidates(Actor actor, String formKey, long id) {
        ImportJob job = visibleJob(actor, formKey, id);
        PublishedForm form = forms.published(actor, formKey);
        return job.mapping().stream().map(ColumnMapping::fieldKey).filter(Objects::nonNull)
                .flatMap(key -> form.definition().field(key).stream())
                .filter(f -> KEY_TYPES.contains(f.storedType())).toList();
    }

    /** Fields the actor may fill from a file, in form order (for choosing a column's field). */
    public List<FieldDefinition> importableFields(Actor actor, String formKey) {
        return writableFields(actor, forms.published(actor, formKey));
    }

    /** Runs every row through the checks of a save without keeping anything; errors are stored per row. */
    public ImportJob dryRun(Actor actor, String formKey, long id) {
        ImportJob job = visibleJob(actor, formKey, id);
        if (!jobs.transition(id, List.of(ImportStatus.UPLOADED, ImportStatus.VALIDATED, ImportStatus.VALIDATING),
                ImportStatus.VALIDATING, now())) {
            throw new ConflictException("import_state", "the import is " + job.status().key(), null);
        }
        transactions.executeWithoutResult(s -> jobs.resetCounters(id, ImportError.DRY_RUN, now()));
        try {
            new Run(actor, jobs.find(id).orElseThrow(), true, null).execute();
            jobs.setStatus(id, ImportStatus.VALIDATED, null, now());
        } catch (RuntimeException e) {
            jobs.setStatus(id, ImportStatus.UPLOADED, describe(e), now());
            throw e;
        }
        return jobs.find(id).orElseThrow();
    }

    /**
     * Commits the validated file. ALL_OR_NOTHING needs a dry run without errors. A different upsert key
     * than the dry run's runs the dry run again first.
     */
    public ImportJob commit(Actor actor, String formKey, long id, ImportMode mode, String upsertKey) {
        ImportJob job = visibleJob(actor, formKey, id);
        String key = blankToNull(upsertKey);
        if (job.status() == ImportStatus.COMMITTED) {
            throw new ConflictException("import_state", "the import is already committed", null);
        }
        if (job.status() == ImportStatus.FAILED || job.status() == ImportStatus.COMMITTING) {
            return resume(actor, formKey, id);
        }
        if (!Objects.equals(key, job.upsertKey())) {
            PublishedForm form = forms.published(actor, formKey);
            List<Problem> problems = new ArrayList<>();
            checkUpsertKey(form, job.mapping(), key, problems);
            if (!problems.isEmpty()) {
                throw new ValidationException(problems);
            }
            jobs.setOptions(id, mode, key, now());
            job = dryRun(actor, formKey, id);
        } else if (job.status() != ImportStatus.VALIDATED) {
            job = dryRun(actor, formKey, id);
        }
        if (mode == ImportMode.ALL_OR_NOTHING && job.rowsFailed() > 0) {
            throw new ValidationException(Problem.of("mode", "import_has_errors", job.rowsFailed()));
        }
        if (!jobs.transition(id, List.of(ImportStatus.VALIDATED), ImportStatus.COMMITTING, now())) {
            throw new ConflictException("import_state", "the import is being committed", null);
        }
        transactions.executeWithoutResult(s -> {
            jobs.setOptions(id, mode, key, now());
            jobs.resetCounters(id, ImportError.COMMIT, now());
        });
        return runCommit(actor, id);
    }

    /** Continues a commit that stopped (a crash, a failed row in ALL_OR_NOTHING) after its last committed row. */
    public ImportJob resume(Actor actor, String formKey, long id) {
        ImportJob job = visibleJob(actor, formKey, id);
        if (job.status() == ImportStatus.VALIDATING) {
            return dryRun(actor, formKey, id);
        }
        if (!jobs.transition(id, List.of(ImportStatus.COMMITTING, ImportStatus.FAILED), ImportStatus.COMMITTING,
                now())) {
            throw new ConflictException("import_state", "the import is " + job.status().key(), null);
        }
        return runCommit(actor, id);
    }

    private ImportJob runCommit(Actor actor, long id) {
        ImportJob job = jobs.find(id).orElseThrow();
        try {
            boolean finished = new Run(actor, job, false, job.mode()).execute();
            if (finished) {
                transactions.executeWithoutResult(s -> {
                    jobs.setStatus(id, ImportStatus.COMMITTED, null, now());
                    jobs.saveMapping(job.formKey(), job.mapping(), actor.username(), now());
                });
            }
        } catch (RuntimeException e) {
            jobs.setStatus(id, ImportStatus.FAILED, describe(e), now());
            throw e;
        }
        return jobs.find(id).orElseThrow();
    }

    public ImportJob job(Actor actor, String formKey, long id) {
        return visibleJob(actor, formKey, id);
    }

    /** Errors of the phase that produced the job's current counters, in row order. */
    public List<ImportError> errors(Actor actor, String formKey, long id, int limit) {
        ImportJob job = visibleJob(actor, formKey, id);
        return jobs.errors(id, phaseOf(job), 0, limit);
    }

    /**
     * The failed rows as CSV: the file's own columns (so the file can be fixed and imported again),
     * then the row number and the reasons.
     */
    public void writeErrorFile(Actor actor, String formKey, long id, OutputStream out) throws IOException {
        ImportJob job = visibleJob(actor, formKey, id);
        String phase = phaseOf(job);
        Locale locale = actor.locale();
        try (CsvWriter csv = new CsvWriter(out)) {
            List<String> header = new ArrayList<>(job.mapping().stream().map(ColumnMapping::header).toList());
            header.add(EngineMessages.format(locale, "import_row"));
            header.add(EngineMessages.format(locale, "import_errors"));
            csv.row(header);
            long after = 0;
            while (true) {
                List<ImportError> page = jobs.errors(id, phase, after, 1000);
                if (page.isEmpty()) {
                    break;
                }
                Map<Long, List<ImportError>> byRow = new LinkedHashMap<>();
                page.forEach(e -> byRow.computeIfAbsent(e.row(), r -> new ArrayList<>()).add(e));
                boolean full = page.size() == 1000;
                long lastRow = page.get(page.size() - 1).row();
                for (Map.Entry<Long, List<ImportError>> entry : byRow.entrySet()) {
                    if (full && entry.getKey() == lastRow && byRow.size() > 1) {
                        break; // the last row may continue on the next page
                    }
                    List<String> cells = new ArrayList<>(entry.getValue().get(0).cells());
                    while (cells.size() < job.mapping().size()) {
                        cells.add("");
                    }
                    cells.add(String.valueOf(entry.getKey()));
                    cells.add(String.join("; ", entry.getValue().stream()
                            .map(e -> (e.column() == null ? "" : e.column() + ": ") + e.message()).toList()));
                    csv.row(cells);
                    after = entry.getKey();
                }
                if (!full) {
                    break;
                }
                if (byRow.size() == 1) {
                    after = lastRow;
                }
            }
        }
    }

    /** Imports a crash left in flight: the host resumes them, as the user who started them. */
    public List<ImportJob> interrupted() {
        return jobs.inStatus(ImportStatus.COMMITTING, ImportStatus.VALIDATING);
    }

    /**
     * Claims an interrupted job (as listed by {@link #interrupted()}) for resuming on this node: a
     * compare-and-set on its {@code updatedAt}, so when several nodes see the same stale job only one
     * gets {@code true}. The claim refreshes {@code updatedAt}, and a running import refreshes it with
     * every batch, so a host should only claim jobs whose {@code updatedAt} is older than the longest
     * a batch can take.
     */
    public boolean claimInterrupted(ImportJob job) {
        return transactions.execute(s -> jobs.claim(job.id(), job.status(), job.updatedAt(), now()));
    }

    /** The actor an interrupted import resumes as: the user who started it, with today's roles. */
    public Optional<Actor> starter(ImportJob job) {
        return users.byUsername(job.createdBy()).filter(u -> u.enabled()).map(u -> new Actor(u.id(), u.username(),
                u.roles(), Locale.forLanguageTag(u.locale()), ZoneId.of(u.zoneId())));
    }

    private static String phaseOf(ImportJob job) {
        return job.status() == ImportStatus.COMMITTING || job.status() == ImportStatus.COMMITTED
                || job.status() == ImportStatus.FAILED ? ImportError.COMMIT : ImportError.DRY_RUN;
    }

    private ImportJob visibleJob(Actor actor, String formKey, long id) {
        ImportJob job = jobs.find(id).filter(j -> j.formKey().equals(formKey))
                .filter(j -> actor.isAdmin() || j.createdBy().equals(actor.username()))
                .orElseThrow(() -> new NotFoundException("import", id));
        forms.published(actor, formKey);
        return job;
    }

    private List<FieldDefinition> writableFields(Actor actor, PublishedForm form) {
        return form.definition().fieldList().stream().filter(ColumnMatcher::importable)
                .filter(f -> form.layout().column(f.key()).isPresent())
                .filter(f -> policy.fieldAccess(actor, form.definition(), f)
                        == io.opensop.engine.security.FieldAccess.EDITABLE)
                .toList();
    }

    private static void checkUpsertKey(PublishedForm form, List<ColumnMapping> columns, String upsertKey,
                                       List<Problem> problems) {
        if (upsertKey == null || upsertKey.isBlank()) {
            return;
        }
        boolean mapped = columns.stream().anyMatch(c -> upsertKey.equals(c.fieldKey()));
        Optional<FieldDefinition> field = form.definition().field(upsertKey);
        if (!mapped || field.isEmpty()) {
            problems.add(Problem.of("upsertKey", "upsert_key_not_mapped", upsertKey));
        } else if (!KEY_TYPES.contains(field.get().storedType())) {
            problems.add(Problem.of("upsertKey", "upsert_key_type", upsertKey));
        }
    }

    private static List<String> readHeader(String format, byte[] content) {
        List<List<String>> header = new ArrayList<>();
        try {
            TabularFile.of(format, content).read(new TabularFile.RowHandler() {
                @Override
                public void header(List<String> cells) {
                    header.add(cells);
                    throw new StopReading();
                }

                @Override
                public void row(long rowNo, List<String> cells) {
                    throw new StopReading();
                }
            });
        } catch (StopReading done) {
            // only the header was wanted
        } catch (IOException | RuntimeException unreadable) {
            if (!(unreadable instanceof StopReading)) {
                throw new ValidationException(Problem.of("file", "unreadable_file", unreadable.getMessage()));
            }
        }
        return header.isEmpty() ? null : header.get(0);
    }

    private static String safeName(String fileName) {
        String name = fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "");
        return name.length() > 255 ? name.substring(0, 255) : name;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": "
                + (message.length() > 500 ? message.substring(0, 500) : message));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static final class StopReading extends RuntimeException {
        StopReading() {
            super(null, null, false, false);
        }
    }

    /** Thrown inside a batch transaction to roll it back. */
    private static final class BatchFailed extends RuntimeException {
        BatchFailed() {
            super(null, null, false, false);
        }
    }

    private record Row(long rowNo, List<String> cells) {
    }

    private record Existing(long id, long version) {
    }

    private enum Outcome { CREATED, UPDATED, UNCHANGED, FAILED, BROKEN }

    /** One pass over the file: a dry run, or a commit from the row after the last committed one. */
    private final class Run {
        private final Actor actor;
        private final ImportJob job;
        private final boolean dryRun;
        private final ImportMode mode;
        private final PublishedForm form;
        private final RowBinder binder;
        private final String upsertKey;
        private ImportJobs.Counters counters;
        private long nextStatistics = 1000;
        private boolean stopped;

        Run(Actor actor, ImportJob job, boolean dryRun, ImportMode mode) {
            this.actor = actor;
            this.job = job;
            this.dryRun = dryRun;
            this.mode = mode == null ? ImportMode.VALID_ROWS_ONLY : mode;
            this.form = forms.published(actor, job.formKey());
            this.binder = new RowBinder(actor, form, job.mapping(), lookups, records, forms, users);
            this.upsertKey = job.upsertKey();
            this.counters = dryRun ? new ImportJobs.Counters() : ImportJobs.Counters.of(job);
        }

        /** @return true when every row was handled, false when ALL_OR_NOTHING stopped at a failing row */
        boolean execute() {
            indexLookedUpColumns();
            long skipThrough = dryRun ? 0 : job.lastCommittedRow();
            List<Row> batch = new ArrayList<>();
            long[] total = {0};
            try {
                TabularFile.of(job.format(), jobs.content(job.id())).read(new TabularFile.RowHandler() {
                    @Override
                    public void header(List<String> cells) {
                    }

                    @Override
                    public void row(long rowNo, List<String> cells) {
                        total[0]++;
                        if (rowNo <= skipThrough) {
                            return;
                        }
                        batch.add(new Row(rowNo, cells));
                        if (batch.size() >= settings.batchSize()) {
                            flush(batch);
                            batch.clear();
                        }
                    }
                });
                if (!batch.isEmpty()) {
                    flush(batch);
                }
            } catch (StopReading stop) {
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            jobs.setTotal(job.id(), total[0]);
            return !stopped;
        }

        /**
         * Each batch looks its upsert keys up, and each row's unique fields are checked, by a query on the
         * field's column; without an index both read the whole table, so every batch costs more than the
         * one before and the import's time grows with the square of its rows. Before the first batch.
         */
        private void indexLookedUpColumns() {
            List<String> keys = new ArrayList<>();
            if (upsertKey != null) {
                keys.add(upsertKey);
            }
            form.definition().fieldList().stream().filter(FieldDefinition::mustBeUnique).map(FieldDefinition::key)
                    .forEach(keys::add);
            forms.indexForLookups(form, keys);
        }

        private void flush(List<Row> batch) {
            List<RowBinder.Bound> bound = batch.stream().map(r -> binder.bind(r.cells())).toList();
            if (dryRun) {
                validate(batch, bound);
            } else {
                commit(batch, bound);
                refreshStatisticsWhenGrown();
            }
        }

        /**
         * The key look-ups need the database to know how selective the key is: PostgreSQL without
         * statistics scans the table for every batch. Refreshed each time the rows this commit created
         * have doubled, so the cost stays proportional to the file.
         */
        private void refreshStatisticsWhenGrown() {
            if (upsertKey != null && counters.created >= nextStatistics) {
                forms.refreshStatistics(form);
                nextStatistics = 2 * counters.created;
            }
        }

        private void validate(List<Row> batch, List<RowBinder.Bound> bound) {
            List<ImportError> errors = new ArrayList<>();
            ImportJobs.Counters c = counters.copy();
            int[] next = {0};
            while (next[0] < batch.size()) {
                transactions.executeWithoutResult(status -> {
                    status.setRollbackOnly();
                    Map<String, Existing> existing = existing(bound.subList(next[0], bound.size()));
                    while (next[0] < batch.size()) {
                        int i = next[0]++;
                        Outcome outcome = save(batch.get(i), bound.get(i), existing, errors, ImportError.DRY_RUN);
                        count(c, outcome, batch.get(i));
                        if (outcome == Outcome.BROKEN) {
                            break; // the transaction may be unusable (PostgreSQL): go on in a fresh one
                        }
                    }
                });
            }
            c.lastRow = 0;
            transactions.executeWithoutResult(status -> {
                jobs.addErrors(job.id(), errors);
                jobs.progress(job.id(), c, now());
            });
            counters = c;
        }

        private void commit(List<Row> batch, List<RowBinder.Bound> bound) {
            ImportJobs.Counters c = counters.copy();
            List<ImportError> errors = new ArrayList<>();
            try {
                transactions.executeWithoutResult(status -> {
                    Map<String, Existing> existing = existing(bound);
                    for (int i = 0; i < batch.size(); i++) {
                        Outcome outcome;
                        if (!bound.get(i).problems().isEmpty()) {
                            outcome = save(batch.get(i), bound.get(i), existing, errors, ImportError.COMMIT);
                            if (mode == ImportMode.ALL_OR_NOTHING) {
                                throw new BatchFailed();
                            }
                        } else {
                            outcome = save(batch.get(i), bound.get(i), existing, errors, ImportError.COMMIT);
                            if (outcome == Outcome.FAILED || outcome == Outcome.BROKEN) {
                                throw new BatchFailed();
                            }
                        }
                        count(c, outcome, batch.get(i));
                    }
                    jobs.addErrors(job.id(), errors);
                    jobs.progress(job.id(), c, now());
                });
                counters = c;
                settings.observer().batchCommitted(job.id(), c.lastRow);
            } catch (BatchFailed failed) {
                if (mode == ImportMode.ALL_OR_NOTHING) {
                    transactions.executeWithoutResult(status -> jobs.addErrors(job.id(), errors));
                    ImportError first = errors.isEmpty() ? null : errors.get(0);
                    jobs.setStatus(job.id(), ImportStatus.FAILED, first == null ? "stopped"
                            : "row " + first.row() + ": " + first.message(), now());
                    stopped = true;
                    throw new StopReading();
                }
                rowByRow(batch, bound);
            }
        }

        /** After a batch failed in VALID_ROWS_ONLY: each row in its own transaction, failures recorded. */
        private void rowByRow(List<Row> batch, List<RowBinder.Bound> bound) {
            for (int i = 0; i < batch.size(); i++) {
                Row row = batch.get(i);
                RowBinder.Bound b = bound.get(i);
                ImportJobs.Counters c = counters.copy();
                List<ImportError> errors = new ArrayList<>();
                try {
                    transactions.executeWithoutResult(status -> {
                        Outcome outcome = save(row, b, existing(List.of(b)), errors, ImportError.COMMIT);
                        if (outcome == Outcome.FAILED || outcome == Outcome.BROKEN) {
                            throw new BatchFailed();
                        }
                        count(c, outcome, row);
                        jobs.progress(job.id(), c, now());
                    });
                } catch (BatchFailed failed) {
                    c.failed++;
                    c.read++;
                    c.processed++;
                    c.lastRow = row.rowNo();
                    transactions.executeWithoutResult(status -> {
                        jobs.addErrors(job.id(), errors);
                        jobs.progress(job.id(), c, now());
                    });
                }
                counters = c;
            }
            settings.observer().batchCommitted(job.id(), counters.lastRow);
        }

        private void count(ImportJobs.Counters c, Outcome outcome, Row row) {
            c.read++;
            c.processed++;
            c.lastRow = row.rowNo();
            switch (outcome) {
                case CREATED -> c.created++;
                case UPDATED -> c.updated++;
                case UNCHANGED -> c.unchanged++;
                case FAILED, BROKEN -> c.failed++;
            }
        }

        private Outcome save(Row row, RowBinder.Bound bound, Map<String, Existing> existing, List<ImportError> errors,
                             String phase) {
            if (!bound.problems().isEmpty()) {
                bound.problems().forEach(p -> errors.add(error(phase, row, p.field(), p.code(),
                        EngineMessages.render(p, actor.locale()))));
                return Outcome.FAILED;
            }
            Map<String, Object> input = bound.input();
            String key = null;
            if (upsertKey != null) {
                key = keyText(input.get(upsertKey));
                if (key == null) {
                    errors.add(error(phase, row, upsertKey, "required",
                            EngineMessages.render(Problem.of(upsertKey, "required"), actor.locale())));
                    return Outcome.FAILED;
                }
            }
            try {
                Existing match = key == null ? null : existing.get(key);
                Outcome outcome;
                FormRecord saved;
                if (match == null) {
                    saved = records.create(actor, job.formKey(), input);
                    outcome = Outcome.CREATED;
                } else if (match.id() < 0) {
                    errors.add(error(phase, row, upsertKey, "ambiguous_key",
                            EngineMessages.format(actor.locale(), "ambiguous_key", key)));
                    return Outcome.FAILED;
                } else {
                    saved = records.update(actor, job.formKey(), match.id(), match.version(), input);
                    outcome = saved.version() == match.version() ? Outcome.UNCHANGED : Outcome.UPDATED;
                }
                if (key != null) {
                    existing.put(key, new Existing(saved.id(), saved.version()));
                }
                if (!dryRun) {
                    settings.observer().rowSaved(job.id(), row.rowNo());
                }
                return outcome;
            } catch (ValidationException e) {
                e.problems().forEach(p -> errors.add(error(phase, row, p.field(), p.code(),
                        EngineMessages.render(p, actor.locale()))));
                return Outcome.FAILED;
            } catch (AccessDeniedException e) {
                errors.add(error(phase, row, null, "forbidden", EngineMessages.format(actor.locale(), "forbidden")));
                return Outcome.FAILED;
            } catch (EngineException e) {
                errors.add(error(phase, row, null, "conflict", e.getMessage()));
                return Outcome.FAILED;
            } catch (RuntimeException e) {
                errors.add(error(phase, row, null, "database_error", describe(e)));
                return Outcome.BROKEN;
            }
        }

        private ImportError error(String phase, Row row, String field, String code, String message) {
            String column = null;
            String fieldKey = field;
            if (field != null) {
                String top = field.split("[.\\[]", 2)[0];
                column = job.mapping().stream().filter(m -> top.equals(m.fieldKey())).map(ColumnMapping::header)
                        .findFirst().orElse(null);
            }
            return new ImportError(phase, row.rowNo(), column, fieldKey, code, message, row.cells());
        }

        /** Records already holding the batch's upsert keys; a key held twice maps to id -1 (ambiguous). */
        private Map<String, Existing> existing(List<RowBinder.Bound> bound) {
            Map<String, Existing> found = new HashMap<>();
            if (upsertKey == null) {
                return found;
            }
            List<String> keys = bound.stream().map(b -> keyText(b.input().get(upsertKey))).filter(Objects::nonNull)
                    .distinct().toList();
            for (int from = 0; from < keys.size(); from += RecordQuery.MAX_LIMIT) {
                List<String> chunk = keys.subList(from, Math.min(keys.size(), from + RecordQuery.MAX_LIMIT));
                for (FormRecord record : records.findByValues(actor, job.formKey(), upsertKey, chunk)) {
                    String key = keyText(record.values().get(upsertKey));
                    if (key != null) {
                        found.merge(key, new Existing(record.id(), record.version()), (a, b) -> new Existing(-1, 0));
                    }
                }
            }
            return found;
        }
    }

    static String keyText(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }
}
