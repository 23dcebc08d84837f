package dev.sliflow.backtest;

import dev.sliflow.slo.Candidate;

/**
 * What one candidate target of a recommendation group would have cost over the history.
 *
 * @param worstAttainment the lowest daily window attainment (NaN when no day was evaluated)
 * @param maxFreezeDaysPerQuarter the most freeze days in any calendar quarter the range touches
 * @param maxPagesPerMonth the most pages fired in any calendar month the range touches
 * @param pagesPerMonth total pages / number of calendar months the range touches
 * @param withinBaseline target ≤ the historical baseline
 * @param qualifies within both limits and the baseline
 * @param reason why it does not qualify ("" when it does)
 */
public record RecommendationOption(Candidate candidate, double worstAttainment, int maxFreezeDaysPerQuarter,
        int maxPagesPerMonth, double pagesPerMonth, int totalPages, int totalFreezeDays, boolean withinBaseline,
        boolean qualifies, String reason) {

    public String sloId() {
        return candidate.sloId();
    }
}
