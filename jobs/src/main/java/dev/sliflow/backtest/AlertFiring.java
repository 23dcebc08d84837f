package dev.sliflow.backtest;

/**
 * One burn-rate alert a candidate would have fired (a row of the {@code alerts} table).
 *
 * <p>Convention: the tier's condition is evaluated at the end of every minute m, over windows that
 * include minute m. {@code firedAtMillis} is the epoch ms of the <em>start</em> of the first minute m
 * whose condition is true after a minute where it was false (or after the range start);
 * {@code resolvedAtMillis} is the start of the first later minute whose condition is false, or null when
 * it was still true at the end of the range.
 *
 * @param longBurnRate the long-window burn rate at minute m
 * @param shortBurnRate the short-window burn rate at minute m
 * @param thresholdRate the burn rate both windows had to exceed ({@code tier.rateFor(window days)})
 */
public record AlertFiring(String journey, String sloId, String tier, String severity, long firedAtMillis,
        Long resolvedAtMillis, double longBurnRate, double shortBurnRate, double thresholdRate) {

    public boolean isPage() {
        return "page".equals(severity);
    }

    public boolean isTicket() {
        return "ticket".equals(severity);
    }
}
