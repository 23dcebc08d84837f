package dev.sliflow.backtest;

import dev.sliflow.slo.SliKind;
import dev.sliflow.slo.SlicePercentile;
import java.util.HashMap;
import java.util.Map;

/**
 * The valid and good event counts of one SLI (availability, or latency at one threshold) per minute,
 * maintenance minutes zeroed, with prefix sums so that any window's totals cost O(1).
 */
final class SliSeries {
    private final long[] valid;
    private final long[] good;
    /** prefixValid[m] = Σ valid[0..m-1]; likewise prefixBad. */
    private final long[] prefixValid;
    private final long[] prefixBad;
    private final int days;
    private final Map<Double, Slices> slicesByTarget = new HashMap<>();
    private final Map<Integer, double[]> ratiosByWindow = new HashMap<>();
    /** Slices and Σ slice ratios up to each midnight, shared by all slice targets (computed on first use). */
    private long[] dayPrefixSlices;
    /** Σ slice ratios of each day alone (a window sums its days: the same additions whatever the range start). */
    private double[] dayRatio;

    private SliSeries(long[] valid, long[] good) {
        this.valid = valid;
        this.good = good;
        int n = valid.length;
        this.days = n / JourneyMinutes.MINUTES_PER_DAY;
        prefixValid = new long[n + 1];
        prefixBad = new long[n + 1];
        for (int m = 0; m < n; m++) {
            prefixValid[m + 1] = prefixValid[m] + valid[m];
            prefixBad[m + 1] = prefixBad[m] + (valid[m] - good[m]);
        }
    }

    /**
     * The series of an SLI: availability (valid = total, good = good) or latency (valid = withLatency,
     * good = goodLatency at {@code thresholdMs}); minutes with {@code inMaintenance[m]} count as empty.
     *
     * @throws IllegalArgumentException when the latency threshold is not one of the data's thresholds
     * @throws MissingThresholdException when some of the data's latency rows lack it
     */
    static SliSeries of(JourneyMinutes data, SliKind kind, int thresholdMs, boolean[] inMaintenance) {
        long[] valid;
        long[] good;
        if (kind == SliKind.AVAILABILITY) {
            valid = data.total();
            good = data.good();
        } else {
            int i = data.thresholdIndex(thresholdMs);
            if (i < 0) {
                throw new IllegalArgumentException("journey " + data.journey() + " has no latency threshold "
                        + thresholdMs + " ms in its minute data (thresholds: "
                        + java.util.Arrays.toString(data.thresholdsMs()) + ")");
            }
            data.requireThreshold(thresholdMs);
            valid = data.withLatency();
            good = data.goodLatency()[i];
        }
        long[] v = valid.clone();
        long[] g = good.clone();
        for (int m = 0; m < v.length; m++) {
            if (inMaintenance[m]) {
                v[m] = 0;
                g[m] = 0;
            }
        }
        return new SliSeries(v, g);
    }

    /**
     * The series of a percentile time-slice SLI ({@link SlicePercentile}): the range is cut into slices of
     * {@code sliceMinutes} from its first midnight, so aligned to UTC multiples of the slice length. A
     * slice's latencies are those of its minutes outside maintenance ({@link SketchCounts}); a slice with
     * none is not counted (no evidence either way). A counted slice is one valid event at its <em>last</em>
     * minute — when its percentile becomes known — good when its percentile is ≤ {@code thresholdMs}
     * ({@link SketchCounts#within}); every other minute is empty. So Σgood / Σvalid over whole days is
     * good slices / slices, and a burn rate over any window is bad slices / slices (of the slices that
     * ended in it) / (1 − target).
     *
     * @throws IllegalArgumentException when the data carry no sketch counts at {@code thresholdMs}
     */
    static SliSeries percentile(JourneyMinutes data, SlicePercentile p, int thresholdMs, boolean[] inMaintenance) {
        SketchCounts sk = data.sketches();
        int i = sk == null ? -1 : sk.thresholdIndex(thresholdMs);
        if (i < 0) {
            throw new IllegalArgumentException("journey " + data.journey() + " has no sketch counts at " + thresholdMs
                    + " ms (percentile SLOs need them loaded from the minutes' latency sketches)");
        }
        int n = data.minutes();
        int length = p.sliceMinutes();
        double q = p.quantile();
        long[] count = sk.count();
        long[] atMost = sk.atMost()[i];
        long[] valid = new long[n];
        long[] good = new long[n];
        for (int from = 0; from < n; from += length) {
            long c = 0;
            long w = 0;
            for (int m = from; m < from + length; m++) {
                if (!inMaintenance[m]) {
                    c += count[m];
                    w += atMost[m];
                }
            }
            if (c > 0) {
                int last = from + length - 1;
                valid[last] = 1;
                good[last] = SketchCounts.within(c, w, q) ? 1 : 0;
            }
        }
        return new SliSeries(valid, good);
    }

    int minutes() {
        return valid.length;
    }

    /** Σ valid over minutes [from, to); minutes before 0 count as empty. */
    long valid(int from, int to) {
        return prefixValid[to] - prefixValid[Math.max(0, from)];
    }

