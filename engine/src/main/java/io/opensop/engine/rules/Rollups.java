package io.opensop.engine.rules;

import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.RollupDefinition;
import io.opensop.engine.formula.CompiledFormula;
import io.opensop.engine.formula.FormulaType;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.record.RecordValues;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes a roll-up field of one record from the live child records that reference it. Children
 * are read from the tables inside the current transaction, so a child written a moment ago by the
 * same save is counted; their formula fields are read as stored, which the child's own save computed.
 */
final class Rollups {

    private final FormulaSupport formulas;
    private final PeriodRollups periods;

    Rollups(FormulaSupport formulas, PeriodRollups periods) {
        this.formulas = formulas;
        this.periods = periods;
    }

    /**
     * @param parentId     null for a record not stored yet, which has no referencing children
     * @param parentValues the holding record's values (a period roll-up reads its owner and start)
     */
    Object aggregate(RollupDefinition rollup, Long parentId, Map<String, Object> parentValues) {
        Optional<PublishedForm> child = formulas.forms().current(rollup.form());
        List<Object> values = new ArrayList<>();
        if ((parentId != null || rollup.period() != null) && child.isPresent()) {
            CompiledFormula filter = rollup.filter() == null || rollup.filter().isBlank() ? null
                    : formulas.compile(child.get().definition(), rollup.filter(), FormulaType.BOOLEAN);
            List<FormRecord> children = rollup.period() != null
                    ? periods.children(child.get(), rollup.period(), parentValues)
                    : formulas.records().referencing(child.get(), rollup.reference(), parentId);
            for (FormRecord record : children) {
                if (filter == null || Boolean.TRUE.equals(filter.evaluate(
                        FormulaInputs.of(child.get().definition(), record.values()), formulas.context()))) {
                    values.add(rollup.field() == null ? Boolean.TRUE : record.values().get(rollup.field()));
                }
            }
        }
        return aggregate(rollup.aggregate(), values.stream().filter(v -> !RecordValues.isBlank(v)).toList());
    }

    /** Blank child values are skipped, as in SUM over line items: SUM and COUNT of nothing are 0, the rest blank. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object aggregate(RollupDefinition.Aggregate aggregate, List<Object> values) {
        return switch (aggregate) {
            case COUNT -> BigDecimal.valueOf(values.size());
            case SUM -> sum(values);
            case AVG -> values.isEmpty() ? null : sum(values).divide(BigDecimal.valueOf(values.size()),
                    MathContext.DECIMAL128);
            case MIN -> values.stream().map(v -> (Comparable) number(v)).min(Comparator.naturalOrder()).orElse(null);
            case MAX -> values.stream().map(v -> (Comparable) number(v)).max(Comparator.naturalOrder()).orElse(null);
        };
    }

    private static BigDecimal sum(List<Object> values) {
        BigDecimal total = BigDecimal.ZERO;
        for (Object value : values) {
            total = total.add((BigDecimal) number(value));
        }
        return total;
    }

    /** Ids and counters come back as Long; everything numeric is summed as an exact decimal. */
    private static Object number(Object value) {
        return value instanceof Long || value instanceof Integer ? BigDecimal.valueOf(((Number) value).longValue())
                : value;
    }

    static boolean isRollupOver(FieldDefinition field, String childForm, String reference) {
        return field.rollup() != null && childForm.equals(field.rollup().form())
                && reference.equals(field.rollup().reference());
    }
}
