package io.opensop.engine.rules;

import io.opensop.engine.error.Problem;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.formula.FormulaDependencies;
import io.opensop.engine.formula.FormulaException;
import io.opensop.engine.formula.FormulaSchema;
import io.opensop.engine.formula.FormulaType;
import io.opensop.engine.record.PublishedForm;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fills a record's computed fields: roll-ups first (they read other records only), then formula
 * fields in dependency order, so a formula may read a roll-up or another formula.
 */
final class ComputedFields {

    private final FormulaSupport formulas;
    private final Rollups rollups;
    /** Ordering parses every formula of the form; keyed by schema fingerprint, so a publish anywhere refreshes it. */
    private final Map<String, List<String>> orders = new ConcurrentHashMap<>();

    ComputedFields(FormulaSupport formulas, Rollups rollups) {
        this.formulas = formulas;
        this.rollups = rollups;
    }

    /**
     * @param recordId the stored record's id, null while creating
     * @param values   the record's values; computed fields are replaced in place
     * @param locale   the language of messages about formulas that fail at run time
     */
    void compute(PublishedForm form, Long recordId, Map<String, Object> values, Locale locale, List<Problem> problems) {
        FormDefinition definition = form.definition();
        for (FieldDefinition field : definition.fieldList()) {
            if (field.type() == FieldType.ROLLUP && field.rollup() != null) {
                store(field, () -> rollups.aggregate(field.rollup(), recordId, values), values, locale, problems);
            }
        }
        for (String key : order(definition)) {
            FieldDefinition field = definition.field(key).orElseThrow();
            store(field, () -> formulas.evaluate(definition, field.formula(), FormulaType.of(field.resultType()),
                    values), values, locale, problems);
        }
    }

    boolean hasComputedFields(FormDefinition definition) {
        return definition.fieldList().stream().anyMatch(f -> f.type() == FieldType.FORMULA
                || f.type() == FieldType.ROLLUP);
    }

    private List<String> order(FormDefinition definition) {
        FormulaSchema schema = formulas.schema(definition);
        if (orders.size() > 1_000) {
            orders.clear();
        }
        return orders.computeIfAbsent(schema.fingerprint() + '\u0000' + fingerprintOfFormulas(definition),
                k -> FormulaDependencies.order(definition, schema));
    }

    private static String fingerprintOfFormulas(FormDefinition definition) {
        StringBuilder text = new StringBuilder();
        definition.fieldList().stream().filter(f -> f.type() == FieldType.FORMULA)
                .forEach(f -> text.append(f.key()).append('=').append(f.formula()).append('\u0000'));
        return text.toString();
    }

    private static void store(FieldDefinition field, java.util.function.Supplier<Object> compute,
                              Map<String, Object> values, Locale locale, List<Problem> problems) {
        try {
            values.put(field.key(), StoredValue.of(field, compute.get(), problems));
        } catch (FormulaException e) {
            // a bound exceeded at run time (a huge number, a too-long text): the save cannot store a right value
            problems.add(Problem.of(field.key(), "formula_failed", e.errors().get(0).message(locale),
                    e.errors().get(0).code()));
            values.put(field.key(), null);
        }
    }
}
