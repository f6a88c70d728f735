package io.opensop.engine.formula;

/**
 * What a field reference reads. {@code key} is the field of the formula's own form (what
 * {@link CompiledFormula#fieldsRead()} reports); {@code member} is the sub-form column or the target
 * form's field for navigations.
 */
record Binding(Kind kind, String key, String member, String targetForm, FormulaType type) {

    enum Kind { FIELD, COLUMN, THROUGH_REFERENCE }
}
