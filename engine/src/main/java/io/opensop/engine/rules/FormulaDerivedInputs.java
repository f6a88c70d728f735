package io.opensop.engine.rules;

import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.form.RollupDefinition;
import io.opensop.engine.formula.CompiledFormula;
import io.opensop.engine.formula.FormulaException;
import io.opensop.engine.formula.FormulaType;
import io.opensop.engine.record.DerivedInputs;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fields each formula and roll-up field reads: a formula reads the fields it names (a navigation
 * such as {@code customer.industry} reads the reference {@code customer}, and {@code industry} of the
 * customer form through it), a roll-up reads the child form's aggregated field. Kept per form while the same (immutable, shared) published definition
 * instance comes back, as {@link FormulaSupport} keeps schemas, because record reads ask on every row.
 */
final class FormulaDerivedInputs implements DerivedInputs {

    private final FormulaSupport formulas;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    FormulaDerivedInputs(FormulaSupport formulas) {
        this.formulas = formulas;
    }

    @Override
    public Map<String, Set<Input>> of(FormDefinition form) {
        Cached cached = form.key() == null ? null : cache.get(form.key());
        if (cached != null && cached.definition() == form) {
            return cached.inputs();
        }
        Map<String, Set<Input>> inputs = build(form);
        if (form.key() != null) {
            cache.put(form.key(), new Cached(form, inputs));
        }
        return inputs;
    }

    private Map<String, Set<Input>> build(FormDefinition form) {
        Map<String, Set<Input>> inputs = new LinkedHashMap<>();
        for (FieldDefinition field : form.fieldList()) {
            Set<Input> reads = new LinkedHashSet<>();
            if (field.type() == FieldType.FORMULA && field.formula() != null) {
                try {
                    CompiledFormula compiled = formulas.compile(form, field.formula(), FormulaType.of(field.resultType()));
                    compiled.fieldsRead().forEach(key -> reads.add(new Input(null, key)));
                    compiled.navigations().forEach(n -> reads.add(new Input(n.targetForm(), n.field(), n.reference())));
                } catch (FormulaException notCompilable) {
                    // publish refuses formulas that do not compile against the form, and the formula
                    // feature computes nothing from them either, so there is no value to hide
                }
            } else if (field.type() == FieldType.ROLLUP && field.rollup() != null) {
                RollupDefinition rollup = field.rollup();
                if (rollup.field() != null) {
                    reads.add(new Input(rollup.form(), rollup.field()));
                }
            }
            if (!reads.isEmpty()) {
                inputs.put(field.key(), Set.copyOf(reads));
            }
        }
        return Map.copyOf(inputs);
    }

    private record Cached(FormDefinition definition, Map<String, Set<Input>> inputs) {
    }
}
