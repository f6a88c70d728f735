package io.opensop.engine.rules;

import io.opensop.engine.error.NotFoundException;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.formula.CompiledFormula;
import io.opensop.engine.formula.FormulaCheck;
import io.opensop.engine.formula.FormulaType;
import io.opensop.engine.i18n.LocalizedText;
import io.opensop.engine.record.CoercionMode;
import io.opensop.engine.record.Lookups;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.record.ValueCoercer;
import io.opensop.engine.security.AccessPolicy;
import io.opensop.engine.security.Actor;
import io.opensop.engine.security.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The formula editor's helpers: check a formula as the designer types it, and try it on sample
 * values. With a form key the formula sees that published form's fields (the actor must be allowed
 * to read it); without one it sees no fields at all.
 */
public final class FormulaTools {

    /** The result of {@link #evaluate}: the value and its formula type. */
    public record Evaluation(Object value, FormulaType type) {
    }

    private static final FormDefinition NO_FIELDS = new FormDefinition("formula", null,
            LocalizedText.of("Formula", "公式"), null, null, List.of(), null, null, null, null, null);

    private final FormulaSupport formulas;
    private final AccessPolicy policy;
    private final Lookups lookups;
    private final RecordService records;

    FormulaTools(FormulaSupport formulas, AccessPolicy policy, Lookups lookups, RecordService records) {
        this.formulas = formulas;
        this.policy = policy;
        this.lookups = lookups;
        this.records = records;
    }

    /** @param resultType the field type the result must fit, or null for any */
    public FormulaCheck check(Actor actor, String formKey, String expression, FieldType resultType) {
        FormDefinition form = readable(actor, formKey);
        FormulaType expected = resultType == null ? null : FormulaType.of(resultType);
        return formulas.engine().check(expression == null ? "" : expression, formulas.schema(form), expected);
    }

    /**
     * @param values sample values by field key, as a client would send them for a record
     * @throws io.opensop.engine.formula.FormulaException when the formula does not check or fails at run time
     * @throws ValidationException when a sample value does not fit its field
     */
    public Evaluation evaluate(Actor actor, String formKey, String expression, Map<String, Object> values) {
        FormDefinition form = readable(actor, formKey);
        CompiledFormula formula = formulas.compile(form, expression == null ? "" : expression, null);
        Map<String, Object> typed = coerce(actor, form, values == null ? Map.of() : values);
        var context = formulas.context().withResolver(new ActorReferences(records, actor));
        return new Evaluation(formula.evaluate(FormulaInputs.of(form, typed), context), formula.type());
    }

    /**
     * Where a field is read: a formula, condition or rule of the definition names it.
     *
     * @param owner     the field or rule key holding the expression
     * @param attribute {@code formula}, {@code requiredWhen}, {@code visibleWhen}, {@code readOnlyWhen}
     *                  or {@code rule}
     */
    public record FieldUse(String owner, String attribute) {
    }

    /**
     * Checks a formula against a definition being designed, which may never have been published: the
     * designer's unsaved edit. Only someone who may design that form may ask.
     */
    public FormulaCheck checkDesign(Actor actor, FormDefinition design, String expression, FieldType resultType) {
        requireDesign(actor, design);
        FormulaType expected = resultType == null ? null : FormulaType.of(resultType);
        return formulas.engine().check(expression == null ? "" : expression, formulas.designSchema(design),
                expected);
    }

    /** {@link #evaluate} against a definition being designed, with values as a client would send them. */
    public Evaluation evaluateDesign(Actor actor, FormDefinition design, String expression,
                                     Map<String, Object> values) {
        requireDesign(actor, design);
        CompiledFormula formula = formulas.engine().compile(expression == null ? "" : expression,
                formulas.designSchema(design), null);
        Map<String, Object> typed = coerce(actor, design, values == null ? Map.of() : values);
        var context = formulas.context().withResolver(new ActorReferences(records, actor));
        return new Evaluation(formula.evaluate(FormulaInputs.of(design, typed), context), formula.type());
    }

