package io.opensop.engine.formula;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A checked and compiled formula. Immutable and safe to share between threads and evaluations.
 */
public final class CompiledFormula {

    private final String expression;
    private final FormulaType type;
    private final MvelGenerator.Output generated;
    private final Serializable compiled;
    private final Set<String> fieldsRead;
    private final Set<Navigation> navigations;
    /** Sub-expressions compiled on first explain; explanations are rare, so they are not compiled up front. */
    private final Map<Integer, Serializable> explained = new ConcurrentHashMap<>();

    CompiledFormula(String expression, FormulaType type, MvelGenerator.Output generated, Serializable compiled) {
        this.expression = expression;
        this.type = type;
        this.generated = generated;
        this.compiled = compiled;
        Set<String> keys = new LinkedHashSet<>();
        Set<Navigation> through = new LinkedHashSet<>();
        for (Binding b : generated.bindings()) {
            if (b != null) {
                keys.add(b.key());
                if (b.kind() == Binding.Kind.THROUGH_REFERENCE) {
                    through.add(new Navigation(b.key(), b.targetForm(), b.member()));
                }
            }
        }
        this.fieldsRead = Set.copyOf(keys);
        this.navigations = Set.copyOf(through);
    }

    /**
     * A field of another record read through a reference: {@code customer.industry} is the reference
     * {@code customer} of this form, pointing into {@code targetForm}, and its field {@code industry}.
     */
    public record Navigation(String reference, String targetForm, String field) {
    }

    public String expression() {
        return expression;
    }

    /** The static result type: BigDecimal for number/money/percent, String, Boolean, LocalDate, OffsetDateTime. */
    public FormulaType type() {
        return type;
    }

    /** Keys of this form's fields the formula reads; a navigation such as {@code customer.industry} reads {@code customer}. */
    public Set<String> fieldsRead() {
        return fieldsRead;
    }

    /** The fields of referenced records the formula reads (each reference also appears in {@link #fieldsRead()}). */
    public Set<Navigation> navigations() {
        return navigations;
    }

    /**
     * @param values the record's values by field key, see docs/formulas.md for the Java types
     * @return the value, null when blank
     * @throws FormulaException when a bound is exceeded or a value has the wrong Java type
     */
    public Object evaluate(Map<String, Object> values, FormulaContext ctx) {
        FormulaRuntime rt = runtime(values, ctx);
        return MvelRunner.run(compiled, rt, generated.nodes());
    }

    /** Evaluates every sub-expression, for showing a user how the value came about. */
    public FormulaExplanation explain(Map<String, Object> values, FormulaContext ctx) {
        FormulaRuntime rt = runtime(values, ctx);
        return explain(0, rt);
    }

    String mvelSource() {
        return generated.source();
    }

    private FormulaRuntime runtime(Map<String, Object> values, FormulaContext ctx) {
        return new FormulaRuntime(generated.constants(), generated.bindings(), values, ctx);
    }

    private FormulaExplanation explain(int id, FormulaRuntime rt) {
        Node node = generated.nodes().get(id);
        List<FormulaExplanation> children = new ArrayList<>();
        for (Node child : node.children()) {
            if (!isLiteral(child)) {
                children.add(explain(generated.nodes().indexOf(child), rt));
            }
        }
        Object value = null;
        String error = null;
        try {
            Serializable sub = explained.computeIfAbsent(id, k -> MvelRunner.compile(generated.code().get(node)));
            value = MvelRunner.run(sub, rt, generated.nodes());
        } catch (FormulaException e) {
            error = e.errors().get(0).code();
        }
        return new FormulaExplanation(expression.substring(node.start(), node.end()), node.start(), node.end(),
                value, error, children);
    }

    private static boolean isLiteral(Node node) {
        return node instanceof Node.Num || node instanceof Node.Str || node instanceof Node.Bool;
    }
}
