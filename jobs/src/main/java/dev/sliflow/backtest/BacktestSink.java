package dev.sliflow.backtest;

import dev.sliflow.slo.AlertTier;
import dev.sliflow.slo.Candidate;

/**
 * Receives a backtest's rows as they are computed ({@link Backtester#run(JourneyMinutes, java.util.List,
 * dev.sliflow.slo.SloConfig, BacktestSink)}), so that a caller can write them out without holding a whole
 * journey's results: per candidate in candidate order, its alert firings (tier order, then firing time),
 * then its daily rows (day order), then its summary, then its alert quality per alert policy (policy
 * order); after all candidates the SLA months, then the
 * recommendations. Every method does nothing by default.
 */
public interface BacktestSink {
    /** An alert firing of {@code candidate}'s {@code tier}. */
    default void alert(Candidate candidate, AlertTier tier, AlertFiring firing) {}

    /** An evaluated day of {@code candidate}. */
    default void daily(Candidate candidate, DailyResult day) {}

    /** The summary of a candidate, after its alerts and days. */
    default void summary(CandidateSummary summary) {}

    /** How an alert policy would have paged for a candidate, after the candidate's summary. */
    default void alertQuality(AlertQuality quality) {}

    /** An SLA month. */
    default void slaMonth(SlaMonth month) {}

    /** A recommendation, once every candidate is done. */
    default void recommendation(Recommendation recommendation) {}
}
