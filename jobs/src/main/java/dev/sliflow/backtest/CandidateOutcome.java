package dev.sliflow.backtest;

import dev.sliflow.slo.Candidate;
import java.util.Map;

/**
 * What the recommendation needs of one candidate once its rows are out: its summary, freeze days per
 * calendar quarter ("2026-Q1", only quarters with a freeze day, in order) and pages per calendar month
 * of their fired-at minute ("2026-03", only months with a page, in order) under the reported alert policy,
 * and how every alert policy would have paged (in policy order; the reported one first), scored against
 * the {@code incidents} known for its journey and SLI in the range.
 */
record CandidateOutcome(Candidate candidate, CandidateSummary summary, Map<String, Integer> freezeDaysByQuarter,
        Map<String, Integer> pagesByMonth, java.util.List<AlertQuality> quality, int incidents) {}
