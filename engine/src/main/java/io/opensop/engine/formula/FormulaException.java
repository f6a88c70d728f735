package io.opensop.engine.formula;

import io.opensop.engine.error.EngineException;
import java.util.List;

/** A formula could not be compiled or evaluated; {@link #errors()} says why and where. */
public class FormulaException extends EngineException {

    private final List<FormulaError> errors;

    public FormulaException(List<FormulaError> errors) {
        super(describe(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a formula failure needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public FormulaException(FormulaError error) {
        this(List.of(error));
    }

    public List<FormulaError> errors() {
        return errors;
    }

    private static String describe(List<FormulaError> errors) {
        StringBuilder text = new StringBuilder("invalid formula:");
        for (FormulaError e : errors) {
            text.append(" [").append(e.start()).append(',').append(e.end()).append(") ")
                    .append(e.code()).append(": ").append(e.message()).append(';');
        }
        return text.toString();
    }
}
