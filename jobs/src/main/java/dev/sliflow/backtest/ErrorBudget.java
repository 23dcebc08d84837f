package dev.sliflow.backtest;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The error budget of a target, exactly: allowed = 1 − target as the fraction {@code num / den} of the
 * target's decimal (0.999 → 1 / 1000), so that a budget spent exactly to zero is 0 and a burn rate
 * exactly at a tier's rate is not above it. In doubles 1 − 0.99 is 0.010000000000000009 and 1 − 0.9995
 * is 0.0004999999999999449: a day that used the whole budget showed <em>pause</em>, and a burn of
 * exactly 1 fired. Decisions (policy state, slice goodness, burn rate above the rate) are made on
 * integers here; doubles are only the reported values.
 *
 * <p>A double is read as its shortest decimal ({@link Double#toString}): the number the user wrote.
 */
final class ErrorBudget implements Serializable {
    private static final long serialVersionUID = 1L;

    /** allowed = num / den, den = 10^scale, 0 &lt; num &lt; den. */
    final long num;
    final long den;

    private ErrorBudget(long num, long den) {
        this.num = num;
        this.den = den;
    }

    /**
     * @throws IllegalArgumentException when the target is not in (0, 1) or needs more than 18 decimals
     */
    static ErrorBudget of(double target) {
        if (!(target > 0 && target < 1)) {
            throw new IllegalArgumentException("target must be in (0, 1), got " + target);
        }
        BigDecimal allowed = BigDecimal.ONE.subtract(decimal(target));
        if (allowed.scale() > 18) {
            throw new IllegalArgumentException("target " + target + " has more than 18 decimals");
        }
        return new ErrorBudget(allowed.unscaledValue().longValueExact(), BigInteger.TEN.pow(allowed.scale()).longValueExact());
    }

    /** The decimal a double was written as (its shortest representation). */
    static BigDecimal decimal(double d) {
        return new BigDecimal(Double.toString(d));
    }

    /** 1 − target as a double, for reported burn rates. */
    double allowed() {
        return (double) num / den;
    }

    /** The budget remaining 1 − bad / (allowed × valid), exactly (valid &gt; 0). */
    Remaining remaining(long bad, long valid) {
        BigInteger budget = BigInteger.valueOf(num).multiply(BigInteger.valueOf(valid)); // allowed × valid × den
        return new Remaining(budget.subtract(BigInteger.valueOf(bad).multiply(BigInteger.valueOf(den))), budget);
    }

    /** The budget remaining 1 − (1 − attainment) / allowed, exactly for the double {@code attainment}. */
    Remaining remaining(double attainment) {
        BigDecimal a = new BigDecimal(attainment); // its exact binary value
        BigDecimal n = BigDecimal.valueOf(num, 0);
        BigDecimal d = BigDecimal.valueOf(den, 0);
        // (allowed − (1 − a)) / allowed = (num − den + a·den) / num
        BigDecimal top = n.subtract(d).add(a.multiply(d));
        int scale = Math.max(0, top.scale());
        return new Remaining(top.movePointRight(scale).toBigIntegerExact(), n.movePointRight(scale).toBigIntegerExact());
    }

    /** Whether good / valid ≥ target, exactly (valid &gt; 0): good·den ≥ (den − num)·valid. */
    boolean meets(long good, long valid) {
        return compareProducts(good, den, den - num, valid) >= 0;
    }

    /** The sign of a·b − c·d, exactly (128-bit products). */
    static int compareProducts(long a, long b, long c, long d) {
        long hi1 = Math.multiplyHigh(a, b);
        long hi2 = Math.multiplyHigh(c, d);
        if (hi1 != hi2) {
            return hi1 < hi2 ? -1 : 1;
        }
        return Long.compareUnsigned(a * b, c * d);
    }

    /** An exact budget remaining {@code num / den} (den &gt; 0). */
    record Remaining(BigInteger num, BigInteger den) {
        static final Remaining UNTOUCHED = new Remaining(BigInteger.ONE, BigInteger.ONE);

        /** The reported value: 0.0 exactly when the budget is spent exactly. */
        double value() {
            return new BigDecimal(num).divide(new BigDecimal(den), java.math.MathContext.DECIMAL64).doubleValue();
        }
    }
}
