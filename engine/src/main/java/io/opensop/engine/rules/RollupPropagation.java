package io.opensop.engine.rules;

import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.record.StoredRecords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * After a record is written, recomputes the records that roll it up: the parent it referenced
 * before and the one it references now (a move touches both). Each parent row is locked first, so
 * concurrent saves of its children queue up and every one aggregates the children the others
 * committed. The parent is written as "system" with a new version, without checking the version an
 * editor holds: the editor's next save gets a conflict and reloads, which is the point.
 */
final class RollupPropagation {

    /** A parent is itself a child of a grandparent's roll-up; deeper chains than this are a design smell. */
    private static final int MAX_DEPTH = 4;

    private final FormulaSupport formulas;
    private final ComputedFields computed;

    private final PeriodRollups periods;

    RollupPropagation(FormulaSupport formulas, ComputedFields computed, PeriodRollups periods) {
        this.formulas = formulas;
        this.computed = computed;
        this.periods = periods;
    }

    void afterWrite(PublishedForm child, FormRecord previous, FormRecord current, Locale locale) {
        propagate(child, previous, current, locale, 0);
    }

    private void propagate(PublishedForm child, FormRecord previous, FormRecord current, Locale locale, int depth) {
        if (depth >= MAX_DEPTH) {
            return;
        }
        for (FieldDefinition reference : child.definition().fieldList()) {
            if (reference.type() != FieldType.REFERENCE || reference.target() == null) {
                continue;
            }
            Optional<PublishedForm> parentForm = formulas.forms().current(reference.target());
            if (parentForm.isEmpty() || parentForm.get().definition().fieldList().stream()
                    .noneMatch(f -> f.type() == FieldType.ROLLUP
                            && Rollups.isRollupOver(f, child.key(), reference.key()))) {
                continue;
            }
            // ascending ids: two moves between the same parents lock them in the same order
            TreeSet<Long> parents = new TreeSet<>();
            addId(parents, previous, reference.key());
            addId(parents, current, reference.key());
            for (long parentId : parents) {
                recompute(parentForm.get(), parentId, locale, depth);
            }
        }
        for (PeriodRollups.Holder holder : periods.touched(child, previous, current)) {
            Optional<FormRecord> stored = periods.find(holder);
            if (stored.isPresent()) {
                recompute(holder.form(), stored.get().id(), locale, depth);
            } else if (holder.period().shift() == 0) {
                file(holder, locale, depth);
            }
        }
    }

    /** Files the missing holding record of a period (a rep's scorecard for a week), owned by the rep. */
    private void file(PeriodRollups.Holder holder, Locale locale, int depth) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(holder.period().owner(), holder.ownerId());
        values.put(holder.period().start(), holder.start());
        List<Problem> problems = new ArrayList<>();
        computed.compute(holder.form(), null, values, locale, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems.stream()
                    .map(p -> new Problem(holder.form().key() + "." + p.field(), p.code(), p.args())).toList());
        }
        long id = formulas.records().insertComputed(holder.form(), values, holder.ownerId());
        formulas.records().find(holder.form().key(), id)
                .ifPresent(filed -> propagate(holder.form(), null, filed, locale, depth + 1));
    }

    private void recompute(PublishedForm form, long id, Locale locale, int depth) {
        Optional<FormRecord> locked = formulas.records().lock(form, id);
        if (locked.isEmpty()) {
            return;
        }
        FormRecord before = locked.get();
        Map<String, Object> values = new LinkedHashMap<>(before.values());
        List<Problem> problems = new ArrayList<>();
        computed.compute(form, id, values, locale, problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems.stream()
                    .map(p -> new Problem(form.key() + "/" + id + "." + p.field(), p.code(), p.args())).toList());
        }
        if (!formulas.records().writeComputed(form, before, values)) {
            throw new IllegalStateException("the locked record " + form.key() + "/" + id + " changed underneath");
        }
        Optional<FormRecord> after = formulas.records().find(form.key(), id);
        if (after.isPresent() && after.get().version() != before.version()) {
            propagate(form, before, after.get(), locale, depth + 1);
        }
    }

    private static void addId(TreeSet<Long> ids, FormRecord record, String key) {
        if (record != null && record.values().get(key) instanceof Number id) {
            ids.add(id.longValue());
        }
    }
}
