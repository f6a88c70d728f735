package io.opensop.engine.error;

import java.util.List;

/** Input broke one or more rules; nothing was written. */
public class ValidationException extends EngineException {

    private final List<Problem> problems;

    public ValidationException(List<Problem> problems) {
        super(describe(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public ValidationException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String describe(List<Problem> problems) {
        StringBuilder text = new StringBuilder("invalid input:");
        for (Problem p : problems) {
            text.append(' ').append(p.field()).append('=').append(p.code());
        }
        return text.toString();
    }
}
