package dev.sliflow.backtest;

import dev.sliflow.slo.Candidate;

/**
 * What one candidate target with one alert policy would have cost over the history.
 *
 * @param worstAttainment the lowest daily window attainment (NaN when no day was evaluated)
 * @param maxFreezeDaysPerQuarter the most freeze days in any calendar quarter the range touches
 * @param pagesPerMonth total pages / number of calendar months the range touches
 * @param withinBaseline target ≤ the historical baseline
 * @param maxPagesPerMonth the most pages in any calendar month the range touches, as the policy counts
 *     them (its first firing's month)
 * @param qualifies within both limits and the baseline, and paging for every declared incident
 * @param reason why it does not qualify ("" when it does)
 * @param policy the alert policy's name
 * @param quality how the policy would have paged, scored against the declared incidents
 */
public record RecommendationOption(Candidate candidate, double worstAttainment, int maxFreezeDaysPerQuarter,
        int maxPagesPerMonth, double pagesPerMonth, int totalPages, int totalFreezeDays, boolean withinBaseline,
        boolean qualifies, String reason, String policy, AlertQuality quality) {

    public String sloId() {
        return candidate.sloId();
    }
}
