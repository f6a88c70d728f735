package io.opensop.engine.rules;

import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.metadata.PublishListener;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.record.StoredRecords;
import io.opensop.engine.security.Actor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Brings stored computed values in line with the current published formulas: keyset pages by id,
 * one short transaction per page, so no lock is held for longer than a page and a crash loses at
 * most the page in flight (running again resumes correctly, it only rewrites what differs). A row
 * saved by someone while its page is computed keeps that save's values: the save used the same
 * published version, and the conditional write sees its new row version and skips the row.
 */
public final class FormulaRecompute implements PublishListener {

    public static final int DEFAULT_BATCH_SIZE = 500;
    private static final int MAX_FAILED_IDS = 100;

    private final FormulaSupport formulas;
    private final ComputedFields computed;
    private final TransactionOperations transactions;
    private final Consumer<Object> events;
    private final int batchSize;

    FormulaRecompute(FormulaSupport formulas, ComputedFields computed, TransactionOperations transactions,
                     Consumer<Object> events, int batchSize) {
        this.formulas = formulas;
        this.computed = computed;
        this.transactions = transactions;
        this.events = events;
        this.batchSize = batchSize;
    }

    /** Runs after a publish that changed a computed field; progress goes to the engine's event sink. */
    @Override
    public void published(Actor actor, FormDefinition previous, PublishedForm current) {
        if (previous != null && computedChanged(previous, current.definition())) {
            run(current.key(), events::accept);
        }
    }

    /**
     * Recomputes every row of the form, deleted ones too (a restore must show right values).
     *
     * @return the final progress
     */
    public RecomputeProgress run(String formKey, Consumer<RecomputeProgress> progress) {
        PublishedForm first = current(formKey);
        long total = formulas.records().count(first);
        long after = 0;
        long processed = 0;
        long changed = 0;
        List<Long> failed = new ArrayList<>();
        while (true) {
            long from = after;
            Batch batch = transactions.execute(status -> batch(current(formKey), from));
            if (batch.rows() == 0) {
                break;
            }
            after = batch.lastId();
            processed += batch.rows();
            changed += batch.changed();
            batch.failed().stream().limit(Math.max(0, MAX_FAILED_IDS - failed.size())).forEach(failed::add);
            progress.accept(new RecomputeProgress(formKey, processed, total, changed, failed, false));
        }
        RecomputeProgress done = new RecomputeProgress(formKey, processed, total, changed, failed, true);
        progress.accept(done);
        return done;
    }

    private Batch batch(PublishedForm form, long afterId) {
        List<FormRecord> page = formulas.records().page(form, afterId, batchSize);
        List<Long> failed = new ArrayList<>();
        List<StoredRecords.ComputedValues> differing = new ArrayList<>();
        for (FormRecord record : page) {
            Map<String, Object> values = new LinkedHashMap<>(record.values());
            List<Problem> problems = new ArrayList<>();
            computed.compute(form, record.id(), values, Locale.ENGLISH, problems);
            if (!problems.isEmpty()) {
                failed.add(record.id());
            } else if (!values.equals(record.values())) {
                differing.add(new StoredRecords.ComputedValues(record, values));
            }
        }
        int changed = 0;
        for (boolean written : formulas.records().writeComputedAll(form, differing)) {
            changed += written ? 1 : 0;
        }
        return new Batch(page.size(), page.isEmpty() ? afterId : page.get(page.size() - 1).id(), changed, failed);
    }

    private PublishedForm current(String formKey) {
        return formulas.forms().current(formKey).orElseThrow(() -> new NotFoundException("form", formKey));
    }

    /** A new or changed formula, roll-up, result type or scale: anything that changes a stored computed value. */
    static boolean computedChanged(FormDefinition before, FormDefinition after) {
        for (FieldDefinition field : after.fieldList()) {
            if (field.type() != FieldType.FORMULA && field.type() != FieldType.ROLLUP) {
                continue;
            }
            FieldDefinition old = before.field(field.key()).orElse(null);
            if (old == null || old.type() != field.type() || !Objects.equals(old.formula(), field.formula())
                    || !Objects.equals(old.rollup(), field.rollup())
                    || old.resultType() != field.resultType() || old.effectiveScale() != field.effectiveScale()) {
                return true;
            }
        }
        return false;
    }

    private record Batch(int rows, long lastId, int changed, List<Long> failed) {
    }
}
