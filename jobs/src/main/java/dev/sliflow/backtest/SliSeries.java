package dev.sliflow.backtest;

import dev.sliflow.slo.SliKind;
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
    private double[] dayPrefixRatio;

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
     * tier that uses the window (a window's burn rate is its ratio / (1 − target)).
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

    /** The 1-minute slices of this series for a slice target (computed once per target). */
    Slices slices(double sliceTarget) {
        Slices s = slicesByTarget.get(sliceTarget);
        if (s == null) {
            if (dayPrefixSlices == null) {
                dayPrefixSlices = new long[days + 1];
                dayPrefixRatio = new double[days + 1];
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
                        dayPrefixRatio[d] = ratio;
                    }
                }
            }
            long[] goodSlices = new long[days + 1];
            long count = 0;
            for (int m = 0; m < valid.length; m++) {
                if (valid[m] > 0 && (double) good[m] / valid[m] >= sliceTarget) {
                    count++;
                }
                if ((m + 1) % JourneyMinutes.MINUTES_PER_DAY == 0) {
                    goodSlices[(m + 1) / JourneyMinutes.MINUTES_PER_DAY] = count;
                }
            }
            s = new Slices(dayPrefixSlices, goodSlices, dayPrefixRatio);
            slicesByTarget.put(sliceTarget, s);
        }
        return s;
    }

    /**
     * Prefix sums over 1-minute slices, at day boundaries: a slice is a minute with valid &gt; 0; it is
     * good when good/valid ≥ the slice target; its ratio is good/valid. Windows are whole days, so the
     * bounds passed in (minute indexes) must be multiples of 1440; the sums are the per-minute running
     * sums sampled at midnight (the same additions in the same order as a per-minute prefix sum).
     */
    static final class Slices {
        private final long[] prefixSlices;
        private final long[] prefixGoodSlices;
        private final double[] prefixRatio;

        private Slices(long[] prefixSlices, long[] prefixGoodSlices, double[] prefixRatio) {
            this.prefixSlices = prefixSlices;
            this.prefixGoodSlices = prefixGoodSlices;
            this.prefixRatio = prefixRatio;
        }

        long slices(int from, int to) {
            return prefixSlices[day(to)] - prefixSlices[day(from)];
        }

        long goodSlices(int from, int to) {
            return prefixGoodSlices[day(to)] - prefixGoodSlices[day(from)];
        }

        /** Σ good/valid over the slices in [from, to). */
        double ratioSum(int from, int to) {
            return prefixRatio[day(to)] - prefixRatio[day(from)];
        }

        private static int day(int minute) {
            if (minute % JourneyMinutes.MINUTES_PER_DAY != 0) {
                throw new IllegalArgumentException("slice windows are whole days: minute " + minute);
            }
            return minute / JourneyMinutes.MINUTES_PER_DAY;
        }
    }
}
