package dev.sliflow.backtest;

import static dev.sliflow.backtest.Minutes.config;
import static dev.sliflow.backtest.Minutes.latency;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.SloWindow;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scenario 7: a chatbot journey with minimum / standard / stretch targets — 90% &lt; 150 ms, 99% &lt; 200 ms,
 * 99.5% &lt; 200 ms — rolling 1 day. 1000 requests a minute, all good; within 150 ms: 920 on day 1, 960 on day 2;
 * within 200 ms: 993 on day 1, 996 on day 2.
 */
class ChatbotTargetsTest {
    @Test
    void minimumStandardAndStretchTargetsEvaluate() {
        Minutes d = Minutes.constant("chatbot", "2026-03-01", 2, 1000, 150, 200);
        for (int m = 0; m < d.total.length; m++) {
            boolean day1 = m < 1440;
            d.goodLatency[0][m] = day1 ? 920 : 960;
            d.goodLatency[1][m] = day1 ? 993 : 996;
        }
        SloWindow d1 = SloWindow.rolling(1);
        Candidate minimum = latency("chatbot", 150, 0.90, d1);
        Candidate standard = latency("chatbot", 200, 0.99, d1);
        Candidate stretch = latency("chatbot", 200, 0.995, d1);
        BacktestResult r = Backtester.run(d.build(), List.of(minimum, standard, stretch), config(List.of(), List.of()));
        assertThat(r.summaries()).extracting(CandidateSummary::sloId).containsExactly(
                "chatbot-latency-150ms-90-1d-occurrences", "chatbot-latency-200ms-99-1d-occurrences",
                "chatbot-latency-200ms-99.5-1d-occurrences");

        List<DailyResult> rows = r.daily();
        assertThat(rows).hasSize(6);
        // minimum: day 1 0.92, remaining 1 − 0.08 / 0.10 = 0.2 → pause; day 2 0.96, 1 − 0.04 / 0.10 = 0.6 → healthy
        assertThat(rows.get(0).attainment()).isCloseTo(0.92, within(1e-12));
        assertThat(rows.get(0).budgetRemaining()).isCloseTo(0.2, within(1e-9));
        assertThat(rows.get(1).budgetRemaining()).isCloseTo(0.6, within(1e-9));
        assertThat(rows.subList(0, 2)).extracting(DailyResult::policyState).containsExactly("pause", "healthy");
        // standard: 0.993 → 1 − 0.007 / 0.01 = 0.3 → alert; 0.996 → 0.6 → healthy
        assertThat(rows.get(2).budgetRemaining()).isCloseTo(0.3, within(1e-9));
        assertThat(rows.get(3).budgetRemaining()).isCloseTo(0.6, within(1e-9));
        assertThat(rows.subList(2, 4)).extracting(DailyResult::policyState).containsExactly("alert", "healthy");
        // stretch: 0.993 → 1 − 0.007 / 0.005 = −0.4 → freeze, missed; 0.996 → 1 − 0.004 / 0.005 = 0.2 → pause, met
        assertThat(rows.get(4).budgetRemaining()).isCloseTo(-0.4, within(1e-9));
        assertThat(rows.get(5).budgetRemaining()).isCloseTo(0.2, within(1e-9));
        assertThat(rows.subList(4, 6)).extracting(DailyResult::policyState).containsExactly("freeze", "pause");
        CandidateSummary s = r.summaries().get(2);
        assertThat(s.daysMet()).isEqualTo(1);
        assertThat(s.worstAttainment()).isCloseTo(0.993, within(1e-12));

        // one recommendation per threshold; < 200 ms baseline (993 + 996) / 2000 = 0.9945 < 0.995 → 99%
        assertThat(r.recommendations()).extracting(Recommendation::thresholdMs).containsExactly(150, 200);
        assertThat(r.recommendations().get(0).target()).isEqualTo(0.90);
        assertThat(r.recommendations().get(0).baseline()).isCloseTo(0.94, within(1e-12));
        assertThat(r.recommendations().get(1).target()).isEqualTo(0.99);
        assertThat(r.recommendations().get(1).baseline()).isCloseTo(0.9945, within(1e-12));
        assertThat(r.recommendations().get(1).options().get(1).reason())
                .isEqualTo("above the historical baseline 99.45%");
    }
}
