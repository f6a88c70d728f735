package io.opensop.designer.formula;

import io.opensop.engine.form.FieldType;
import io.opensop.engine.formula.FormulaCheck;
import java.io.Serializable;
import java.util.List;

/**
 * What a formula editor checks against: the form as it is being designed. The designer backs it with
 * the engine's {@code FormulaTools.checkDesign}; tests with a plain engine.
 */
public interface FormulaSource extends Serializable {

    /** @param resultType the type the formula must produce, or null for any */
    FormulaCheck check(String expression, FieldType resultType);

    /** The fields a formula may name, for autocomplete. */
    List<FormulaSuggestions.FieldChoice> fields();
}
