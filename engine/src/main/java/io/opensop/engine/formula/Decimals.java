package io.opensop.engine.formula;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Exact decimal arithmetic with bounds. Results keep at most 34 significant digits (IEEE decimal128,
 * rounding half-even), at most 100 decimal places, and must stay below 10^1000: without the bounds a
 * formula like {@code 10^1000^1000} or a chain of products could exhaust memory.
 */
final class Decimals {

    static final MathContext MC = new MathContext(34, RoundingMode.HALF_EVEN);
    static final int DIVISION_SCALE = 10;
    static final int MAX_SCALE = 100;
    static final int MAX_INTEGER_DIGITS = 1000;
    static final int MAX_EXPONENT = 1000;

    private Decimals() {
    }

    /** Blank counts as zero in arithmetic, as in a spreadsheet. */
    static BigDecimal of(Object value) {
        return value == null ? BigDecimal.ZERO : (BigDecimal) value;
    }

    static BigDecimal fit(BigDecimal x) {
        BigDecimal r = x.precision() > MC.getPrecision() ? x.round(MC) : x;
        if (r.precision() - r.scale() > MAX_INTEGER_DIGITS) {
            throw new EvaluationFailure("number_too_large", MAX_INTEGER_DIGITS);
        }
        if (r.scale() > MAX_SCALE) {
            r = r.setScale(MAX_SCALE, RoundingMode.HALF_EVEN);
        }
        return r;
    }

    /** Division by zero is blank rather than an error: a formula over an empty record should not fail. */
    static BigDecimal divide(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            return null;
        }
        BigDecimal q = a.divide(b, DIVISION_SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return fit(q.scale() < 0 ? q.setScale(0) : q);
    }

    /** Remainder with the divisor's sign, as spreadsheets do: MOD(-7, 3) is 2. */
    static BigDecimal mod(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            return null;
        }
        BigDecimal r = a.remainder(b);
        if (r.signum() != 0 && r.signum() != b.signum()) {
            r = r.add(b);
        }
        return fit(r);
    }

    static BigDecimal pow(BigDecimal base, BigDecimal exponent) {
        int n;
        try {
            n = exponent.stripTrailingZeros().intValueExact();
        } catch (ArithmeticException notWhole) {
            throw new EvaluationFailure("power_exponent", MAX_EXPONENT);
        }
        if (Math.abs(n) > MAX_EXPONENT) {
            throw new EvaluationFailure("power_exponent", MAX_EXPONENT);
        }
        if (base.signum() == 0) {
            return n < 0 ? null : (n == 0 ? BigDecimal.ONE : BigDecimal.ZERO);
        }
        // Estimate the magnitude first: computing 10^1000 with 34 digits is cheap, but its plain form is not.
        long magnitude = (long) (base.precision() - base.scale()) * n;
        if (magnitude > MAX_INTEGER_DIGITS + 1) {
            throw new EvaluationFailure("number_too_large", MAX_INTEGER_DIGITS);
        }
        return fit(base.pow(n, MC));
    }

    static int wholeNumber(BigDecimal value, int min, int max, String code) {
        try {
            int n = value.setScale(0, RoundingMode.DOWN).intValueExact();
            if (n < min || n > max) {
                throw new EvaluationFailure(code, min, max);
            }
            return n;
        } catch (ArithmeticException tooBig) {
            throw new EvaluationFailure(code, min, max);
        }
    }
}
