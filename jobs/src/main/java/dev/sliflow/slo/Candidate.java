package dev.sliflow.slo;

import java.io.Serializable;
import java.util.Locale;

/**
 * One candidate SLO to evaluate: journey × SLI (× latency threshold) × target × window × budgeting.
 *
 * @param thresholdMs the latency threshold for {@link SliKind#LATENCY} and {@link SliKind#PERCENTILE},
 *     0 for availability
 * @param target e.g. 0.999; for a percentile SLO the share of good slices
 * @param timesliceTarget for timeslice budgeting: the SLI a 1-minute slice needs to be good
 *     (defaults to {@code target}); for a percentile SLO {@code percentile / 100}, the share of a
 *     slice's requests that must be within the threshold (OpenSLO {@code timeSliceTarget})
 * @param percentile for {@link SliKind#PERCENTILE} (always {@link Budgeting#TIMESLICES}) the
 *     percentile and slice length; null for the other SLIs
 */
public record Candidate(String journey, SliKind sli, int thresholdMs, double target, SloWindow window,
        Budgeting budgeting, double timesliceTarget, SlicePercentile percentile) implements Serializable {

    public Candidate {
        if ((sli == SliKind.PERCENTILE) != (percentile != null)) {
            throw new IllegalArgumentException("a percentile SLI needs its percentile and slice, and only it has them");
        }
        if (sli == SliKind.PERCENTILE && budgeting != Budgeting.TIMESLICES) {
            throw new IllegalArgumentException("a percentile SLO is budgeted by time slices, not " + budgeting.id());
        }
    }

    /** An availability or ratio-latency candidate. */
    public Candidate(String journey, SliKind sli, int thresholdMs, double target, SloWindow window,
            Budgeting budgeting, double timesliceTarget) {
        this(journey, sli, thresholdMs, target, window, budgeting, timesliceTarget, null);
    }

    /**
     * A percentile time-slice candidate: "{@code percentile} over slices of {@code sliceMinutes} ≤
     * {@code thresholdMs}" for a share {@code target} of the slices, budgeted by time slices.
     */
    public static Candidate percentile(String journey, SlicePercentile percentile, int thresholdMs, double target,
            SloWindow window) {
        return new Candidate(journey, SliKind.PERCENTILE, thresholdMs, target, window, Budgeting.TIMESLICES,
                percentile.quantile(), percentile);
    }

    /**
     * A stable, readable id, e.g. {@code checkout-availability-99.9-28d-occurrences},
     * {@code checkout-latency-300ms-99-28d-occurrences} or, for a percentile SLO,
     * {@code checkout-p95-300ms-30m-99-28d-timeslices}.
     */
    public String sloId() {
        return journey + "-" + sliId() + (sli == SliKind.AVAILABILITY ? "" : "-" + thresholdMs + "ms")
                + (percentile != null ? "-" + percentile.sliceId() : "") + "-"
                + percent(target) + "-" + window.id() + "-" + budgeting.id();
    }

    /** The SLI's part of the slo id: {@code availability}, {@code latency} or e.g. {@code p95}. */
    private String sliId() {
        return percentile != null ? percentile.percentileId() : sli.id();
    }

    /** The tables' {@code sli} column: {@code availability}, {@code latency}, or e.g. {@code p95-30m}. */
    public String sliColumn() {
        return percentile != null ? percentile.percentileId() + "-" + percentile.sliceId() : sli.id();
    }

    /** 0.999 → "99.9", 0.95 → "95". */
    public static String percent(double target) {
        String s = String.format(Locale.ROOT, "%.6f", target * 100).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
