package dev.sliflow.backtest;

import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.Policy;

/**
 * Attainment and budget remaining of a candidate over one window of minutes, by budgeting method.
 *
 * <ul>
 *   <li>Occurrences: attainment = Σgood / Σvalid; remaining = 1 − (Σvalid − Σgood) / ((1 − target) ×
 *       Σvalid).
 *   <li>Timeslices (a slice = a minute with valid &gt; 0; good when good/valid ≥ the slice target):
 *       attainment = good slices / slices; remaining = 1 − bad slices / ((1 − target) × slices).
 *   <li>RatioTimeslices: attainment = mean over slices of good/valid; remaining = 1 − (1 − attainment) /
 *       (1 − target).
 * </ul>
 * An empty window (no valid event, no slice) has attainment 1 and remaining 1. Remaining may be
 * negative (budget overspent). The remaining budget is exact ({@link ErrorBudget}): the policy state is
 * decided on it, {@link #budgetRemaining} is its reported double (0.0 when spent exactly). For
 * ratio-timeslices the attainment itself is a mean of double ratios; the remaining budget is exact for
 * that double.
 */
record WindowScore(double attainment, ErrorBudget.Remaining remaining) {
    private static final WindowScore EMPTY = new WindowScore(1.0, ErrorBudget.Remaining.UNTOUCHED);

    /** The reported budget remaining. */
    double budgetRemaining() {
        return remaining.value();
    }

    /** The policy state of the exact budget remaining. */
    String state(Policy policy) {
        return policy.state(remaining.num(), remaining.den());
    }

    /** The score of minutes [from, to) of {@code series} for {@code candidate}. */
    static WindowScore of(Candidate candidate, SliSeries series, int from, int to) {
        return of(candidate, ErrorBudget.of(candidate.target()), series, from, to);
    }

    /** As {@link #of(Candidate, SliSeries, int, int)} with the candidate's budget at hand. */
    static WindowScore of(Candidate candidate, ErrorBudget budget, SliSeries series, int from, int to) {
        switch (candidate.budgeting()) {
            case OCCURRENCES: {
                long valid = series.valid(from, to);
                if (valid == 0) {
                    return EMPTY;
                }
                long bad = series.bad(from, to);
                return new WindowScore((double) (valid - bad) / valid, budget.remaining(bad, valid));
            }
            case TIMESLICES: {
                SliSeries.Slices s = series.slices(candidate.timesliceTarget());
                long slices = s.slices(from, to);
                if (slices == 0) {
                    return EMPTY;
                }
                long goodSlices = s.goodSlices(from, to);
                return new WindowScore((double) goodSlices / slices, budget.remaining(slices - goodSlices, slices));
            }
            case RATIO_TIMESLICES: {
                SliSeries.Slices s = series.slices(candidate.timesliceTarget());
                long slices = s.slices(from, to);
                if (slices == 0) {
                    return EMPTY;
                }
                double attainment = s.ratioSum(from, to) / slices;
                return new WindowScore(attainment, budget.remaining(attainment));
            }
            default:
                throw new IllegalArgumentException("unknown budgeting " + candidate.budgeting());
        }
    }
}
