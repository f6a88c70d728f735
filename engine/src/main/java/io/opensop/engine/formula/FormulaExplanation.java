package io.opensop.engine.formula;

import java.util.List;

/**
 * "Why this value": one sub-expression of a formula, its source text and range, and what it
 * evaluated to (or the code of the error it raised). Literals are left out; they explain themselves.
 */
public record FormulaExplanation(String source, int start, int end, Object value, String error,
                                 List<FormulaExplanation> children) {

    public FormulaExplanation {
        children = List.copyOf(children);
    }
}
