package dev.sliflow.backtest;

import static dev.sliflow.backtest.Minutes.availability;
import static dev.sliflow.backtest.Minutes.config;
import static dev.sliflow.backtest.Minutes.millis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sliflow.slo.AlertTier;
import dev.sliflow.slo.Budgeting;
import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.SloWindow;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scenario 1: 2026-03-01..03, 100 requests every minute, a 30-minute outage (every request fails) on
 * 2026-03-02 from 12:00 to 12:29 inclusive: 3000 bad requests. Every expected number is derived by hand.
 */
class OutageScenarioTest {
    static final double EPS = 1e-9;
    static final SloWindow D1 = SloWindow.rolling(1);
    static final SloWindow MONTH = SloWindow.calendar(SloWindow.Kind.CALENDAR_MONTH);

    static JourneyMinutes data() {
        return Minutes.constant("checkout", "2026-03-01", 3, 100).outage("2026-03-02T12:00", 30).build();
    }

    static List<DailyResult> daily(BacktestResult r, Candidate c) {
        return r.daily().stream().filter(d -> d.sloId().equals(c.sloId())).toList();
    }

    static List<AlertFiring> alerts(BacktestResult r, Candidate c) {
        return r.alerts().stream().filter(a -> a.sloId().equals(c.sloId())).toList();
    }

