package dev.sliflow.slo;

import java.io.Serializable;

/**
 * Error-budget policy thresholds on the budget remaining (1 = untouched, 0 = exhausted, negative =
 * overspent). State of a day: freeze when remaining ≤ freezeBelow, else pause when &lt; pauseBelow,
 * else alert when &lt; alertBelow, else healthy.
 */
public record Policy(double alertBelow, double pauseBelow, double freezeBelow) implements Serializable {
    public static Policy defaults() {
        return new Policy(0.50, 0.25, 0.0);
    }

    public String state(double budgetRemaining) {
        if (budgetRemaining <= freezeBelow) {
            return "freeze";
        }
        if (budgetRemaining < pauseBelow) {
            return "pause";
        }
        if (budgetRemaining < alertBelow) {
            return "alert";
        }
        return "healthy";
    }
}
