package dev.sliflow.backtest;

import java.time.LocalDate;

/**
 * One candidate on one evaluated day (a row of the {@code slo_daily} table).
 *
 * @param attainment the SLI over the window ending at the end of {@code day}, per the budgeting method
 * @param budgetRemaining 1 = untouched, 0 = exhausted, negative = overspent
 * @param policyState healthy, alert, pause or freeze ({@link dev.sliflow.slo.Policy#state})
 * @param met attainment ≥ target
 * @param pages page-severity alerts fired during the day
 * @param tickets ticket-severity alerts fired during the day
 * @param dayBurnRate the event error ratio of the day alone / (1 − target), 0 without valid events
 * @param windowBurnRate the event error ratio over the window / (1 − target), 0 without valid events
 */
public record DailyResult(String journey, String sloId, LocalDate day, double attainment, double budgetRemaining,
        String policyState, boolean met, int pages, int tickets, double dayBurnRate, double windowBurnRate) {
    /**
     * Time to exhaustion, as Nobl9 and Honeycomb show it: the days until the budget left runs out if the
     * day's burn rate went on (lookback: the day). A burn rate of 1 spends a whole budget in the window, so the
     * day spends {@code dayBurnRate / windowDays} of it: days = budget remaining × window days / day's burn rate.
     * 0 when the budget is already spent; null when the day burnt none (it would never run out).
     *
     * @param windowDays the SLO window's length in days ({@link dev.sliflow.slo.SloWindow#days()})
     */
    public Double daysToExhaustion(int windowDays) {
        if (budgetRemaining <= 0) {
            return 0.0;
        }
        if (!(dayBurnRate > 0)) {
            return null;
        }
        return budgetRemaining * windowDays / dayBurnRate;
    }
}
