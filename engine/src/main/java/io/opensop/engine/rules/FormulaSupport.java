package io.opensop.engine.rules;

import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.formula.CompiledFormula;
import io.opensop.engine.formula.FormulaContext;
import io.opensop.engine.formula.FormulaEngine;
import io.opensop.engine.formula.FormulaSchema;
import io.opensop.engine.formula.FormulaType;
import io.opensop.engine.formula.WorkCalendar;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.record.PublishedForms;
import io.opensop.engine.record.StoredRecords;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place this package turns formula text into something that runs: schemas resolve
 * references against published forms only, and every evaluation gets the engine's clock, business
 * zone and a resolver that reads live records of published forms.
 */
final class FormulaSupport {

    private final FormulaEngine engine;
    private final PublishedForms forms;
    private final StoredRecords records;
    private final FormulaContext context;
    private final Map<String, CachedSchema> schemas = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_SCHEMAS = 1_000;

    FormulaSupport(FormulaEngine engine, PublishedForms forms, StoredRecords records, Clock clock, ZoneId zone) {
        this.engine = engine;
        this.forms = forms;
        this.records = records;
        this.context = new FormulaContext(clock, zone, WorkCalendar.standard(), this::referenced);
    }

    FormulaEngine engine() {
        return engine;
    }

    PublishedForms forms() {
        return forms;
    }

    StoredRecords records() {
        return records;
    }

    FormulaContext context() {
        return context;
    }

    /**
     * The schema formulas of {@code form} are checked against. Building one (and its fingerprint, a
     * SHA-256) costs microseconds, and a save or a recomputed row asks for it once per formula, so the
     * last schema per form key is kept while the very same definition instance comes back: published
     * definitions are immutable and shared (one instance per form version), so an identical instance
     * means an identical schema. Forms with reference fields are built each time, because their
     * schema also holds the targets' current published fields, which a publish elsewhere may change.
     */
    FormulaSchema schema(FormDefinition form) {
        if (form.key() == null || hasReferences(form)) {
            return build(form);
        }
        CachedSchema cached = schemas.get(form.key());
        if (cached != null && cached.definition() == form) {
            return cached.schema();
        }
        FormulaSchema schema = build(form);
        if (schemas.size() >= MAX_CACHED_SCHEMAS) {
            schemas.clear();
        }
        schemas.put(form.key(), new CachedSchema(form, schema));
        return schema;
    }

    /** The schema of a definition being designed: never cached, it changes with every edit. */
    FormulaSchema designSchema(FormDefinition form) {
        return build(form);
    }

    private FormulaSchema build(FormDefinition form) {
        return FormulaSchema.of(form, key -> forms.current(key).map(PublishedForm::definition));
    }

    private static boolean hasReferences(FormDefinition form) {
        for (FieldDefinition field : form.fieldList()) {
            if (field != null && field.type() == FieldType.REFERENCE) {
                return true;
            }
        }
        return false;
    }

    private record CachedSchema(FormDefinition definition, FormulaSchema schema) {
    }

    /** @throws io.opensop.engine.formula.FormulaException when the text does not check; publish prevents that */
    CompiledFormula compile(FormDefinition form, String text, FormulaType expected) {
        return engine.compile(text, schema(form), expected);
    }

    Object evaluate(FormDefinition form, String text, FormulaType expected, Map<String, Object> values) {
        return compile(form, text, expected).evaluate(FormulaInputs.of(form, values), context);
    }

    /** A condition or rule: TRUE, FALSE, or null when it came out blank. */
    Boolean condition(FormDefinition form, String text, Map<String, Object> values) {
        return (Boolean) evaluate(form, text, FormulaType.BOOLEAN, values);
    }

    private Map<String, Object> referenced(String formKey, long id) {
        Optional<PublishedForm> target = forms.current(formKey);
        Optional<FormRecord> record = records.find(formKey, id);
        if (target.isEmpty() || record.isEmpty()) {
            return Map.of();
        }
        return FormulaInputs.of(target.get().definition(), record.get().values());
    }
}
