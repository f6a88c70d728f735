package io.opensop.engine.rules;

import io.opensop.engine.error.Problem;
import io.opensop.engine.formula.FormulaError;
import java.util.Locale;

/**
 * A formula error as a {@link Problem} at a JSON path. The args carry the formula's own message in
 * English ({0}) and Simplified Chinese ({4}), its character range [{1}, {2}) and its code ({3}), so
 * the message bundles can render the problem in either language and an editor can underline it.
 */
final class FormulaProblems {

    static final String INVALID = "formula_invalid";

    private FormulaProblems() {
    }

    static Problem of(String path, FormulaError error) {
        return Problem.of(path, INVALID, error.message(Locale.ENGLISH), error.start(), error.end(), error.code(),
                error.message(Locale.SIMPLIFIED_CHINESE));
    }
}
