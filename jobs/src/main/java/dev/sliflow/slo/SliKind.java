package dev.sliflow.slo;

/** What an SLO measures. */
public enum SliKind {
    /** good = status not bad (the journey's bad_status rule). */
    AVAILABILITY,
    /** good = not bad and latency ≤ the candidate's threshold. */
    LATENCY;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
