package io.opensop.engine.rules;

import io.opensop.engine.formula.FormulaExplanation;
import java.util.Map;

/**
 * Why a stored formula field has its value: the formula, the value stored, the inputs it read and
 * the value of every sub-expression.
 */
public record FieldExplanation(String formKey, long recordId, String field, String formula, Object storedValue,
                               Map<String, Object> inputs, FormulaExplanation explanation) {
}
