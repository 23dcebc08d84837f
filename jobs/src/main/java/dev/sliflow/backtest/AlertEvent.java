package dev.sliflow.backtest;

import java.io.Serializable;

/**
 * A burn-rate alert transition reported by {@link LiveAlerts}: a tier of a candidate SLO
 * {@link Kind#FIRED fired} or {@link Kind#RESOLVED resolved} at a minute.
 *
 * <p>Both kinds carry the fields of the {@link AlertFiring} they open or close: the burn rates are those
 * at the firing minute ({@code firedAtMillis}), so a FIRED event with its later RESOLVED event is exactly
 * the {@code AlertFiring} that {@link Backtester#run} reports (see {@link #toFiring}).
 *
 * @param minuteMillis epoch ms of the start of the minute of the transition: the firing minute for
 *     FIRED, the first minute where the condition no longer held for RESOLVED
 * @param firedAtMillis epoch ms of the start of the firing minute (equal to {@code minuteMillis} for FIRED)
 * @param longBurnRate the long-window burn rate at the firing minute
 * @param shortBurnRate the short-window burn rate at the firing minute
 * @param thresholdRate the burn rate both windows had to exceed ({@code tier.rateFor(window days)})
 */
public record AlertEvent(Kind kind, String journey, String sloId, String tier, String severity, long minuteMillis,
        long firedAtMillis, double longBurnRate, double shortBurnRate, double thresholdRate) implements Serializable {

    /** The kind of transition. */
    public enum Kind { FIRED, RESOLVED }

    /**
     * The firing this event opens (FIRED: still unresolved, {@code resolvedAtMillis} null) or closes
     * (RESOLVED: resolved at {@code minuteMillis}).
     */
    public AlertFiring toFiring() {
        return new AlertFiring(journey, sloId, tier, severity, firedAtMillis,
                kind == Kind.RESOLVED ? minuteMillis : null, longBurnRate, shortBurnRate, thresholdRate);
    }

    public boolean isPage() {
        return "page".equals(severity);
    }

    public boolean isTicket() {
        return "ticket".equals(severity);
    }
}
