package dev.sliflow.backtest;

import static dev.sliflow.backtest.Minutes.config;
import static dev.sliflow.backtest.Minutes.millis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sliflow.slo.AlertTier;
import dev.sliflow.slo.Budgeting;
import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.SliKind;
import dev.sliflow.slo.SloWindow;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scenario 4, one day (2026-03-01), target 99%, rolling 1 day. Minute 0: 1 request, failed. Minute 1:
 * 1000 requests, 990 good (exactly 0.99). Minutes 2..1429: 1000 requests, all good. Minutes 1430..1439: no
 * traffic (not slices). So 1430 slices and 1 + 1000 + 1 428 000 = 1 429 001 valid events, 11 bad.
 */
class BudgetingTest {
    static final SloWindow D1 = SloWindow.rolling(1);

    static JourneyMinutes data() {
        Minutes d = Minutes.constant("api", "2026-03-01", 1, 1000);
        d.set(0, 1, 0).set(1, 1000, 990);
        for (int m = 1430; m < 1440; m++) {
            d.set(m, 0, 0);
        }
        return d.build();
    }

    static Candidate candidate(Budgeting b, double sliceTarget) {
        return new Candidate("api", SliKind.AVAILABILITY, 0, 0.99, D1, b, sliceTarget);
    }

    @Test
    void occurrencesTimeslicesAndRatioTimeslicesDiffer() {
        Candidate occ = candidate(Budgeting.OCCURRENCES, 0.99);
        Candidate strict = candidate(Budgeting.TIMESLICES, 0.995);
        Candidate exact = candidate(Budgeting.TIMESLICES, 0.99);
        Candidate ratio = candidate(Budgeting.RATIO_TIMESLICES, 0.99);
        BacktestResult r = Backtester.run(data(), List.of(occ, strict, exact, ratio), config(List.of(), List.of()));
        List<DailyResult> d = r.daily();
        assertThat(d).hasSize(4);

        // occurrences: 1 428 990 / 1 429 001; remaining 1 − 11 / (0.01 × 1 429 001) = 1 − 11 / 14 290.01
        assertThat(d.get(0).attainment()).isCloseTo(1_428_990.0 / 1_429_001, within(1e-12));
        assertThat(d.get(0).budgetRemaining()).isCloseTo(1 - 11 / 14_290.01, within(1e-9));
        // timeslices, slice target 99.5%: minutes 0 (0/1) and 1 (0.99) are bad slices: 1428 / 1430;
        // remaining 1 − 2 / (0.01 × 1430) = 1 − 2 / 14.3 = 0.86014
        assertThat(d.get(1).attainment()).isCloseTo(1428.0 / 1430, within(1e-12));
        assertThat(d.get(1).budgetRemaining()).isCloseTo(1 - 2 / 14.3, within(1e-9));
        // slice target 99%: minute 1 is good (0.99 ≥ 0.99): 1429 / 1430; remaining 1 − 1 / 14.3 = 0.93007
        assertThat(d.get(2).attainment()).isCloseTo(1429.0 / 1430, within(1e-12));
        assertThat(d.get(2).budgetRemaining()).isCloseTo(1 - 1 / 14.3, within(1e-9));
        // ratio timeslices: (0 + 0.99 + 1428 × 1) / 1430 = 1428.99 / 1430 = 0.999294;
        // remaining 1 − (1 − 0.999294) / 0.01 = 1 − (1.01 / 1430) / 0.01 = 0.929371
        assertThat(d.get(3).attainment()).isCloseTo(1428.99 / 1430, within(1e-12));
        assertThat(d.get(3).budgetRemaining()).isCloseTo(1 - 1.01 / 1430 / 0.01, within(1e-9));
    }

    /**
     * Alerts are computed on events whatever the budgeting. SRE Workbook tiers on 1 day: page-1h 2m/1m at
     * 14.4 (ratio 0.144 at 99%), page-6h 12m/1m at 6 (ratio 0.06). Minute 0: 1/1 bad in both windows → burn
     * 100, both fire at 00:00 (false before the range; empty minutes before it). Minute 1: the long windows
     * hold 11 / 1001 = 0.011 (burn 1.1) and the short one 10 / 1000 (burn 1): both resolve at 00:01.
     */
    @Test
    void alertsAreOnEventsWhateverTheBudgeting() {
        Candidate occ = candidate(Budgeting.OCCURRENCES, 0.99);
        Candidate slices = candidate(Budgeting.TIMESLICES, 0.995);
        BacktestResult r = Backtester.run(data(), List.of(occ, slices), config(AlertTier.sreWorkbook(), List.of()));
        for (Candidate c : List.of(occ, slices)) {
            List<AlertFiring> a = r.alerts().stream().filter(x -> x.sloId().equals(c.sloId())).toList();
            assertThat(a.get(0).tier()).isEqualTo("page-1h");
            assertThat(a.get(0).firedAtMillis()).isEqualTo(millis("2026-03-01T00:00"));
            assertThat(a.get(0).resolvedAtMillis()).isEqualTo(millis("2026-03-01T00:01"));
            assertThat(a.get(0).longBurnRate()).isCloseTo(100.0, within(1e-9));
            assertThat(a.get(1).tier()).isEqualTo("page-6h");
            assertThat(a.get(1).firedAtMillis()).isEqualTo(millis("2026-03-01T00:00"));
            assertThat(a.get(1).resolvedAtMillis()).isEqualTo(millis("2026-03-01T00:01"));
        }
    }
}
