package dev.sliflow.backtest;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The multi-window burn-rate decision of one alert tier for one SLO target, one minute at a time — the
 * single rule shared by the batch evaluation ({@link BurnRateAlerts}) and the live one
 * ({@link LiveAlerts}).
 *
 * <p>At the end of every minute m the caller passes the Σbad and Σvalid of the long and of the short
 * window ending with m (minutes before the evaluation start count as empty, maintenance minutes
 * contribute nothing). Burn rate = (Σbad / Σvalid) / (1 − target), 0 when Σvalid = 0. The condition is
 * long burn &gt; rate AND short burn &gt; rate, decided exactly on the counts: Σbad × Q &gt; P × Σvalid
 * where P / Q = rate × (1 − target) with both read as the decimals written ({@link ErrorBudget}), so a
 * burn rate exactly at the rate never fires whatever rounding a double would add. The rule
 * An alert policy may also require counts in the long window ({@link dev.sliflow.slo.AlertPolicy}):
 * Σbad ≥ {@code minBad} and Σvalid ≥ {@code minValid} (both 0 by default: no minimum) — the condition is
 * then long burn &gt; rate AND short burn &gt; rate AND the long window holds enough events. The rule
 * {@link Transition#FIRED fires} when the condition turns from false to true (it is false before the
 * first minute) and {@link Transition#RESOLVED resolves} when it turns from true to false. The burn
 * rates it reports at a firing are doubles.
 *
 * <p>Mutable and tiny; Serializable so that live state can hold it (the exact threshold is derived
 * again after a restore).
 */
final class AlertRule implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What a minute changed. */
    enum Transition { NONE, FIRED, RESOLVED }

    /** {@link #kind}: not derived yet; compare with P / Q in longs; in BigIntegers; never true; always true. */
    private static final byte UNKNOWN = 0;
    private static final byte LONGS = 1;
    private static final byte BIG = 2;
    private static final byte NEVER = 3;
    private static final byte ALWAYS = 4;

    private final double allowed;
    private final double rate;
    /** The target (0 in state written before it was kept: then 1 − allowed). */
    private final double target;
    /** The least Σbad and Σvalid of the long window for the condition (0 in state written before they were kept). */
    private final long minBad;
    private final long minValid;
    private transient byte kind;
    private transient long p;
    private transient long q;
    private transient BigInteger bigP;
    private transient BigInteger bigQ;
    /**
     * A double ratio (Σbad / Σvalid correctly rounded) at or above {@code sureAbove} certainly exceeds
     * P / Q, at or below {@code sureBelow} certainly does not: they lie 8 ulps either side of P / Q's
     * double, more than both roundings can move. Between them the counts decide.
     */
    private transient double sureAbove;
    private transient double sureBelow;
    private boolean firing;
    private double firedLongBurn;
    private double firedShortBurn;

    /**
     * @param target the SLO target in (0, 1), e.g. 0.999 (the error budget is 1 − target)
     * @param rate the burn rate both windows must exceed
     */
    AlertRule(double target, double rate) {
        this(target, rate, 0, 0);
    }

    /**
     * @param minBad the least bad events the long window must hold (0: no minimum)
     * @param minValid the least valid events the long window must hold (0: no minimum)
     */
    AlertRule(double target, double rate, long minBad, long minValid) {
        this.target = target;
        this.allowed = ErrorBudget.of(target).allowed();
        this.rate = rate;
        this.minBad = minBad;
        this.minValid = minValid;
    }

    /** Whether the long window holds the events the policy asks for before paging. */
    private boolean enough(long longBad, long longValid) {
        return longBad >= minBad && longValid >= minValid;
    }

    /** Derives the exact threshold P / Q = rate × allowed. */
    private void derive() {
        if (Double.isNaN(rate) || rate == Double.POSITIVE_INFINITY) {
            kind = NEVER;
            return;
        }
        if (rate == Double.NEGATIVE_INFINITY) {
            kind = ALWAYS;
            return;
        }
        ErrorBudget budget = ErrorBudget.of(target != 0 ? target : 1 - allowed);
        BigDecimal threshold = ErrorBudget.decimal(rate).multiply(BigDecimal.valueOf(budget.num))
                .divide(BigDecimal.valueOf(budget.den)); // exact: den is a power of ten
        bigP = threshold.scale() >= 0 ? threshold.unscaledValue()
                : threshold.unscaledValue().multiply(BigInteger.TEN.pow(-threshold.scale()));
        bigQ = BigInteger.TEN.pow(Math.max(0, threshold.scale()));
        double t = new BigDecimal(bigP).divide(new BigDecimal(bigQ), java.math.MathContext.DECIMAL128).doubleValue();
        double ulp = Math.ulp(t) == 0 ? Double.MIN_VALUE : Math.ulp(t);
        sureAbove = t + 8 * ulp + (t == 0 ? Double.MIN_NORMAL : 0);
        sureBelow = t - 8 * ulp - (t == 0 ? Double.MIN_NORMAL : 0);
        if (bigP.bitLength() < 63 && bigQ.bitLength() < 63) {
            p = bigP.longValue();
            q = bigQ.longValue();
            kind = LONGS;
        } else {
            kind = BIG;
        }
    }

    /** Whether a window of Σbad, Σvalid burns faster than the rate: bad / valid &gt; P / Q (0 when valid = 0). */
    boolean exceeds(long bad, long valid) {
        if (kind == UNKNOWN) {
            derive();
        }
        switch (kind) {
            case NEVER:
                return false;
            case ALWAYS:
                return true;
            case LONGS:
                return valid == 0 ? p < 0 : ErrorBudget.compareProducts(bad, q, p, valid) > 0;
            default:
                return valid == 0 ? bigP.signum() < 0
                        : BigInteger.valueOf(bad).multiply(bigQ).compareTo(bigP.multiply(BigInteger.valueOf(valid))) > 0;
        }
    }

    /** Evaluates one minute from its window sums and returns what changed. */
    Transition step(long longBad, long longValid, long shortBad, long shortValid) {
        boolean condition = enough(longBad, longValid) && exceeds(longBad, longValid) && exceeds(shortBad, shortValid);
        if (condition == firing) {
            return Transition.NONE;
        }
        firing = condition;
        if (condition) {
            firedLongBurn = burn(longBad, longValid, allowed);
            firedShortBurn = burn(shortBad, shortValid, allowed);
            return Transition.FIRED;
        }
        return Transition.RESOLVED;
    }

    /**
     * The first minute {@code m} in {@code [from, to)} at which {@link #step} over the windows of
     * {@code longMinutes} and {@code shortMinutes} ending with m on {@code series} would change something
     * (the condition differs from {@link #firing()}), or {@code to}: every minute before it would return
     * {@link Transition#NONE} and change nothing, so a caller may skip them. Decides on the series'
     * shared window ratios ({@link SliSeries#windowRatios}) where they are clearly on one side of the
     * threshold, on the exact counts where they are not: the same decision as {@link #exceeds}.
     */
    int nextChange(SliSeries series, int longMinutes, int shortMinutes, int from, int to) {
        if (kind == UNKNOWN) {
            derive();
        }
        boolean on = firing;
        if (kind == NEVER || kind == ALWAYS && minBad == 0 && minValid == 0) {
            return (kind == ALWAYS) != on && from < to ? from : to;
        }
        if (kind == ALWAYS) { // only the minimum counts decide
            for (int m = from; m < to; m++) {
                int end = m + 1;
                if (enough(series.bad(end - longMinutes, end), series.valid(end - longMinutes, end)) != on) {
                    return m;
                }
            }
            return to;
        }
        double[] longRatios = series.windowRatios(longMinutes);
        double[] shortRatios = series.windowRatios(shortMinutes);
        double above = sureAbove;
        double below = sureBelow;
        boolean gated = minBad > 0 || minValid > 0;
        for (int m = from; m < to; m++) {
            double l = longRatios[m];
            boolean condition;
            if (l <= below) {
                condition = false;
            } else {
                int end = m + 1;
                boolean longExceeds = (!gated
                        || enough(series.bad(end - longMinutes, end), series.valid(end - longMinutes, end)))
                        && (l >= above
                        || exceeds(series.bad(end - longMinutes, end), series.valid(end - longMinutes, end)));
                double s = shortRatios[m];
                condition = longExceeds && (s >= above || s > below
                        && exceeds(series.bad(end - shortMinutes, end), series.valid(end - shortMinutes, end)));
            }
            if (condition != on) {
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