    /**
     * A formula of a definition being designed, tried on a stored record of the same form: the record is
     * read through the record service, so the actor sees only records and fields they may read.
     */
    public Evaluation evaluateDesignOnRecord(Actor actor, FormDefinition design, String expression, long recordId) {
        requireDesign(actor, design);
        CompiledFormula formula = formulas.engine().compile(expression == null ? "" : expression,
                formulas.designSchema(design), null);
        Map<String, Object> stored = records.get(actor, design.key(), recordId).values();
        var context = formulas.context().withResolver(new ActorReferences(records, actor));
        return new Evaluation(formula.evaluate(FormulaInputs.of(design, stored), context), formula.type());
    }

    /** Every formula, condition and rule of {@code design} that reads {@code fieldKey}, in definition order. */
    public List<FieldUse> usesOf(FormDefinition design, String fieldKey) {
        var schema = formulas.designSchema(design);
        List<FieldUse> uses = new ArrayList<>();
        for (FieldDefinition field : design.fieldList()) {
            use(uses, schema, field.key(), "formula", field.type() == FieldType.FORMULA ? field.formula() : null,
                    fieldKey);
            use(uses, schema, field.key(), "requiredWhen", field.requiredWhen(), fieldKey);
            use(uses, schema, field.key(), "visibleWhen", field.visibleWhen(), fieldKey);
            use(uses, schema, field.key(), "readOnlyWhen", field.readOnlyWhen(), fieldKey);
        }
        for (var rule : design.ruleList()) {
            use(uses, schema, rule.key(), "rule", rule.expression(), fieldKey);
        }
        return uses;
    }

    private void use(List<FieldUse> uses, io.opensop.engine.formula.FormulaSchema schema, String owner,
                     String attribute, String expression, String fieldKey) {
        if (expression != null && !expression.isBlank()
                && formulas.engine().fieldsRead(expression, schema).contains(fieldKey)) {
            uses.add(new FieldUse(owner, attribute));
        }
    }

    private void requireDesign(Actor actor, FormDefinition design) {
        if (!policy.allows(actor, design, Operation.DESIGN)) {
            throw new io.opensop.engine.error.AccessDeniedException(actor.username() + " may not design forms");
        }
    }

    private FormDefinition readable(Actor actor, String formKey) {
        if (formKey == null || formKey.isBlank()) {
            return NO_FIELDS;
        }
        PublishedForm form = formulas.forms().current(formKey).orElseThrow(() -> new NotFoundException("form",
                formKey));
        if (!policy.allows(actor, form.definition(), Operation.READ)) {
            throw new NotFoundException("form", formKey);
        }
        return form.definition();
    }

    private Map<String, Object> coerce(Actor actor, FormDefinition form, Map<String, Object> values) {
        ValueCoercer coercer = new ValueCoercer(lookups, CoercionMode.LENIENT, actor.zone());
        List<Problem> problems = new ArrayList<>();
        Map<String, Object> typed = new LinkedHashMap<>();
        values.forEach((key, raw) -> {
            FieldDefinition field = form.field(key).orElse(null);
            if (field == null || !policy.fieldAccess(actor, form, field).visible()) {
                problems.add(Problem.of("values." + key, "unknown_field", key));
            } else if (field.type().computed()) {
                // a sample for a computed field is taken as it would be stored
                FieldDefinition asStored = withType(field, field.storedType());
                typed.put(key, coercer.coerce(asStored, raw, "values." + key, problems));
            } else {
                typed.put(key, coercer.coerce(field, raw, "values." + key, problems));
            }
        });
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return typed;
    }

    private static FieldDefinition withType(FieldDefinition f, FieldType type) {
        return new FieldDefinition(f.key(), type, f.label(), f.help(), null, null, f.options(), f.precision(),
                f.scale(), f.currency(), f.maxLength(), f.target(), f.fields(), null, null, null, null, null, null);
    }
}
