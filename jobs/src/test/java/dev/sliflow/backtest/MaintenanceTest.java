package dev.sliflow.backtest;

import static dev.sliflow.backtest.Minutes.availability;
import static dev.sliflow.backtest.Minutes.config;
import static dev.sliflow.backtest.Minutes.millis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sliflow.slo.AlertTier;
import dev.sliflow.slo.Budgeting;
import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.Maintenance;
import dev.sliflow.slo.SloWindow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3: 2026-02-28 (Saturday) and 2026-03-01 (Sunday), 100 requests a minute, an outage on Sunday
 * 02:00–02:29 (3000 bad). Candidate 99.9%, rolling 1 day, SRE Workbook tiers (on 1 day: page 2m/1m at 14.4,
 * page 12m/1m at 6, ticket 144m/12m at 1; {@link dev.sliflow.slo.AlertTier#forPeriod}).
 */
class MaintenanceTest {
    static final Candidate C = availability("shop", 0.999, SloWindow.rolling(1), Budgeting.OCCURRENCES);

    static BacktestResult run(List<Maintenance> maintenance) {
        JourneyMinutes data = Minutes.constant("shop", "2026-02-28", 2, 100).outage("2026-03-01T02:00", 30).build();
        return Backtester.run(data, List.of(C), config(AlertTier.sreWorkbook(), maintenance));
    }

    @Test
    void aMaintenanceWindowOverTheOutageHidesIt() {
        Maintenance fixed = Maintenance.fixed(Instant.parse("2026-03-01T02:00:00Z"), Instant.parse("2026-03-01T02:30:00Z"));
        Maintenance weekly = Maintenance.recurring(DayOfWeek.SUNDAY, LocalTime.of(2, 0), Duration.ofHours(1));
        for (Maintenance m : List.of(fixed, weekly)) {
            BacktestResult r = run(List.of(m));
            assertThat(r.alerts()).isEmpty();
            // the outage minutes are neither good nor valid: 141 000 / 141 000 (fixed) or 138 000 / 138 000 (1h)
            DailyResult sunday = r.daily().get(1);
            assertThat(sunday.attainment()).isEqualTo(1.0);
            assertThat(sunday.budgetRemaining()).isEqualTo(1.0);
            assertThat(sunday.policyState()).isEqualTo("healthy");
        }
    }

    @Test
    void theSameOutageOutsideMaintenanceAlertsAndSpendsBudget() {
        BacktestResult r = run(List.of());
        assertThat(r.alerts()).extracting(AlertFiring::firedAtMillis).containsOnly(millis("2026-03-01T02:00"));
        assertThat(r.alerts()).hasSize(3);
        // 141 000 / 144 000; 1 − 3000 / 144 = −19.8333
        assertThat(r.daily().get(1).attainment()).isCloseTo(141_000.0 / 144_000, within(1e-12));
        assertThat(r.daily().get(1).budgetRemaining()).isCloseTo(-19.8333333333, within(1e-6));
    }

    /**
     * Maintenance covering the first 10 outage minutes: 20 bad minutes remain, 143 000 valid. Remaining
     * 1 − 2000 / (0.001 × 143 000) = 1 − 13.986 = −12.986. The first alert comes at 02:10: the 2m window
     * 02:09..02:10 holds 1 valid minute (02:09 is maintenance): 100 bad of 100 → 1 / 0.001 = 1000 > 14.4.
     */
    @Test
    void partialMaintenanceContributesNothingToTheWindows() {
        BacktestResult r = run(List.of(
                Maintenance.fixed(Instant.parse("2026-03-01T02:00:00Z"), Instant.parse("2026-03-01T02:10:00Z"))));
        assertThat(r.daily().get(1).attainment()).isCloseTo(141_000.0 / 143_000, within(1e-12));
        assertThat(r.daily().get(1).budgetRemaining()).isCloseTo(1 - 2000 / 143.0, within(1e-9));
        AlertFiring first = r.alerts().get(0);
        assertThat(first.tier()).isEqualTo("page-1h");
        assertThat(first.firedAtMillis()).isEqualTo(millis("2026-03-01T02:10"));
        assertThat(first.longBurnRate()).isCloseTo(1000.0, within(1e-9));
    }
}
