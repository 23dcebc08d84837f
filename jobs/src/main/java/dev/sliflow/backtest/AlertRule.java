package dev.sliflow.backtest;

import java.io.Serializable;

/**
 * The multi-window burn-rate decision of one alert tier for one SLO target, one minute at a time — the
 * single rule shared by the batch evaluation ({@link BurnRateAlerts}) and the live one
 * ({@link LiveAlerts}).
 *
 * <p>At the end of every minute m the caller passes the Σbad and Σvalid of the long and of the short
 * window ending with m (minutes before the evaluation start count as empty, maintenance minutes
 * contribute nothing). Burn rate = (Σbad / Σvalid) / (1 − target), 0 when Σvalid = 0. The condition is
 * long burn &gt; rate AND short burn &gt; rate (the short burn is only computed when the long one exceeds
 * the rate, and is 0 otherwise). The rule {@link Transition#FIRED fires} when the condition turns from
 * false to true (it is false before the first minute) and {@link Transition#RESOLVED resolves} when it
 * turns from true to false.
 *
 * <p>Mutable and tiny (one boolean and four doubles); Serializable so that live state can hold it.
 */
final class AlertRule implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What a minute changed. */
    enum Transition { NONE, FIRED, RESOLVED }

    /**
     * {@link #minRatio}'s kinds: not found yet; a window's condition is ratio ≥ minRatio; never true;
     * only by division.
     */
    private static final byte UNKNOWN = 0;
    private static final byte AT_LEAST = 1;
    private static final byte NEVER = 2;
    private static final byte DIVIDE = 3;

    private final double allowed;
    private final double rate;
    /**
     * The smallest error ratio whose burn rate (ratio / allowed, as the division rounds it) exceeds the
     * rate: a window's burn rate exceeds the rate exactly when its ratio is at least this (a correctly
     * rounded division by a positive number never decreases as the dividend grows), so a scan over
     * minutes compares instead of dividing ({@link #nextChange}). Found on first use; transient, so
     * that the serialized form of live state stays the rule's.
     */
    private transient double minRatio;
    private transient byte minRatioKind;
    private boolean firing;
    private double firedLongBurn;
    private double firedShortBurn;

    /**
     * @param target the SLO target, e.g. 0.999 (the error budget is 1 − target)
     * @param rate the burn rate both windows must exceed
     */
    AlertRule(double target, double rate) {
        this.allowed = 1 - target;
        this.rate = rate;
    }

    /** Finds {@link #minRatio}: from rate × allowed, an ulp or two away, a step at a time to the boundary. */
    private void findMinRatio() {
        double t = Double.NaN;
        byte kind = DIVIDE;
        if (allowed > 0 && allowed < Double.POSITIVE_INFINITY && !Double.isNaN(rate)) {
            if (!exceeds(Double.POSITIVE_INFINITY)) {
                kind = NEVER;
            } else {
                t = rate * allowed;
                for (int steps = 0; steps < 64 && kind == DIVIDE; steps++) {
                    if (exceeds(t)) {
                        double below = Math.nextDown(t);
                        if (exceeds(below)) {
                            t = below;
                        } else {
                            kind = AT_LEAST;
                        }
                    } else {
                        t = Math.nextUp(t);
                    }
                }
            }
        }
        this.minRatio = t;
        this.minRatioKind = kind;
    }

    /** Whether a window of this error ratio burns faster than the rate. */
    private boolean exceeds(double ratio) {
        return ratio / allowed > rate;
    }

    /** Evaluates one minute from its window sums and returns what changed. */
    Transition step(long longBad, long longValid, long shortBad, long shortValid) {
        return stepRatios(ratio(longBad, longValid), ratio(shortBad, shortValid));
    }

    /**
     * Evaluates one minute from the error ratios of its windows ({@link #ratio}: Σbad / Σvalid, 0 when
     * Σvalid = 0) and returns what changed — the same decision as {@link #step}, for callers that share a
     * window's ratios across targets.
     */
    Transition stepRatios(double longRatio, double shortRatio) {
        double longBurn = longRatio / allowed;
        boolean condition = false;
        double shortBurn = 0;
        if (longBurn > rate) {
            shortBurn = shortRatio / allowed;
            condition = shortBurn > rate;
        }
        if (condition == firing) {
            return Transition.NONE;
        }
        firing = condition;
        if (condition) {
            firedLongBurn = longBurn;
            firedShortBurn = shortBurn;
            return Transition.FIRED;
        }
        return Transition.RESOLVED;
    }

    /**
     * The first minute {@code m} in {@code [from, to)} at which {@link #stepRatios}{@code (longRatios[m],
     * shortRatios[m])} would change something (the condition differs from {@link #firing()}), or {@code to}:
     * every minute before it would return {@link Transition#NONE} and change nothing, so a caller may skip
     * them. Compares the ratios with {@link #minRatio} instead of dividing them (the same decision).
     */
    int nextChange(double[] longRatios, double[] shortRatios, int from, int to) {
        if (minRatioKind == UNKNOWN) {
            findMinRatio();
        }
        boolean on = firing;
        if (minRatioKind == AT_LEAST) {
            double t = minRatio;
            for (int m = from; m < to; m++) {
                if ((longRatios[m] >= t && shortRatios[m] >= t) != on) {
                    return m;
                }
            }
            return to;
        }
        if (minRatioKind == NEVER) {
            return on && from < to ? from : to;
        }
        for (int m = from; m < to; m++) {
            if ((exceeds(longRatios[m]) && exceeds(shortRatios[m])) != on) {
                return m;
            }
        }
        return to;
    }

    /** Whether the condition held at the last minute evaluated. */
    boolean firing() {
        return firing;
    }

    /** The long-window burn rate at the minute of the latest firing. */
    double firedLongBurn() {
        return firedLongBurn;
    }

    /** The short-window burn rate at the minute of the latest firing. */
    double firedShortBurn() {
        return firedShortBurn;
    }

    /** The threshold burn rate. */
    double rate() {
        return rate;
    }

    /** Burn rate of a window: (bad / valid) / allowed, 0 when valid = 0. */
    static double burn(long bad, long valid, double allowed) {
        return ratio(bad, valid) / allowed;
    }

    /** Error ratio of a window: bad / valid, 0 when valid = 0 (its burn rate is ratio / allowed). */
    static double ratio(long bad, long valid) {
        return valid == 0 ? 0 : (double) bad / valid;
    }
}
