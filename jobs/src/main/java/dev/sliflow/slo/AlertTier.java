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
 *     consumes before firing (SRE Workbook: 2%, 5%, 10%) and applies to other SLO windows as
 *     {@link #forPeriod} says; when 0, the windows and {@code burnRate} are used as given
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
     * The burn-rate threshold for an SLO window of {@code periodDays}: {@code forPeriod(periodDays).burnRate()}.
     */
    public double rateFor(int periodDays) {
        return forPeriod(periodDays).burnRate();
    }

    /**
     * The tier as it applies to an SLO window of {@code periodDays} (a tier with the windows in minutes and
     * the rate to compare with, {@code budgetConsumed} 0). Which rule applies:
     * <ul>
     *   <li>a tier given with a fixed {@code burn_rate} ({@code budgetConsumed} = 0): as given, for every
     *       period (user-given windows and rate);
     *   <li>a tier defined by the budget share it consumes (the SRE Workbook tiers) on a window of 28 to 31
     *       days (a month, e.g. {@code 30d}, {@code 28d}, {@code calendar-month}): the Workbook's windows
     *       and the rate of that share, the double nearest the decimal {@code budgetConsumed} × period /
     *       long window (0.02 × 30 d / 1 h = 14.4, not 14.399999999999999; 13.44 at 28d);
     *   <li>such a tier on any other window (1d, 7d, a quarter…): the 30-day burn factor (14.4, 6, 1) and
     *       both windows scaled by period / 30 days, rounded to whole minutes (halves up), at least 1 minute:
     *       1d → page 2m/1m at 14.4, 12m/1m at 6, ticket 144m/12m at 1; 7d → 14m/1m, 84m/7m, 1008m/84m;
     *       91 days → 182m/15m, 1092m/91m, 13104m/1092m. The budget share consumed before the tier fires is
     *       the Workbook's (2%, 5%, 10%) and no tier fires below its 30-day factor: a page never fires on a
     *       journey that is on track to spend less than its budget (the scaled-rate rule it replaces paged a
     *       1d SLO at burn rate 0.48).
     * </ul>
     */
    public AlertTier forPeriod(int periodDays) {
        if (budgetConsumed <= 0) {
            return this;
        }
        if (periodDays >= 28 && periodDays <= 31) {
            double rate = new java.math.BigDecimal(Double.toString(budgetConsumed))
                    .multiply(java.math.BigDecimal.valueOf(Duration.ofDays(periodDays).toMinutes()))
                    .divide(java.math.BigDecimal.valueOf(longWindow.toMinutes()), java.math.MathContext.DECIMAL64)
                    .doubleValue();
            return new AlertTier(name, severity, longWindow, shortWindow, rate, 0);
        }
        double factor = new java.math.BigDecimal(Double.toString(budgetConsumed))
                .multiply(java.math.BigDecimal.valueOf(Duration.ofDays(30).toMinutes()))
                .divide(java.math.BigDecimal.valueOf(longWindow.toMinutes()), java.math.MathContext.DECIMAL64)
                .doubleValue();
        return new AlertTier(name, severity, scale(longWindow, periodDays, 30), scale(shortWindow, periodDays, 30),
                factor, 0);
    }

    /**
     * This tier with both windows {@code factor} times longer (a low-traffic alert policy's
     * {@code window_scale}); the rate is unchanged. 1 returns this tier.
     */
    public AlertTier scaled(int factor) {
        if (factor == 1) {
            return this;
        }
        return new AlertTier(name, severity, longWindow.multipliedBy(factor), shortWindow.multipliedBy(factor),
                burnRate, budgetConsumed);
    }

    /** window × num / den in whole minutes, rounded half up, at least 1 minute. */
    private static Duration scale(Duration window, long num, long den) {
        long minutes = (window.toMinutes() * num * 2 + den) / (2 * den);
        return Duration.ofMinutes(Math.max(1, minutes));
    }

    public boolean isPage() {
        return "page".equals(severity);
    }
}
