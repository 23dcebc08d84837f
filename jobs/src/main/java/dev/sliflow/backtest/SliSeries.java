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
    private final Map<Double, Slices> slicesByTarget = new HashMap<>();

    private SliSeries(long[] valid, long[] good) {
        this.valid = valid;
        this.good = good;
        int n = valid.length;
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

    /** The 1-minute slices of this series for a slice target (computed once per target). */
    Slices slices(double sliceTarget) {
        return slicesByTarget.computeIfAbsent(sliceTarget, t -> new Slices(valid, good, t));
    }

    /**
     * Prefix sums over 1-minute slices: a slice is a minute with valid &gt; 0; it is good when
     * good/valid ≥ the slice target; its ratio is good/valid.
     */
    static final class Slices {
        private final long[] prefixSlices;
        private final long[] prefixGoodSlices;
        private final double[] prefixRatio;

        private Slices(long[] valid, long[] good, double sliceTarget) {
            int n = valid.length;
            prefixSlices = new long[n + 1];
            prefixGoodSlices = new long[n + 1];
            prefixRatio = new double[n + 1];
            for (int m = 0; m < n; m++) {
                boolean slice = valid[m] > 0;
                double ratio = slice ? (double) good[m] / valid[m] : 0;
                prefixSlices[m + 1] = prefixSlices[m] + (slice ? 1 : 0);
                prefixGoodSlices[m + 1] = prefixGoodSlices[m] + (slice && ratio >= sliceTarget ? 1 : 0);
                prefixRatio[m + 1] = prefixRatio[m] + ratio;
            }
        }

        long slices(int from, int to) {
            return prefixSlices[to] - prefixSlices[from];
        }

        long goodSlices(int from, int to) {
            return prefixGoodSlices[to] - prefixGoodSlices[from];
        }

        /** Σ good/valid over the slices in [from, to). */
        double ratioSum(int from, int to) {
            return prefixRatio[to] - prefixRatio[from];
        }
    }
}
