package dev.sliflow.slo;

/** How the error budget is counted (OpenSLO budgetingMethod). */
public enum Budgeting {
    /** Budget in events: attainment = good events / valid events over the window. */
    OCCURRENCES,
    /** Budget in 1-minute slices: a slice is good when its own SLI ≥ the slice target; attainment = good slices / slices. */
    TIMESLICES,
    /** Attainment = mean of the per-slice SLIs. */
    RATIO_TIMESLICES;

    /** occurrences, timeslices, ratio-timeslices: made once (a backtest writes it on millions of rows). */
    private final String id = name().toLowerCase(java.util.Locale.ROOT).replace("_", "-");

    public String id() {
        return id;
    }
}
