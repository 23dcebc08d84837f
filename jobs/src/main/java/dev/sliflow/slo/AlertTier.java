package dev.sliflow.slo;

import java.io.Serializable;
import java.time.Duration;

/**
 * A multi-window burn-rate alert tier: it fires when the burn rate over both the long and the short
 * window exceeds the threshold (SRE Workbook ch. 5).
 *
 * @param name e.g. "page-1h" — unique within a configuration
 * @param severity "page" or "ticket"
 * @param longWindow e.g. 1h
 * @param shortWindow e.g. 5m (1/12 of the long window in the SRE Workbook tiers)
 * @param burnRate the threshold, for a 30-day period; see {@link #budgetConsumed}
 * @param budgetConsumed when &gt; 0 the tier is defined by the share of a period's budget it
 *     consumes before firing (SRE Workbook: 2%, 5%, 10%), and the rate for a window of P days is
 *     {@code budgetConsumed * P days / longWindow}; when 0, {@code burnRate} is used as given
 */
public record AlertTier(String name, String severity, Duration longWindow, Duration shortWindow, double burnRate,
        double budgetConsumed) implements Serializable {

    /** The SRE Workbook tiers: page 14.4x 1h/5m, page 6x 6h/30m, ticket 1x 3d/6h (for 30 days). */
    public static java.util.List<AlertTier> sreWorkbook() {
        return java.util.List.of(
                new AlertTier("page-1h", "page", Duration.ofHours(1), Duration.ofMinutes(5), 14.4, 0.02),
                new AlertTier("page-6h", "page", Duration.ofHours(6), Duration.ofMinutes(30), 6.0, 0.05),
                new AlertTier("ticket-3d", "ticket", Duration.ofDays(3), Duration.ofHours(6), 1.0, 0.10));
    }

    /**
     * The burn-rate threshold for an SLO window of {@code periodDays}: the double nearest the decimal
     * {@code budgetConsumed} × period / long window (0.02 × 30 d / 1 h = 14.4, not 14.399999999999999),
     * which the backtest then reads as that decimal.
     */
    public double rateFor(int periodDays) {
        if (budgetConsumed <= 0) {
            return burnRate;
        }
        return new java.math.BigDecimal(Double.toString(budgetConsumed))
                .multiply(java.math.BigDecimal.valueOf(Duration.ofDays(periodDays).toMinutes()))
                .divide(java.math.BigDecimal.valueOf(longWindow.toMinutes()), java.math.MathContext.DECIMAL64)
                .doubleValue();
    }
}
