package io.opensop.engine.formula;

import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Orders a form's formula fields so each is computed after the formula fields it reads. Declaration
 * order is kept wherever the dependencies allow it, so the order is stable across saves.
 */
public final class FormulaDependencies {

    private FormulaDependencies() {
    }

    /**
     * @return keys of the form's top-level FORMULA fields in computation order
     * @throws FormulaException {@code formula_cycle} naming the cycle ("a → b → a"), or
     *                          {@code invalid_field_formula} followed by that formula's own errors
     */
    public static List<String> order(FormDefinition form, FormulaSchema schema) {
        Map<String, Set<String>> reads = new LinkedHashMap<>();
        for (FieldDefinition field : form.fieldList()) {
            if (field != null && field.type() == FieldType.FORMULA) {
                reads.put(field.key(), readsOf(field, schema));
            }
        }
        List<String> order = new ArrayList<>();
        Map<String, Boolean> done = new HashMap<>();
        for (String key : reads.keySet()) {
            visit(key, reads, done, new ArrayList<>(), order);
        }
        return List.copyOf(order);
    }

    private static Set<String> readsOf(FieldDefinition field, FormulaSchema schema) {
        String formula = field.formula() == null ? "" : field.formula();
        Typing typing;
        try {
            typing = FormulaEngine.analyze(formula, schema, null);
        } catch (FormulaException syntax) {
            throw invalid(field.key(), syntax.errors());
        }
        if (!typing.errors().isEmpty()) {
            throw invalid(field.key(), typing.errors());
        }
        Set<String> keys = new TreeSet<>();
        typing.bindings().values().forEach(b -> keys.add(b.key()));
        return keys;
    }

    /** Depth-first; {@code done} false means "on the current path", which is how a cycle shows itself. */
    private static void visit(String key, Map<String, Set<String>> reads, Map<String, Boolean> done,
                              List<String> path, List<String> order) {
        Boolean state = done.get(key);
        if (Boolean.TRUE.equals(state)) {
            return;
        }
        if (Boolean.FALSE.equals(state)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(key), path.size()));
            cycle.add(key);
            String named = String.join(" → ", cycle);
            throw new FormulaException(FormulaError.of("formula_cycle", 0, 0, named));
        }
        done.put(key, false);
        path.add(key);
        for (String dependency : reads.get(key)) {
            if (reads.containsKey(dependency)) {
                visit(dependency, reads, done, path, order);
            }
        }
        path.remove(path.size() - 1);
        done.put(key, true);
        order.add(key);
    }

    private static FormulaException invalid(String key, List<FormulaError> errors) {
        List<FormulaError> all = new ArrayList<>();
        all.add(FormulaError.of("invalid_field_formula", 0, 0, key));
        all.addAll(errors);
        return new FormulaException(all);
    }
}
