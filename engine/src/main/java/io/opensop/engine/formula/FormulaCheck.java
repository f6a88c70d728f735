package io.opensop.engine.formula;

import java.util.List;

/** The outcome of checking a formula: its type when {@code ok}, otherwise the errors found. */
public record FormulaCheck(boolean ok, FormulaType type, List<FormulaError> errors) {

    public FormulaCheck {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
