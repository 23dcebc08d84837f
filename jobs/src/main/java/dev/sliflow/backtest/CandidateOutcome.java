package dev.sliflow.backtest;

import dev.sliflow.slo.Candidate;
import java.util.Map;

/**
 * What the recommendation needs of one candidate once its rows are out: its summary, freeze days per
 * calendar quarter ("2026-Q1", only quarters with a freeze day, in order), and how every alert policy would
 * have paged (in policy order, the reported one first), scored against the known incidents of its journey
 * and SLI ({@link AlertQuality}: pages per month there).
 */
record CandidateOutcome(Candidate candidate, CandidateSummary summary, Map<String, Integer> freezeDaysByQuarter,
        java.util.List<AlertQuality> quality) {}
