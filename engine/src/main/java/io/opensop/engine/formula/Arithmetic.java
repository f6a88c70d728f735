package io.opensop.engine.formula;

import io.opensop.engine.formula.FormulaType.Scalar;

/** The result types of arithmetic, in one place so the checker and the documentation agree. */
final class Arithmetic {

    private Arithmetic() {
    }

    /** + and -: money wins, percent only survives percent ± percent. */
    static FormulaType sumType(FormulaType a, FormulaType b) {
        if (a == Scalar.MONEY || b == Scalar.MONEY) {
            return Scalar.MONEY;
        }
        return a == Scalar.PERCENT && b == Scalar.PERCENT ? Scalar.PERCENT : Scalar.NUMBER;
    }

    /** amount * 0.8% is money; money * money has no business meaning, so it is just a number. */
    static FormulaType productType(FormulaType a, FormulaType b) {
        return (a == Scalar.MONEY) != (b == Scalar.MONEY) ? Scalar.MONEY : Scalar.NUMBER;
    }

    /** amount / 12 is money; amount / amount is a ratio. */
    static FormulaType quotientType(FormulaType a, FormulaType b) {
        return a == Scalar.MONEY && b != Scalar.MONEY ? Scalar.MONEY : Scalar.NUMBER;
    }

    /**
     * The common type of values that may stand in the same place (IF branches, SUM arguments): a plain
     * number adopts the other's kind, so {@code IF(c, amount, 0)} stays money; money and percent mix to number.
     */
    static FormulaType unify(FormulaType a, FormulaType b) {
        if (a.equals(b)) {
            return a;
        }
        if (a.isNumeric() && b.isNumeric()) {
            if (a == Scalar.NUMBER) {
                return b;
            }
            return b == Scalar.NUMBER ? a : Scalar.NUMBER;
        }
        return null;
    }
}
