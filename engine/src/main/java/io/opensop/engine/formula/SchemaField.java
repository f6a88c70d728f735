package io.opensop.engine.formula;

import io.opensop.engine.i18n.LocalizedText;

/**
 * A field as formulas see it. {@code type} is null for fields that can only be navigated
 * (sub-forms); {@code target} is the schema behind a reference field, or behind a sub-form the schema
 * of its columns.
 */
record SchemaField(String key, LocalizedText label, FormulaType type, Kind kind, String targetForm,
                   FormulaSchema target) {

    enum Kind { VALUE, REFERENCE, SUB_FORM }

    boolean labelMatches(String text) {
        return label != null && label.matches(text);
    }
}
