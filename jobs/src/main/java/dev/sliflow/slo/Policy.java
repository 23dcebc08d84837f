package dev.sliflow.slo;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Error-budget policy thresholds on the budget remaining (1 = untouched, 0 = exhausted, negative =
 * overspent). State of a day: freeze when remaining ≤ freezeBelow, else pause when &lt; pauseBelow,
 * else alert when &lt; alertBelow, else healthy. {@link #state(BigInteger, BigInteger)} decides on an
 * exact budget remaining (the thresholds read as the decimals written), so that a budget spent exactly
 * to 0 is a freeze whatever rounding a double would have added.
 */
public record Policy(double alertBelow, double pauseBelow, double freezeBelow) implements Serializable {
    public static Policy defaults() {
        return new Policy(0.50, 0.25, 0.0);
    }

    /** The state of the exact budget remaining {@code num / den} ({@code den > 0}). */
    public String state(BigInteger num, BigInteger den) {
        if (compare(num, den, freezeBelow) <= 0) {
            return "freeze";
        }
        if (compare(num, den, pauseBelow) < 0) {
            return "pause";
        }
        if (compare(num, den, alertBelow) < 0) {
            return "alert";
        }
        return "healthy";
    }

    /** The sign of num / den − x, x read as its shortest decimal. */
    private static int compare(BigInteger num, BigInteger den, double x) {
        BigDecimal t = new BigDecimal(Double.toString(x));
        BigInteger u = t.unscaledValue();
        int s = t.scale();
        return s >= 0 ? num.multiply(BigInteger.TEN.pow(s)).compareTo(u.multiply(den))
                : num.compareTo(u.multiply(BigInteger.TEN.pow(-s)).multiply(den));
    }

    /** The state of a budget remaining given as a double (its exact binary value). */
    public String state(double budgetRemaining) {
        BigDecimal r = new BigDecimal(budgetRemaining);
        return state(r.unscaledValue(), BigInteger.TEN.pow(r.scale()));
    }
}
