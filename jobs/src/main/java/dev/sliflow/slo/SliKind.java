package dev.sliflow.slo;

/** What an SLO measures. */
public enum SliKind {
    /** good = status not bad (the journey's bad_status rule). */
    AVAILABILITY,
    /** good = not bad and latency ≤ the candidate's threshold. */
    LATENCY,
    /**
     * A percentile over time slices ({@link SlicePercentile}): the valid events are the slices with at
     * least one request with a latency, good = the slice's percentile ≤ the candidate's threshold.
     */
    PERCENTILE;

    /** availability, latency, percentile: made once (a backtest writes it on millions of rows). */
    private final String id = name().toLowerCase(java.util.Locale.ROOT);

    public String id() {
        return id;
    }
}