    @Test
    void occurrenceAttainmentBudgetAndPolicyPerDay() {
        Candidate tight = availability("checkout", 0.999, D1, Budgeting.OCCURRENCES);
        Candidate pause = availability("checkout", 0.975, D1, Budgeting.OCCURRENCES);
        Candidate alert = availability("checkout", 0.97, D1, Budgeting.OCCURRENCES);
        Candidate month = availability("checkout", 0.999, MONTH, Budgeting.OCCURRENCES);
        BacktestResult r = Backtester.run(data(), List.of(tight, pause, alert, month),
                config(AlertTier.sreWorkbook(), List.of()));

        // 1d window: a day = 1440 min × 100 = 144 000 valid; day 2 has 3000 bad.
        List<DailyResult> t = daily(r, tight);
        assertThat(t).extracting(DailyResult::day).containsExactly(LocalDate.parse("2026-03-01"),
                LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-03"));
        assertThat(t.get(0).attainment()).isEqualTo(1.0);
        assertThat(t.get(0).budgetRemaining()).isEqualTo(1.0);
        assertThat(t.get(0).policyState()).isEqualTo("healthy");
        // day 2: 141 000 / 144 000 = 0.9791666…; remaining 1 − 3000 / (0.001 × 144 000) = 1 − 20.8333… = −19.8333…
        assertThat(t.get(1).attainment()).isCloseTo(0.97916666666, within(EPS));
        assertThat(t.get(1).budgetRemaining()).isCloseTo(-19.83333333333, within(1e-6));
        assertThat(t.get(1).policyState()).isEqualTo("freeze");
        assertThat(t.get(1).met()).isFalse();
        // day burn = (3000 / 144 000) / 0.001 = 20.8333…; the 1d window is the day itself
        assertThat(t.get(1).dayBurnRate()).isCloseTo(20.8333333333, within(1e-6));
        assertThat(t.get(1).windowBurnRate()).isCloseTo(20.8333333333, within(1e-6));
        assertThat(t.get(2).attainment()).isEqualTo(1.0);
        assertThat(t.get(2).budgetRemaining()).isEqualTo(1.0);

        // 97.5%: allowed 0.025 × 144 000 = 3600 bad; 1 − 3000/3600 = 0.1667 → pause (< 0.25)
        assertThat(daily(r, pause).get(1).budgetRemaining()).isCloseTo(1.0 / 6, within(EPS));
        assertThat(daily(r, pause).get(1).policyState()).isEqualTo("pause");
        // 97%: allowed 4320; 1 − 3000/4320 = 0.30556 → alert (< 0.5, ≥ 0.25)
        assertThat(daily(r, alert).get(1).budgetRemaining()).isCloseTo(1 - 3000.0 / 4320, within(EPS));
        assertThat(daily(r, alert).get(1).policyState()).isEqualTo("alert");

        // calendar month, period to date from 2026-03-01 (evaluated every day: the month starts on the first day)
        List<DailyResult> m = daily(r, month);
        assertThat(m).hasSize(3);
        assertThat(m.get(0).attainment()).isEqualTo(1.0);
        // day 2: 2 days = 288 000 valid, 3000 bad: 285 000 / 288 000 = 0.98958333; 1 − 3000/288 = −9.41667
        assertThat(m.get(1).attainment()).isCloseTo(0.98958333333, within(EPS));
        assertThat(m.get(1).budgetRemaining()).isCloseTo(-9.41666666667, within(1e-6));
        // day 3: 3 days = 432 000 valid: 429 000 / 432 000 = 0.99305556; 1 − 3000/432 = −5.94444
        assertThat(m.get(2).attainment()).isCloseTo(0.99305555556, within(EPS));
        assertThat(m.get(2).budgetRemaining()).isCloseTo(-5.94444444444, within(1e-6));
        assertThat(m.get(2).dayBurnRate()).isEqualTo(0.0);
        assertThat(m.get(2).windowBurnRate()).isCloseTo(3000.0 / 432_000 / 0.001, within(1e-6));
        assertThat(m).extracting(DailyResult::policyState).containsExactly("healthy", "freeze", "freeze");

        CandidateSummary s = r.summaries().get(0);
        assertThat(s.sloId()).isEqualTo("checkout-availability-99.9-1d-occurrences");
        assertThat(s.daysEvaluated()).isEqualTo(3);
        assertThat(s.daysMet()).isEqualTo(2);
        assertThat(s.worstAttainment()).isCloseTo(0.97916666666, within(EPS));
        assertThat(List.of(s.daysHealthy(), s.daysAlert(), s.daysPause(), s.daysFreeze())).containsExactly(2, 0, 0, 1);
        assertThat(s.budgetAtMonthEnd()).containsExactly(Map.entry("2026-03", 1.0));
        assertThat(r.summaries().get(3).budgetAtMonthEnd().get("2026-03")).isCloseTo(-5.94444444444, within(1e-6));
    }

    /**
     * SRE Workbook tiers on a calendar month (30 days): rates 14.4, 6 and 1. The outage's k-th minute is
     * 12:00 + k − 1; a firing is stamped with the start of the minute whose end first makes the condition true.
     */
    @Test
    void sreWorkbookFiringsOnACalendarMonth() {
        Candidate month = availability("checkout", 0.999, MONTH, Budgeting.OCCURRENCES);
        BacktestResult r = Backtester.run(data(), List.of(month), config(AlertTier.sreWorkbook(), List.of()));
        List<AlertFiring> a = alerts(r, month);
        assertThat(a).extracting(AlertFiring::tier).containsExactly("page-1h", "page-6h", "ticket-3d");

        // page-1h (14.4): after k outage minutes the 1h ratio is 100k/6000 = k/60, burn k/60/0.001 = 16.7 at k = 1
        // > 14.4; the 5m ratio is 100/500 = 0.2 (burn 200) → fires at the first outage minute, 12:00.
        // Resolves when the 5m window holds no bad minute: 12:30..12:34 → at 12:34 (at 12:33 it still holds 12:29).
        AlertFiring p1 = a.get(0);
        assertThat(p1.severity()).isEqualTo("page");
        assertThat(p1.firedAtMillis()).isEqualTo(millis("2026-03-02T12:00"));
        assertThat(p1.resolvedAtMillis()).isEqualTo(millis("2026-03-02T12:34"));
        assertThat(p1.longBurnRate()).isCloseTo(1.0 / 60 / 0.001, within(1e-6));
        assertThat(p1.shortBurnRate()).isCloseTo(0.2 / 0.001, within(1e-6));
        assertThat(p1.thresholdRate()).isCloseTo(14.4, within(EPS));

        // page-6h (6): 6h ratio k/360 > 0.006 ⇔ k > 2.16 → k = 3 → 12:02 (k = 2: 5.56 < 6); 30m ratio 3/30 → 100.
        // Resolves when the 30m window (m−29..m) leaves 12:29: m = 12:59.
        AlertFiring p6 = a.get(1);
        assertThat(p6.firedAtMillis()).isEqualTo(millis("2026-03-02T12:02"));
        assertThat(p6.resolvedAtMillis()).isEqualTo(millis("2026-03-02T12:59"));
        assertThat(p6.longBurnRate()).isCloseTo(3.0 / 360 / 0.001, within(1e-6));
        assertThat(p6.thresholdRate()).isCloseTo(6.0, within(EPS));

        // ticket-3d (1): only 2160 + k minutes of history lie before the end of outage minute k (range start
        // = empty before): ratio k/(2160 + k) > 0.001 ⇔ k ≥ 3 (2/2162 = 0.000925, 3/2163 = 0.001387) → 12:02.
        // The 6h window (m−359..m) holds a bad minute until m = 12:29 + 359 min = 18:28 → resolves 18:29.
        AlertFiring t = a.get(2);
        assertThat(t.severity()).isEqualTo("ticket");
        assertThat(t.firedAtMillis()).isEqualTo(millis("2026-03-02T12:02"));
        assertThat(t.resolvedAtMillis()).isEqualTo(millis("2026-03-02T18:29"));
        assertThat(t.longBurnRate()).isCloseTo(3.0 / 2163 / 0.001, within(1e-6));
        assertThat(t.shortBurnRate()).isCloseTo(3.0 / 360 / 0.001, within(1e-6));

        List<DailyResult> d = daily(r, month);
        assertThat(d).extracting(DailyResult::pages).containsExactly(0, 2, 0);
        assertThat(d).extracting(DailyResult::tickets).containsExactly(0, 1, 0);
        assertThat(r.summaries().get(0).pages()).isEqualTo(2);
        assertThat(r.summaries().get(0).tickets()).isEqualTo(1);
    }

    /**
     * The same tiers on a 1-day window keep their 30-day burn factors and scale their windows by 1/30
     * ({@link AlertTier#forPeriod}): page-1h 60 × 1/30 = 2m long, 5/30 → 1m short (at least a minute), at
     * 14.4; page-6h 360/30 = 12m / 30/30 = 1m at 6; ticket-3d 4320/30 = 144m / 360/30 = 12m at 1. The
     * old rule (rate × period share: 0.48, 0.2, 0.033) paged below burn rate 1.
     */
    @Test
    void sreWorkbookWindowsScaleWithTheWindow() {
        Candidate day = availability("checkout", 0.999, D1, Budgeting.OCCURRENCES);
        Map<String, String> windows = new java.util.LinkedHashMap<>();
        List<AlertFiring> a = new java.util.ArrayList<>();
        Backtester.run(data(), List.of(day), config(AlertTier.sreWorkbook(), List.of()), new BacktestSink() {
            @Override
            public void alert(Candidate c, AlertTier tier, AlertFiring f) {
                windows.put(tier.name(), tier.longWindow().toMinutes() + "/" + tier.shortWindow().toMinutes());
                a.add(f);
            }
        });
        assertThat(windows).containsExactly(Map.entry("page-1h", "2/1"), Map.entry("page-6h", "12/1"),
                Map.entry("ticket-3d", "144/12"));
        // 12:00, the first outage minute: page-1h's 2m window 11:59..12:00 holds 100 bad of 200 (ratio 0.5,
        // burn 500 > 14.4) and its 1m window 100 of 100 (burn 1000); page-6h's 12m window 100 of 1200
        // (burn 83.3 > 6); the ticket's 144m window 100 of 14 400 (burn 6.9 > 1), 12m window 83.3 > 1
        assertThat(a).extracting(AlertFiring::firedAtMillis).containsOnly(millis("2026-03-02T12:00"));
        assertThat(a.get(0).thresholdRate()).isEqualTo(14.4);
        assertThat(a.get(0).longBurnRate()).isCloseTo(500, within(1e-6));
        assertThat(a.get(1).thresholdRate()).isEqualTo(6.0);
        assertThat(a.get(1).longBurnRate()).isCloseTo(100.0 / 1200 / 0.001, within(1e-6));
        assertThat(a.get(2).thresholdRate()).isEqualTo(1.0);
        // the 1m short windows are clean at 12:30 (the first minute after the outage); the ticket's 12m
        // window (m − 11..m) holds 12:29 up to m = 12:40 → resolves at 12:41
        assertThat(a).extracting(AlertFiring::resolvedAtMillis).containsExactly(millis("2026-03-02T12:30"),
                millis("2026-03-02T12:30"), millis("2026-03-02T12:41"));
    }

    /**
     * Explicit tier 2h/10m at a fixed 120x, target 0.999: ratio threshold 0.12. 2h ratio k/120 > 0.12 ⇔ k > 14.4
     * → k = 15 → 12:14 (k = 14: 0.1167). The 10m window needs ≥ 2 bad minutes (1/10 = 0.1 ≤ 0.12): it holds
     * 12:28 and 12:29 up to m = 12:37 → resolves at 12:38. A fixed rate is shared by every window.
     */
    @Test
    void explicitTierFiresWhenBothWindowsExceedTheRate() {
        AlertTier slow = new AlertTier("slow", "page", Duration.ofHours(2), Duration.ofMinutes(10), 120, 0);
        Candidate day = availability("checkout", 0.999, D1, Budgeting.OCCURRENCES);
        Candidate month = availability("checkout", 0.999, MONTH, Budgeting.TIMESLICES);
        BacktestResult r = Backtester.run(data(), List.of(day, month), config(List.of(slow), List.of()));
        for (Candidate c : List.of(day, month)) {
            List<AlertFiring> a = alerts(r, c);
            assertThat(a).hasSize(1);
            assertThat(a.get(0).firedAtMillis()).isEqualTo(millis("2026-03-02T12:14"));
            assertThat(a.get(0).resolvedAtMillis()).isEqualTo(millis("2026-03-02T12:38"));
            assertThat(a.get(0).longBurnRate()).isCloseTo(15.0 / 120 / 0.001, within(1e-6));
            assertThat(a.get(0).shortBurnRate()).isCloseTo(1.0 / 0.001, within(1e-6));
            assertThat(a.get(0).thresholdRate()).isEqualTo(120.0);
        }
    }

    /**
     * An outage in the very first minutes: the condition is false before the range, so the tier fires at
     * minute 0 (epoch ms of the range start); an outage lasting past the range end leaves resolvedAt null.
     */
    @Test
    void firingAtTheRangeStartAndUnresolvedAtTheRangeEnd() {
        AlertTier fast = new AlertTier("fast", "page", Duration.ofHours(1), Duration.ofMinutes(5), 14.4, 0);
        JourneyMinutes data = Minutes.constant("checkout", "2026-03-01", 1, 100)
                .outage("2026-03-01T00:00", 2).outage("2026-03-01T23:58", 2).build();
        Candidate c = availability("checkout", 0.999, D1, Budgeting.OCCURRENCES);
        List<AlertFiring> a = Backtester.run(data, List.of(c), config(List.of(fast), List.of())).alerts();
        assertThat(a).hasSize(2);
        // minute 0: 100/100 bad → burn 1000 in both windows
        assertThat(a.get(0).firedAtMillis()).isEqualTo(millis("2026-03-01T00:00"));
        // 5m window of minute 6 = minutes 2..6, clean; minute 5 still holds minute 1 (100/600 → 167)
        assertThat(a.get(0).resolvedAtMillis()).isEqualTo(millis("2026-03-01T00:06"));
        // 23:58: 1h ratio 100/6000 → 16.7 > 14.4 → fires; still true at 23:59, the last minute
        assertThat(a.get(1).firedAtMillis()).isEqualTo(millis("2026-03-01T23:58"));
        assertThat(a.get(1).resolvedAtMillis()).isNull();
    }
}