    /** Σ (valid − good) over minutes [from, to); minutes before 0 count as empty. */
    long bad(int from, int to) {
        return prefixBad[to] - prefixBad[Math.max(0, from)];
    }

    /**
     * The error ratio Σbad / Σvalid (0 when Σvalid = 0) of the {@code windowMinutes} minutes ending with
     * each minute m (minutes before 0 count as empty): {@code ratios[m]} = {@link AlertRule#ratio}(bad(m + 1
     * − windowMinutes, m + 1), valid(…)). Computed once per window length and shared by every target and
     * tier that uses the window: {@link AlertRule#nextChange} decides on them, and on the exact counts
     * only where a ratio is within a few ulps of the rule's threshold.
     */
    double[] windowRatios(int windowMinutes) {
        return ratiosByWindow.computeIfAbsent(windowMinutes, w -> {
            int n = minutes();
            double[] r = new double[n];
            for (int m = 0; m < n; m++) {
                int end = m + 1;
                int from = end - w;
                r[m] = AlertRule.ratio(bad(from, end), valid(from, end));
            }
            return r;
        });
    }

    /**
     * The 1-minute slices of this series for a slice target (computed once per target). A slice is good
     * when good/valid ≥ the slice target exactly (the target's decimal, {@link ErrorBudget#decimal}).
     */
    Slices slices(double sliceTarget) {
        Slices s = slicesByTarget.get(sliceTarget);
        if (s == null) {
            if (dayPrefixSlices == null) {
                dayPrefixSlices = new long[days + 1];
                dayRatio = new double[days];
                long slices = 0;
                double ratio = 0;
                for (int m = 0; m < valid.length; m++) {
                    if (valid[m] > 0) {
                        slices++;
                        ratio += (double) good[m] / valid[m];
                    }
                    if ((m + 1) % JourneyMinutes.MINUTES_PER_DAY == 0) {
                        int d = (m + 1) / JourneyMinutes.MINUTES_PER_DAY;
                        dayPrefixSlices[d] = slices;
                        dayRatio[d - 1] = ratio;
                        ratio = 0;
                    }
                }
            }
            java.math.BigDecimal t = ErrorBudget.decimal(sliceTarget);
            long[] goodSlices = new long[days + 1];
            long count = 0;
            for (int m = 0; m < valid.length; m++) {
                if (valid[m] > 0 && atLeast(good[m], valid[m], t)) {
                    count++;
                }
                if ((m + 1) % JourneyMinutes.MINUTES_PER_DAY == 0) {
                    goodSlices[(m + 1) / JourneyMinutes.MINUTES_PER_DAY] = count;
                }
            }
            s = new Slices(dayPrefixSlices, goodSlices, dayRatio);
            slicesByTarget.put(sliceTarget, s);
        }
        return s;
    }

    /** good / valid ≥ t exactly (valid &gt; 0). */
    private static boolean atLeast(long good, long valid, java.math.BigDecimal t) {
        if (t.signum() <= 0) {
            return true;
        }
        if (t.scale() >= 0 && t.scale() <= 18 && t.precision() <= 18) {
            // good / valid ≥ u / 10^s  ⇔  good·10^s ≥ u·valid
            return ErrorBudget.compareProducts(good, POW10[t.scale()], t.unscaledValue().longValue(), valid) >= 0;
        }
        return java.math.BigDecimal.valueOf(good).compareTo(t.multiply(java.math.BigDecimal.valueOf(valid))) >= 0;
    }

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /**
     * Prefix sums over 1-minute slices, at day boundaries: a slice is a minute with valid &gt; 0; it is
     * good when good/valid ≥ the slice target; its ratio is good/valid. Windows are whole days, so the
     * bounds passed in (minute indexes) must be multiples of 1440; the counts are the per-minute running
     * sums sampled at midnight, the ratios summed per day.
     */
    static final class Slices {
        private final long[] prefixSlices;
        private final long[] prefixGoodSlices;
        private final double[] dayRatio;

        private Slices(long[] prefixSlices, long[] prefixGoodSlices, double[] dayRatio) {
            this.prefixSlices = prefixSlices;
            this.prefixGoodSlices = prefixGoodSlices;
            this.dayRatio = dayRatio;
        }

        long slices(int from, int to) {
            return prefixSlices[day(to)] - prefixSlices[day(from)];
        }

        long goodSlices(int from, int to) {
            return prefixGoodSlices[day(to)] - prefixGoodSlices[day(from)];
        }

        /**
         * Σ good/valid over the slices in [from, to), summed day by day from {@code from}: the same value
         * for the same window whatever day the series starts on (a ranged backtest's warm-up).
         */
        double ratioSum(int from, int to) {
            double sum = 0;
            for (int d = day(from), end = day(to); d < end; d++) {
                sum += dayRatio[d];
            }
            return sum;
        }

        private static int day(int minute) {
            if (minute % JourneyMinutes.MINUTES_PER_DAY != 0) {
                throw new IllegalArgumentException("slice windows are whole days: minute " + minute);
            }
            return minute / JourneyMinutes.MINUTES_PER_DAY;
        }
    }
}
