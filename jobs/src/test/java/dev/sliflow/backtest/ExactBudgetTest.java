package dev.sliflow.backtest;

import static dev.sliflow.backtest.Minutes.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.slo.AlertTier;
import dev.sliflow.slo.Budgeting;
import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.SliKind;
import dev.sliflow.slo.SloWindow;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 27 item 9: the error budget 1 − target is decided exactly (the target's decimal), not in doubles
 * where 1 − 0.99 = 0.010000000000000009 and 1 − 0.9995 = 0.0004999999999999449.
 *
 * <p>Two days, 2000 minutes with 100 requests each (200 000 events, 2000 slices), rolling 2-day window,
 * so day 2 sees all of them. Budget spent exactly: occurrences (1 − target) × 200 000 bad events;
 * timeslices (1 − target) × 2000 bad slices (fully failed minutes).
 */
class ExactBudgetTest {
    static final double[] TARGETS = {0.99, 0.995, 0.999, 0.9995};
    static final SloWindow D2 = SloWindow.rolling(2);

    static Minutes twoDays() {
        Minutes d = Minutes.constant("api", "2026-03-01", 2, 0);
        for (int m = 0; m < 2000; m++) {
            d.set(m, 100, 100);
        }
        return d;
    }

    static DailyResult lastDay(Minutes d, Candidate c) {
        List<DailyResult> days = Backtester.run(d.build(), List.of(c), config(List.of(), List.of())).daily();
        assertThat(days).hasSize(1);
        return days.get(0);
    }

    @Test
    void occurrencesSpentExactlyToZeroFreeze() {
        for (double target : TARGETS) {
            long bad = Math.round((1 - target) * 200_000); // 2000, 1000, 200, 100
            Minutes d = twoDays();
            for (int m = 0; m < bad / 100; m++) {
                d.set(m, 100, 0);
            }
            DailyResult r = lastDay(d, new Candidate("api", SliKind.AVAILABILITY, 0, target, D2,
                    Budgeting.OCCURRENCES, target));
            assertThat(r.budgetRemaining()).as("remaining at %s", target).isZero();
            assertThat(r.policyState()).as("state at %s", target).isEqualTo("freeze");
            assertThat(r.met()).as("met at %s", target).isTrue();

            // one bad event less: budget left, not frozen
            Minutes less = twoDays();
            for (int m = 0; m < bad / 100; m++) {
                less.set(m, 100, 0);
            }
            less.set(0, 100, 1);
            DailyResult l = lastDay(less, new Candidate("api", SliKind.AVAILABILITY, 0, target, D2,
                    Budgeting.OCCURRENCES, target));
            assertThat(l.budgetRemaining()).as("remaining at %s", target).isPositive();
            assertThat(l.policyState()).as("state at %s", target).isEqualTo("pause");
        }
    }

    @Test
    void timeslicesSpentExactlyToZeroFreeze() {
        for (double target : TARGETS) {
            long badSlices = Math.round((1 - target) * 2000); // 20, 10, 2, 1
            Minutes d = twoDays();
            for (int m = 0; m < badSlices; m++) {
                d.set(m, 100, 0);
            }
            DailyResult r = lastDay(d, new Candidate("api", SliKind.AVAILABILITY, 0, target, D2,
                    Budgeting.TIMESLICES, target));
            assertThat(r.budgetRemaining()).as("remaining at %s", target).isZero();
            assertThat(r.policyState()).as("state at %s", target).isEqualTo("freeze");
        }
    }

    /** A slice whose SLI equals the slice target exactly is good: 9995 of 10 000 at 99.95%. */
    @Test
    void aSliceExactlyAtItsTargetIsGood() {
        Minutes d = twoDays();
        d.set(0, 10_000, 9_995);
        d.set(1, 10_000, 9_994);
        DailyResult r = lastDay(d, new Candidate("api", SliKind.AVAILABILITY, 0, 0.9995, D2, Budgeting.TIMESLICES,
                0.9995));
        assertThat(r.attainment()).isEqualTo(1999.0 / 2000);
    }

    /**
     * A burn rate exactly at the tier's rate does not exceed it: every minute 2 000 requests, 1 bad, at
     * 99.95% is a burn of exactly 1 (0.0005 / 0.0005), and 72 of 10 000 bad exactly 14.4. Neither fires;
     * one bad request more does.
     */
    @Test
    void aBurnRateExactlyAtTheRateDoesNotFire() {
        AlertTier ticket = new AlertTier("t", "ticket", Duration.ofHours(1), Duration.ofMinutes(5), 1.0, 0);
        AlertTier page = new AlertTier("p", "page", Duration.ofHours(1), Duration.ofMinutes(5), 14.4, 0);
        Candidate c = new Candidate("api", SliKind.AVAILABILITY, 0, 0.9995, D2, Budgeting.OCCURRENCES, 0.9995);
        Minutes atRate = Minutes.constant("api", "2026-03-01", 2, 2000);
        for (int m = 0; m < atRate.total.length; m++) {
            atRate.set(m, 2000, 1999);
        }
        assertThat(Backtester.run(atRate.build(), List.of(c), config(List.of(ticket), List.of())).alerts()).isEmpty();
        Minutes atPage = Minutes.constant("api", "2026-03-01", 2, 10_000);
        for (int m = 0; m < atPage.total.length; m++) {
            atPage.set(m, 10_000, 10_000 - 72);
        }
        assertThat(Backtester.run(atPage.build(), List.of(c), config(List.of(page), List.of())).alerts()).isEmpty();
        atPage.set(600, 10_000, 10_000 - 73);
        assertThat(Backtester.run(atPage.build(), List.of(c), config(List.of(page), List.of())).alerts()).hasSize(1);

        // the live rule decides the same
        LiveAlerts live = new LiveAlerts("api", List.of(c), config(List.of(ticket), List.of()));
        long t0 = Minutes.millis("2026-03-01T00:00");
        for (int m = 0; m < 120; m++) {
            assertThat(live.onMinute(t0 + m * 60_000L, 2000, 1999, 0, java.util.Map.of())).isEmpty();
        }
    }
}
