package dev.sliflow.backtest;

import static dev.sliflow.backtest.Minutes.availability;
import static dev.sliflow.backtest.Minutes.config;
import static dev.sliflow.backtest.Minutes.latency;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sliflow.slo.AlertTier;
import dev.sliflow.slo.Budgeting;
import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.SloWindow;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scenario 2: 2026-03-01..02, 100 requests a minute, all good; thresholds 200 and 500 ms. Normally 96 of
 * 100 are within 200 ms; on 2026-03-02 from 10:00 to 13:59 (240 minutes) only 50 are. Within 500 ms: all.
 */
class LatencyRegressionTest {
    static JourneyMinutes data() {
        Minutes d = Minutes.constant("search", "2026-03-01", 2, 100, 200, 500);
        for (int m = 0; m < d.total.length; m++) {
            d.goodLatency[0][m] = 96;
        }
        int from = d.index("2026-03-02T10:00");
        for (int m = from; m < from + 240; m++) {
            d.goodLatency[0][m] = 50;
        }
        return d.build();
    }

    @Test
    void onlyTheLatencyCandidateOfTheRegressedThresholdSuffers() {
        SloWindow d1 = SloWindow.rolling(1);
        Candidate fast = latency("search", 200, 0.9, d1);
        Candidate slow = latency("search", 500, 0.99, d1);
        Candidate avail = availability("search", 0.999, d1, Budgeting.OCCURRENCES);
        BacktestResult r = Backtester.run(data(), List.of(fast, slow, avail), config(AlertTier.sreWorkbook(), List.of()));

        List<DailyResult> f = r.daily().stream().filter(x -> x.sloId().equals(fast.sloId())).toList();
        assertThat(fast.sloId()).isEqualTo("search-latency-200ms-90-1d-occurrences");
        // day 1: 144 000 valid, 4 × 1440 = 5760 slow: 138 240 / 144 000 = 0.96; 1 − 5760 / 14 400 = 0.6 → healthy
        assertThat(f.get(0).attainment()).isCloseTo(0.96, within(1e-12));
        assertThat(f.get(0).budgetRemaining()).isCloseTo(0.6, within(1e-9));
        assertThat(f.get(0).policyState()).isEqualTo("healthy");
        // day 2: 1200 × 4 + 240 × 50 = 16 800 slow: 127 200 / 144 000 = 0.883333; 1 − 16 800 / 14 400 = −0.166667
        assertThat(f.get(1).attainment()).isCloseTo(0.88333333333, within(1e-9));
        assertThat(f.get(1).budgetRemaining()).isCloseTo(-1.0 / 6, within(1e-9));
        assertThat(f.get(1).policyState()).isEqualTo("freeze");
        assertThat(f.get(1).met()).isFalse();

        for (Candidate c : List.of(slow, avail)) {
            assertThat(r.daily().stream().filter(x -> x.sloId().equals(c.sloId())))
                    .allSatisfy(x -> {
                        assertThat(x.attainment()).isEqualTo(1.0);
                        assertThat(x.budgetRemaining()).isEqualTo(1.0);
                        assertThat(x.policyState()).isEqualTo("healthy");
                    });
            assertThat(r.alerts()).noneMatch(a -> a.sloId().equals(c.sloId()));
        }
        // 200 ms at 90%: the regression's 50% slow is a burn rate of 5, under both page rates (14.4 and 6 need
        // more than 100% and 60% slow: a 90% target cannot page at the Workbook's factors); the ticket
        // (1x, 144m/12m on 1 day) fires: its windows hold 50% slow > 10%
        assertThat(r.alerts()).anyMatch(a -> a.sloId().equals(fast.sloId()) && a.isTicket());
        assertThat(r.alerts()).noneMatch(a -> a.sloId().equals(fast.sloId()) && a.isPage());
    }

    @Test
    void aThresholdMissingFromTheDataIsRejected() {
        Candidate c = latency("search", 300, 0.99, SloWindow.rolling(1));
        assertThatThrownBy(() -> Backtester.run(data(), List.of(c), config(List.of(), List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("search")
                .hasMessageContaining("300 ms")
                .hasMessageContaining("[200, 500]");
    }
}
