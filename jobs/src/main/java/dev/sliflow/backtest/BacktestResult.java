package dev.sliflow.backtest;

import java.util.List;

/** Everything a backtest of one journey produced, one list per output table. */
public record BacktestResult(List<DailyResult> daily, List<AlertFiring> alerts, List<CandidateSummary> summaries,
        List<SlaMonth> slaMonths, List<Recommendation> recommendations, List<AlertQuality> alertQuality) {}
