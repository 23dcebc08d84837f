package dev.sliflow.backtest;

import java.util.Arrays;
import java.util.Objects;

/**
 * What percentile time-slice SLOs need of the minutes' latency sketches, reduced while loading so that
 * no sketch is kept: per minute, the number of latencies the minute's sketches hold ({@code count}) and,
 * per threshold, how many of them lie in sketch bins whose value is at most the threshold
 * ({@code atMost}). Both add up over regions and minutes exactly as the bins of merged sketches do (all
 * sketches share one index mapping), so a slice's sums decide "the slice's percentile ≤ threshold"
 * exactly as the sketch merged over the slice would answer its percentile: DDSketch's value at quantile
 * q is the value of the first bin (ascending) whose running count exceeds q × (count − 1), so it is ≤ T
 * exactly when the bins of value ≤ T hold more than q × (count − 1) latencies.
 *
 * @param thresholdsMs distinct thresholds (ascending when made by the {@link JourneyMinutes.Builder})
 * @param count latencies in the minute's sketches, per minute of the range
 * @param atMost {@code atMost[i][m]}: latencies of minute m in bins of value ≤ {@code thresholdsMs[i]}
 */
public record SketchCounts(int[] thresholdsMs, long[] count, long[][] atMost) {
    public SketchCounts {
        Objects.requireNonNull(count, "count");
        if (atMost.length != thresholdsMs.length) {
            throw new IllegalArgumentException("one atMost row per threshold is needed");
        }
        for (long[] row : atMost) {
            if (row.length != count.length) {
                throw new IllegalArgumentException("atMost rows must have " + count.length + " minutes");
            }
        }
    }

    /** The index of a threshold in {@link #thresholdsMs}, or −1. */
    public int thresholdIndex(int thresholdMs) {
        for (int i = 0; i < thresholdsMs.length; i++) {
            if (thresholdsMs[i] == thresholdMs) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether a slice's percentile is within the threshold: the rank rule of {@code
     * DDSketch.getValueAtQuantile} on the slice's sums, in the same double arithmetic.
     *
     * @param count latencies in the slice (&gt; 0)
     * @param atMost those in bins of value ≤ the threshold
     * @param quantile in [0, 1]
     */
    public static boolean within(long count, long atMost, double quantile) {
        return atMost > quantile * (count - 1.0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SketchCounts s && Arrays.equals(thresholdsMs, s.thresholdsMs)
                && Arrays.equals(count, s.count) && Arrays.deepEquals(atMost, s.atMost);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(thresholdsMs), Arrays.hashCode(count), Arrays.deepHashCode(atMost));
    }

    @Override
    public String toString() {
        return "SketchCounts[thresholds " + Arrays.toString(thresholdsMs) + ", " + count.length + " minutes]";
    }
}
