package dev.sliflow.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Time to exhaustion of slo_daily: budget left × window days / the day's burn rate, by hand. */
class TimeToExhaustionTest {
    static DailyResult day(double budgetRemaining, double dayBurnRate) {
        return new DailyResult("checkout", "checkout-availability-99.9-28d-occurrences", LocalDate.parse("2026-03-01"), 0.999,
                budgetRemaining, "healthy", true, 0, 0, dayBurnRate, 0.5);
    }

    @Test
    void daysUntilTheBudgetLeftRunsOutAtTheDaysBurn() {
        // a 28-day window: a burn rate of 1 spends the whole budget in 28 days, 1/28 a day; at burn 2, 2/28 a day:
        // half the budget left lasts 0.5 / (2/28) = 7 days
        assertThat(day(0.5, 2.0).daysToExhaustion(28)).isEqualTo(7.0);
        // burn 0.25 on a 30-day window with the whole budget: 1 / (0.25/30) = 120 days (longer than the window)
        assertThat(day(1.0, 0.25).daysToExhaustion(30)).isEqualTo(120.0);
        // spent already (exactly, or overspent): 0
        assertThat(day(0.0, 3.0).daysToExhaustion(28)).isEqualTo(0.0);
        assertThat(day(-0.4, 0.0).daysToExhaustion(28)).isEqualTo(0.0);
        // the day burnt nothing: it would never run out
        assertThat(day(0.8, 0.0).daysToExhaustion(28)).isNull();
    }
}
