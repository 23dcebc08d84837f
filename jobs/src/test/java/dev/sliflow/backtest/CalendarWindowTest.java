package dev.sliflow.backtest;

import static dev.sliflow.backtest.Minutes.availability;
import static dev.sliflow.backtest.Minutes.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sliflow.slo.Budgeting;
import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.Recommend;
import dev.sliflow.slo.Sla;
import dev.sliflow.slo.SloWindow;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scenario 5: 2026-01-30 (Friday) .. 2026-02-02 (Monday), 100 requests a minute, a 30-minute outage on
 * 2026-01-31 (3000 bad). Target 99.9%, occurrences.
 */
class CalendarWindowTest {
    static final SloWindow MONTH = SloWindow.calendar(SloWindow.Kind.CALENDAR_MONTH);
    static final SloWindow WEEK = SloWindow.calendar(SloWindow.Kind.CALENDAR_WEEK);
    static final SloWindow QUARTER = SloWindow.calendar(SloWindow.Kind.CALENDAR_QUARTER);

    static Candidate c(SloWindow w) {
        return availability("pay", 0.999, w, Budgeting.OCCURRENCES);
    }

    static List<DailyResult> daily(BacktestResult r, Candidate c) {
        return r.daily().stream().filter(d -> d.sloId().equals(c.sloId())).toList();
    }

    @Test
    void calendarWindowsResetAndDaysNeedAWholeWindowOfHistory() {
        JourneyMinutes data = Minutes.constant("pay", "2026-01-30", 4, 100).outage("2026-01-31T12:00", 30).build();
        Candidate month = c(MONTH);
        Candidate twoDays = c(SloWindow.rolling(2));
        Candidate week = c(WEEK);
        Candidate sevenDays = c(SloWindow.rolling(7));
        Candidate quarter = c(QUARTER);
        BacktestResult r = Backtester.run(data, List.of(month, twoDays, week, sevenDays, quarter),
                config(List.of(), Recommend.defaults(), List.of(new Sla("pay", 0.99, List.of()))));

        // calendar month: January started before the data (2026-01-01 < 2026-01-30) → not evaluated;
        // February 1 and 2 are, and the window resets: the January outage is not in it.
        List<DailyResult> m = daily(r, month);
        assertThat(m).extracting(DailyResult::day).containsExactly(LocalDate.parse("2026-02-01"),
                LocalDate.parse("2026-02-02"));
        assertThat(m).allSatisfy(d -> {
            assertThat(d.attainment()).isEqualTo(1.0);
            assertThat(d.budgetRemaining()).isEqualTo(1.0);
        });

        // rolling 2 days: first evaluated on 01-31 (01-31 − 2 + 1 = 01-30 ≥ first day).
        // 01-31 and 02-01 both hold the outage: 285 000 / 288 000, 1 − 3000 / 288 = −9.41667. 02-02: clean.
        List<DailyResult> t = daily(r, twoDays);
        assertThat(t).extracting(DailyResult::day).containsExactly(LocalDate.parse("2026-01-31"),
                LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-02"));
        assertThat(t.get(0).attainment()).isCloseTo(285_000.0 / 288_000, within(1e-12));
        assertThat(t.get(1).attainment()).isCloseTo(285_000.0 / 288_000, within(1e-12));
        assertThat(t.get(1).budgetRemaining()).isCloseTo(1 - 3000 / 288.0, within(1e-9));
        // day burn of 02-01 alone is 0; the window's is 3000 / 288 000 / 0.001 = 10.4167
        assertThat(t.get(1).dayBurnRate()).isEqualTo(0.0);
        assertThat(t.get(1).windowBurnRate()).isCloseTo(3000 / 288.0, within(1e-9));
        assertThat(t.get(2).attainment()).isEqualTo(1.0);

        // ISO week: 2026-02-02 is a Monday, its week starts on it → evaluated; 02-01 (Sunday) belongs to the
        // week of 01-26, before the data → not.
        assertThat(daily(r, week)).extracting(DailyResult::day).containsExactly(LocalDate.parse("2026-02-02"));
        // 7 days or a quarter never fit in 4 days
        assertThat(daily(r, sevenDays)).isEmpty();
        assertThat(daily(r, quarter)).isEmpty();

        CandidateSummary none = r.summaries().get(3);
        assertThat(none.daysEvaluated()).isZero();
        assertThat(none.worstAttainment()).isNaN();
        assertThat(none.metShare()).isNaN();
        assertThat(none.budgetAtMonthEnd()).isEmpty();
        assertThat(r.summaries().get(0).budgetAtMonthEnd()).containsExactly(Map.entry("2026-02", 1.0));
        // month ends: the last evaluated day of each month — 01-31 (−9.41667) and 02-02 (1.0)
        Map<String, Double> ends = r.summaries().get(1).budgetAtMonthEnd();
        assertThat(ends.keySet()).containsExactly("2026-01", "2026-02");
        assertThat(ends.get("2026-01")).isCloseTo(1 - 3000 / 288.0, within(1e-9));
        assertThat(ends.get("2026-02")).isEqualTo(1.0);

        // no calendar month lies wholly inside 01-30..02-02 → no SLA month
        assertThat(r.slaMonths()).isEmpty();
    }

    @Test
    void quarterAndWeekWindowsArePeriodToDate() {
        // 2026-04-01 (Wednesday) .. 2026-04-07 (Tuesday); 1 failed request of 100 every minute on 04-06 (Monday)
        Minutes d = Minutes.constant("pay", "2026-04-01", 7, 100);
        int from = d.index("2026-04-06T00:00");
        for (int m = from; m < from + 1440; m++) {
            d.set(m, 100, 99);
        }
        Candidate quarter = c(QUARTER);
        Candidate week = c(WEEK);
        BacktestResult r = Backtester.run(d.build(), List.of(quarter, week), config(List.of(), List.of()));
        // quarter: every day evaluated (Q2 starts 04-01); on 04-07: 7 days = 1 008 000 valid, 1440 bad
        List<DailyResult> q = daily(r, quarter);
        assertThat(q).hasSize(7);
        assertThat(q.get(6).attainment()).isCloseTo(1 - 1440 / 1_008_000.0, within(1e-12));
        // week: only 04-06 and 04-07 (week of Monday 04-06); 04-07: 2 days = 288 000 valid, 1440 bad
        List<DailyResult> w = daily(r, week);
        assertThat(w).extracting(DailyResult::day).containsExactly(LocalDate.parse("2026-04-06"),
                LocalDate.parse("2026-04-07"));
        assertThat(w.get(0).attainment()).isCloseTo(0.99, within(1e-12));
        assertThat(w.get(1).attainment()).isCloseTo(1 - 1440 / 288_000.0, within(1e-12));
        // remaining 1 − 1440 / (0.001 × 288 000) = 1 − 5 = −4
        assertThat(w.get(1).budgetRemaining()).isCloseTo(-4.0, within(1e-9));
    }
}
