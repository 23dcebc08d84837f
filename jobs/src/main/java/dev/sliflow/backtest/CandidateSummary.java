package dev.sliflow.backtest;

import dev.sliflow.slo.Candidate;
import java.util.Map;

/**
 * One candidate over the whole backtest (a row of the {@code slo_summary} table).
 *
 * @param worstAttainment the lowest attainment of an evaluated day; NaN when no day was evaluated
 * @param pages page-severity firings over the whole range (also on days not evaluated)
 * @param tickets ticket-severity firings over the whole range
 * @param budgetAtMonthEnd "YYYY-MM" → budget remaining on the last evaluated day of that month, in
 *     month order; months without an evaluated day are absent
 */
public record CandidateSummary(Candidate candidate, int daysEvaluated, int daysMet, double worstAttainment,
        int daysHealthy, int daysAlert, int daysPause, int daysFreeze, int pages, int tickets,
        Map<String, Double> budgetAtMonthEnd) {

    public String sloId() {
        return candidate.sloId();
    }

    /** Share of evaluated days whose window met the target; NaN when no day was evaluated. */
    public double metShare() {
        return daysEvaluated == 0 ? Double.NaN : (double) daysMet / daysEvaluated;
    }
}
