package dev.sliflow.backtest;

import dev.sliflow.slo.Candidate;

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
 * negative (budget overspent).
 */
record WindowScore(double attainment, double budgetRemaining) {
    private static final WindowScore EMPTY = new WindowScore(1.0, 1.0);

    /** The score of minutes [from, to) of {@code series} for {@code candidate}. */
    static WindowScore of(Candidate candidate, SliSeries series, int from, int to) {
        double allowed = 1 - candidate.target();
        switch (candidate.budgeting()) {
            case OCCURRENCES: {
                long valid = series.valid(from, to);
                if (valid == 0) {
                    return EMPTY;
                }
                long bad = series.bad(from, to);
                return new WindowScore((double) (valid - bad) / valid, 1 - bad / (allowed * valid));
            }
            case TIMESLICES: {
                SliSeries.Slices s = series.slices(candidate.timesliceTarget());
                long slices = s.slices(from, to);
                if (slices == 0) {
                    return EMPTY;
                }
                long goodSlices = s.goodSlices(from, to);
                return new WindowScore((double) goodSlices / slices,
                        1 - (slices - goodSlices) / (allowed * slices));
            }
            case RATIO_TIMESLICES: {
                SliSeries.Slices s = series.slices(candidate.timesliceTarget());
                long slices = s.slices(from, to);
                if (slices == 0) {
                    return EMPTY;
                }
                double attainment = s.ratioSum(from, to) / slices;
                return new WindowScore(attainment, 1 - (1 - attainment) / allowed);
            }
            default:
                throw new IllegalArgumentException("unknown budgeting " + candidate.budgeting());
        }
    }
}
