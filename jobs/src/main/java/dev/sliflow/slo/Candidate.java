package dev.sliflow.slo;

import java.io.Serializable;
import java.util.Locale;

/**
 * One candidate SLO to evaluate: journey × SLI (× latency threshold) × target × window × budgeting.
 *
 * @param thresholdMs the latency threshold for {@link SliKind#LATENCY}, 0 for availability
 * @param target e.g. 0.999
 * @param timesliceTarget for timeslice budgeting: the SLI a 1-minute slice needs to be good
 *     (defaults to {@code target})
 */
public record Candidate(String journey, SliKind sli, int thresholdMs, double target, SloWindow window,
        Budgeting budgeting, double timesliceTarget) implements Serializable {

    /** A stable, readable id, e.g. {@code checkout-availability-99.9-28d-occurrences}. */
    public String sloId() {
        return journey + "-" + sli.id() + (sli == SliKind.LATENCY ? "-" + thresholdMs + "ms" : "") + "-"
                + percent(target) + "-" + window.id() + "-" + budgeting.id();
    }

    /** 0.999 → "99.9", 0.95 → "95". */
    public static String percent(double target) {
        String s = String.format(Locale.ROOT, "%.6f", target * 100).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
