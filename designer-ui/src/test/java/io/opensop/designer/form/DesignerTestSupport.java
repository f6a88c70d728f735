package io.opensop.designer.form;

import com.vaadin.flow.component.Component;
import io.opensop.designer.formula.FormulaSource;
import io.opensop.designer.formula.FormulaSuggestions.FieldChoice;
import io.opensop.engine.form.FieldType;
import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.formula.FormulaCheck;
import io.opensop.engine.formula.FormulaEngine;
import io.opensop.engine.formula.FormulaSchema;
import io.opensop.engine.formula.FormulaType;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Finds components by data-testid and checks formulas with the real engine, no database. */
public final class DesignerTestSupport {

    private DesignerTestSupport() {
    }

    public static Stream<Component> tree(Component root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(DesignerTestSupport::tree));
    }

    public static <T extends Component> T byTestId(Component root, String testId, Class<T> type) {
        return find(root, testId, type).orElseThrow(() -> new AssertionError("no " + testId));
    }

    public static <T extends Component> Optional<T> find(Component root, String testId, Class<T> type) {
        return tree(root).filter(c -> testId.equals(c.getElement().getAttribute("data-testid")))
                .filter(type::isInstance).map(type::cast).findFirst();
    }

    public static boolean has(Component root, String testId) {
        return tree(root).anyMatch(c -> testId.equals(c.getElement().getAttribute("data-testid")));
    }

    /** Formulas checked by the engine's own checker against the definition as it is now. */
    public static FormulaSource formulas(Supplier<FormDefinition> definition) {
        FormulaEngine engine = new FormulaEngine();
        return new FormulaSource() {
            @Override
            public FormulaCheck check(String expression, FieldType resultType) {
                return engine.check(expression, FormulaSchema.of(definition.get()),
                        resultType == null ? null : FormulaType.of(resultType));
            }

            @Override
            public List<FieldChoice> fields() {
                return definition.get().fieldList().stream().map(f -> new FieldChoice(f.key(), f.label())).toList();
            }
        };
    }
}
