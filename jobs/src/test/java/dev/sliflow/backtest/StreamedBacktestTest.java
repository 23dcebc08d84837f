package dev.sliflow.backtest;

import static dev.sliflow.backtest.Minutes.availability;
import static dev.sliflow.backtest.Minutes.config;
import static dev.sliflow.backtest.Minutes.latency;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sliflow.slo.AlertTier;
import dev.sliflow.slo.Budgeting;
import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.SloWindow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streamed backtest ({@link BacktestSink}): rows per candidate as computed, nothing before validation. */
class StreamedBacktestTest {
    static final SloWindow D1 = SloWindow.rolling(1);

    @Test
    void rowsComePerCandidateAlertsThenDaysThenSummaryThenSlaAndRecommendations() {
        Candidate tight = availability("checkout", 0.999, D1, Budgeting.OCCURRENCES);
        Candidate loose = availability("checkout", 0.97, D1, Budgeting.TIMESLICES);
        List<String> events = new ArrayList<>();
        Backtester.run(OutageScenarioTest.data(), List.of(tight, loose), config(AlertTier.sreWorkbook(), List.of()),
                new BacktestSink() {
                    @Override
                    public void alert(Candidate c, AlertTier tier, AlertFiring a) {
                        assertThat(a.sloId()).isEqualTo(c.sloId());
                        assertThat(a.tier()).isEqualTo(tier.name());
                        events.add("alert " + c.target());
                    }

                    @Override
                    public void daily(Candidate c, DailyResult d) {
                        assertThat(d.sloId()).isEqualTo(c.sloId());
                        events.add("daily " + c.target());
                    }

                    @Override
                    public void summary(CandidateSummary s) {
                        events.add("summary " + s.candidate().target());
                    }

                    @Override
                    public void recommendation(Recommendation r) {
                        events.add("recommendation");
                    }
                });
        // the 30-minute outage fires both page tiers of the 99.9% candidate (hand-computed in OutageScenarioTest)
        List<String> expected = new ArrayList<>();
        int tightAlerts = (int) events.stream().filter(e -> e.equals("alert 0.999")).count();
        assertThat(tightAlerts).isPositive();
        for (int i = 0; i < tightAlerts; i++) {
            expected.add("alert 0.999");
        }
        expected.addAll(List.of("daily 0.999", "daily 0.999", "daily 0.999", "summary 0.999"));
        int looseAlerts = (int) events.stream().filter(e -> e.equals("alert 0.97")).count();
        for (int i = 0; i < looseAlerts; i++) {
            expected.add("alert 0.97");
        }
        expected.addAll(List.of("daily 0.97", "daily 0.97", "daily 0.97", "summary 0.97", "recommendation"));
        assertThat(events).containsExactlyElementsOf(expected);

        BacktestResult listed = Backtester.run(OutageScenarioTest.data(), List.of(tight, loose),
                config(AlertTier.sreWorkbook(), List.of()));
        assertThat(listed.alerts()).hasSize(tightAlerts + looseAlerts);
        assertThat(listed.daily()).hasSize(6);
    }

    @Test
    void anInvalidCandidateStopsTheRunBeforeAnyRow() {
        Candidate ok = availability("checkout", 0.999, D1, Budgeting.OCCURRENCES);
        Candidate missingThreshold = latency("checkout", 777, 0.99, D1);
        List<Object> rows = new ArrayList<>();
        BacktestSink sink = new BacktestSink() {
            @Override
            public void alert(Candidate c, AlertTier tier, AlertFiring a) {
                rows.add(a);
            }

            @Override
            public void daily(Candidate c, DailyResult d) {
                rows.add(d);
            }
        };
        assertThatThrownBy(() -> Backtester.run(OutageScenarioTest.data(), List.of(ok, missingThreshold),
                config(AlertTier.sreWorkbook(), List.of()), sink))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("777");
        assertThat(rows).isEmpty();
    }
}
