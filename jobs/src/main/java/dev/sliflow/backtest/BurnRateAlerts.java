package dev.sliflow.backtest;

import dev.sliflow.slo.AlertTier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-window burn-rate alert evaluation, minute by minute over the whole range, always on events.
 *
 * <p>The decision of every minute is {@link AlertRule} (shared with {@link LiveAlerts}): at the end of
 * every minute m, for a tier, the long-window Σbad and Σvalid over the {@code longWindow} minutes ending
 * with m (minutes before the range start count as empty, maintenance minutes contribute nothing), likewise
 * the short window, read in O(1) from the series' prefix sums; burn rate = ratio / (1 − target), 0 when
 * Σvalid = 0, compared with the rate exactly on the counts. The condition is: long burn &gt; rate AND short burn &gt; rate. The tier fires at minute m
 * when the condition holds at m and did not hold at m − 1 (it is false before the range), and resolves
 * at the first later minute where it does not hold.
 *
 * An alert policy's minimum counts ({@link AlertRule}) gate the condition further.
 *
 * <p>An evaluation depends only on (series, target, tier as applied, minimum counts), so it is computed
 * once per distinct key and shared by candidates differing only in window or budgeting, and by policies,
 * when those are equal.
 */
final class BurnRateAlerts {
    /** A firing by minute index; {@code resolvedMinute} is −1 when still firing at the end of the range. */
    record Firing(int firedMinute, int resolvedMinute, double longBurnRate, double shortBurnRate) {}

    private record Key(SliSeries series, double target, AlertTier tier, double rate, long minBad, long minValid) {}

    private final Map<Key, List<Firing>> cache = new HashMap<>();

    /** The firings of {@code tier} at threshold {@code rate} for an SLO at {@code target} on {@code series}. */
    List<Firing> firings(SliSeries series, double target, AlertTier tier, double rate) {
        return firings(series, target, tier, rate, 0, 0);
    }

    /**
     * The firings of {@code tier} (windows as given) at threshold {@code rate} for an SLO at {@code target}
     * on {@code series}, the long window also needing {@code minBad} bad and {@code minValid} valid events.
     */
    List<Firing> firings(SliSeries series, double target, AlertTier tier, double rate, long minBad, long minValid) {
        return cache.computeIfAbsent(new Key(series, target, tier, rate, minBad, minValid), k -> evaluate(series,
                new AlertRule(target, rate, minBad, minValid), minutesOf(tier.longWindow(), tier),
                minutesOf(tier.shortWindow(), tier)));
    }

    /**
     * A tier window in minutes, capped at {@code Integer.MAX_VALUE / 2} (longer than any range: the whole
     * history).
     *
     * @throws IllegalArgumentException when the window is shorter than a minute
     */
    static int minutesOf(java.time.Duration window, AlertTier tier) {
        long minutes = window.toMinutes();
        if (minutes < 1) {
            throw new IllegalArgumentException("alert tier " + tier.name() + ": windows must be ≥ 1 minute");
        }
        return (int) Math.min(minutes, Integer.MAX_VALUE / 2);
    }

    private static List<Firing> evaluate(SliSeries series, AlertRule rule, int longMinutes, int shortMinutes) {
        List<Firing> firings = new ArrayList<>();
        int firedMinute = -1;
        int n = series.minutes();
        // only the minutes where the rule changes state: the others would change nothing
        for (int m = rule.nextChange(series, longMinutes, shortMinutes, 0, n); m < n;
                m = rule.nextChange(series, longMinutes, shortMinutes, m + 1, n)) {
            int end = m + 1;
            switch (rule.step(series.bad(end - longMinutes, end), series.valid(end - longMinutes, end),
                    series.bad(end - shortMinutes, end), series.valid(end - shortMinutes, end))) {
                case FIRED -> firedMinute = m;
                case RESOLVED -> firings.add(new Firing(firedMinute, m, rule.firedLongBurn(), rule.firedShortBurn()));
                case NONE -> { }
            }
        }
        if (rule.firing()) {
            firings.add(new Firing(firedMinute, -1, rule.firedLongBurn(), rule.firedShortBurn()));
        }
        return firings;
    }

    /** Burn rate over minutes [from, to): (Σbad / Σvalid) / allowed, 0 when Σvalid = 0. */
    static double burn(SliSeries series, int from, int to, double allowed) {
        return AlertRule.burn(series.bad(from, to), series.valid(from, to), allowed);
    }
}
