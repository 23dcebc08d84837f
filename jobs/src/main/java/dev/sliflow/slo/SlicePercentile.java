package dev.sliflow.slo;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * What a percentile time-slice SLO judges each slice by: "p95 over 30-minute slices". A slice is a
 * run of {@code sliceMinutes} minutes aligned to UTC multiples of its length (so 30m slices start at
 * :00 and :30, 1h slices on the hour); it is good when the {@code percentile}-th percentile of the
 * latencies of its requests — from the minute sketches merged over the slice, never from averaged
 * minute percentiles — is at most the candidate's threshold.
 *
 * @param percentile in (0, 100), e.g. 95 or 99.9
 * @param sliceMinutes the slice length in minutes, a divisor of 1440 (1, 5, 30, 60, …) so that every
 *     slice lies within one UTC day
 */
public record SlicePercentile(double percentile, int sliceMinutes) implements Serializable {
    public static final int MINUTES_PER_DAY = 1440;

    public SlicePercentile {
        if (!(percentile > 0 && percentile < 100)) {
            throw new IllegalArgumentException("a percentile must be in (0, 100), got " + percentile);
        }
        if (sliceMinutes < 1 || MINUTES_PER_DAY % sliceMinutes != 0) {
            throw new IllegalArgumentException("a slice must be a divisor of a day in minutes, got " + sliceMinutes);
        }
    }

    /** The quantile in [0, 1] as the nearest double to the decimal (99.9 → 0.999, not 99.9 / 100). */
    public double quantile() {
        return BigDecimal.valueOf(percentile).movePointLeft(2).doubleValue();
    }

    /** "p95", "p99.9". */
    public String percentileId() {
        return "p" + Candidate.percent(percentile / 100);
    }

    /** The slice length as written: "1m", "5m", "30m", "1h", "1d". */
    public String sliceId() {
        if (sliceMinutes % MINUTES_PER_DAY == 0) {
            return sliceMinutes / MINUTES_PER_DAY + "d";
        }
        return sliceMinutes % 60 == 0 ? sliceMinutes / 60 + "h" : sliceMinutes + "m";
    }
}
