package io.opensop.engine.formula;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.mvel2.MVEL;
import org.mvel2.ParserContext;

/**
 * The one place MVEL is used: compile generated (whitelisted) source, run it with the runtime bound
 * to {@code rt}, and turn failures back into formula errors at the right position.
 */
final class MvelRunner {

    private MvelRunner() {
    }

    static Serializable compile(String generatedSource) {
        MvelWhitelist.verify(generatedSource);
        ParserContext context = new ParserContext();
        context.addInput("rt", FormulaRuntime.class);
        return MVEL.compileExpression(generatedSource, context);
    }

    /**
     * @param nodes the formula's nodes by id, to locate a failure
     */
    static Object run(Serializable compiled, FormulaRuntime rt, java.util.List<Node> nodes) {
        Map<String, Object> vars = new HashMap<>(2);
        vars.put("rt", rt);
        try {
            return MVEL.executeExpression(compiled, vars);
        } catch (RuntimeException e) {
            throw translate(e, rt, nodes);
        }
    }

    /**
     * MVEL wraps whatever a method throws; unwrap it. A bound exceeded becomes a formula error at the
     * node being evaluated; anything else (a resolver's database failure) is rethrown as it was.
     */
    private static RuntimeException translate(RuntimeException e, FormulaRuntime rt, java.util.List<Node> nodes) {
        RuntimeException own = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EvaluationFailure failure) {
                Node at = nodes.get(Math.min(Math.max(rt.at, 0), nodes.size() - 1));
                return new FormulaException(FormulaError.of(failure.code(), at.start(), at.end(), failure.args()));
            }
            if (t instanceof RuntimeException r && !r.getClass().getName().startsWith("org.mvel2.")) {
                own = r;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return own != null ? own : new IllegalStateException("generated formula code failed", e);
    }
}
