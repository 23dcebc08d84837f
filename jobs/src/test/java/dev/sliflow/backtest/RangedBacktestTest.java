package dev.sliflow.backtest;

import static dev.sliflow.backtest.Minutes.availability;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.slo.AlertTier;
import dev.sliflow.slo.Budgeting;
import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.Policy;
import dev.sliflow.slo.Recommend;
import dev.sliflow.slo.SloConfig;
import dev.sliflow.slo.SloWindow;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 27 item 11: a backtest of the last days with the history before them as warm-up
 * ({@link Backtester#historyStart}) gives exactly the full run's rows for those days — every budgeting
 * method, rolling and calendar windows, alerts.
 */
class RangedBacktestTest {
    static final LocalDate FIRST = LocalDate.parse("2026-01-20");
    static final int DAYS = 45;

    static Minutes history() {
        Random r = new Random(11);
        Minutes d = Minutes.constant("api", FIRST.toString(), DAYS, 0, 300);
        for (int m = 0; m < d.total.length; m++) {
            long total = 50 + r.nextInt(100);
            long good = total - (r.nextInt(50) == 0 ? r.nextInt((int) total) : r.nextInt(2));
            d.set(m, total, good);
            d.goodLatency[0][m] = good - r.nextInt((int) Math.min(good, 3) + 1);
        }
        return d.outage("2026-02-25T10:00", 40).outage("2026-03-02T03:00", 15);
    }

    /** Days [from, last] of {@code d} as their own data. */
    static JourneyMinutes days(Minutes d, LocalDate from) {
        int at = (int) (from.toEpochDay() - FIRST.toEpochDay()) * 1440;
        int n = d.total.length;
        long[][] gl = Arrays.stream(d.goodLatency).map(g -> Arrays.copyOfRange(g, at, n)).toArray(long[][]::new);
        return new JourneyMinutes("api", from.toEpochDay() * 86_400_000L, n - at, Arrays.copyOfRange(d.total, at, n),
                Arrays.copyOfRange(d.good, at, n), Arrays.copyOfRange(d.withLatency, at, n), d.thresholds.clone(), gl);
    }

    @Test
    void theLastDaysWithTheirWarmUpEqualTheFullRun() {
        List<Candidate> candidates = List.of(
                availability("api", 0.99, SloWindow.rolling(7), Budgeting.OCCURRENCES),
                availability("api", 0.995, SloWindow.rolling(28), Budgeting.TIMESLICES),
                availability("api", 0.99, SloWindow.calendar(SloWindow.Kind.CALENDAR_MONTH), Budgeting.RATIO_TIMESLICES),
                availability("api", 0.999, SloWindow.rolling(1), Budgeting.OCCURRENCES),
                Minutes.latency("api", 300, 0.95, SloWindow.rolling(7)));
        SloConfig config = new SloConfig(candidates, AlertTier.sreWorkbook(), Policy.defaults(), List.of(),
                Recommend.defaults(), List.of(), "test");
        Minutes d = history();
        BacktestResult full = Backtester.run(days(d, FIRST), candidates, config);

        LocalDate from = LocalDate.parse("2026-02-27");
        LocalDate start = Backtester.historyStart(config, from);
        // the 28d window of 02-27 starts 01-31; the calendar month on 02-01; the 3-day ticket window 4 days before
        assertThat(start).isEqualTo(LocalDate.parse("2026-01-31"));
        BacktestResult ranged = Backtester.run(days(d, start), candidates, config);

        long fromMillis = from.toEpochDay() * 86_400_000L;
        List<DailyResult> expected = full.daily().stream().filter(x -> !x.day().isBefore(from)).toList();
        assertThat(expected).hasSize(candidates.size() * 7);
        assertThat(ranged.daily().stream().filter(x -> !x.day().isBefore(from)).toList()).isEqualTo(expected);
        List<AlertFiring> alerts = full.alerts().stream().filter(a -> a.firedAtMillis() >= fromMillis).toList();
        assertThat(alerts).isNotEmpty();
        assertThat(ranged.alerts().stream().filter(a -> a.firedAtMillis() >= fromMillis).toList()).isEqualTo(alerts);
    }
}
