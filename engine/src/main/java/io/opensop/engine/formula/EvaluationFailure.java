package io.opensop.engine.formula;

/**
 * Thrown by runtime helpers when a bound is exceeded or a value is unusable. It carries no position:
 * {@link FormulaRuntime} knows which node was being evaluated and {@link CompiledFormula} adds it.
 */
final class EvaluationFailure extends RuntimeException {

    private final String code;
    private final transient Object[] args;

    EvaluationFailure(String code, Object... args) {
        super(code, null, false, false);
        this.code = code;
        this.args = args;
    }

    String code() {
        return code;
    }

    Object[] args() {
        return args;
    }
}
