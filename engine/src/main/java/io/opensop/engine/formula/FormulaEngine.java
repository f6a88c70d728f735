package io.opensop.engine.formula;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks and compiles formulas. User text is parsed and type-checked here and never handed to MVEL:
 * only code generated from the checked tree is. Compiled formulas are cached by schema fingerprint,
 * expected type and text, in a bounded least-recently-used cache. Thread-safe.
 */
public final class FormulaEngine {

    public static final int DEFAULT_CACHE_SIZE = 2_000;

    private final Map<String, CompiledFormula> cache;

    public FormulaEngine() {
        this(DEFAULT_CACHE_SIZE);
    }

    public FormulaEngine(int cacheSize) {
        if (cacheSize < 1) {
            throw new IllegalArgumentException("cache size must be positive: " + cacheSize);
        }
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompiledFormula> eldest) {
                return size() > cacheSize;
            }
        };
    }

    /**
     * @param expected the type the result must have (numbers, money and percents convert), or null for any
     */
    public FormulaCheck check(String expression, FormulaSchema schema, FormulaType expected) {
        try {
            Typing typing = analyze(expression, schema, expected);
            boolean ok = typing.errors().isEmpty();
            return new FormulaCheck(ok, ok ? typing.type() : null, typing.errors());
        } catch (FormulaException syntax) {
            return new FormulaCheck(false, null, syntax.errors());
        }
    }

    /**
     * The keys of the form's own fields an expression reads (a sub-form column or a field reached
     * through a reference counts as its sub-form or reference field); empty when it does not check.
     */
    public java.util.Set<String> fieldsRead(String expression, FormulaSchema schema) {
        try {
            Typing typing = analyze(expression == null ? "" : expression, schema, null);
            java.util.Set<String> keys = new java.util.TreeSet<>();
            typing.bindings().values().forEach(b -> keys.add(b.key()));
            return keys;
        } catch (FormulaException syntax) {
            return java.util.Set.of();
        }
    }

    /** @throws FormulaException carrying every error {@link #check} would report */
    public CompiledFormula compile(String expression, FormulaSchema schema, FormulaType expected) {
        String key = schema.fingerprint() + '\u0000' + (expected == null ? "" : expected.displayName()) + '\u0000'
                + expression;
        synchronized (cache) {
            CompiledFormula cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Typing typing = analyze(expression, schema, expected);
        if (!typing.errors().isEmpty()) {
            throw new FormulaException(typing.errors());
        }
        MvelGenerator.Output generated = MvelGenerator.generate(typing);
        Serializable compiled = MvelRunner.compile(generated.source());
        CompiledFormula formula = new CompiledFormula(expression, typing.type(), generated, compiled);
        synchronized (cache) {
            cache.put(key, formula);
        }
        return formula;
    }

    int cachedCount() {
        synchronized (cache) {
            return cache.size();
        }
    }

    /** Parses and type-checks; used by dependency ordering as well, which needs no code. */
    static Typing analyze(String expression, FormulaSchema schema, FormulaType expected) {
        Node root = Parser.parse(expression);
        return TypeChecker.check(root, schema, expected);
    }

    static List<FormulaError> errorsOf(String expression, FormulaSchema schema) {
        try {
            return analyze(expression, schema, null).errors();
        } catch (FormulaException e) {
            return e.errors();
        }
    }
}
