package dev.sliflow.backtest;

import static dev.sliflow.backtest.Minutes.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.SloWindow;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 27 item 7: minutes ingested before a latency threshold was in the journey catalog carry no
 * count for it. Unknown is not bad: the backtest refuses, naming the journey, the threshold and the
 * dates lacking it, instead of counting those requests as slow (attainment 0, freeze, alerts).
 *
 * <p>2026-03-01..04, 10 requests a minute, all good and fast; 03-01 and 03-02 ingested with the 100 ms
 * threshold only, 03-03 and 03-04 with 100 and 300 ms; 03-04 also has a row without latency and
 * without thresholds (not lacking anything).
 */
class MissingThresholdTest {
    static final LocalDate FROM = LocalDate.parse("2026-03-01");
    static final LocalDate TO = LocalDate.parse("2026-03-04");

    static JourneyMinutes.Builder rows() {
        JourneyMinutes.Builder b = JourneyMinutes.builder("checkout", FROM, TO);
        long start = Minutes.millis("2026-03-01T00:00");
        for (int m = 0; m < 4 * 1440; m++) {
            long minute = start + m * 60_000L;
            b.add(minute, 10, 10, 10, m < 2 * 1440 ? Map.of(100, 10L) : Map.of(100, 10L, 300, 10L));
        }
        b.add(Minutes.millis("2026-03-04T12:00"), 3, 3, 0, Map.of());
        return b;
    }

    static Candidate latency(int thresholdMs) {
        return Minutes.latency("checkout", thresholdMs, 0.99, SloWindow.rolling(1));
    }

    @Test
    void aThresholdMissingFromOlderDatesIsRefusedWithTheDatesToReingest() {
        JourneyMinutes data = rows().build();
        assertThatThrownBy(() -> Backtester.run(data, List.of(latency(300)), config(List.of(), List.of())))
                .isInstanceOf(MissingThresholdException.class)
                .hasMessage("journey checkout has no count for its latency threshold 300 ms on 2026-03-01..2026-03-02"
                        + " (minutes ingested before the threshold was in the journey catalog): re-ingest those dates"
                        + " with the current catalog, or backtest only later days (--from a day whose windows start"
                        + " after 2026-03-02)");
        // nothing was emitted before the refusal
        List<DailyResult> rows = new java.util.ArrayList<>();
        assertThatThrownBy(() -> Backtester.run(data, List.of(latency(100), latency(300)), config(List.of(), List.of()),
                new BacktestSink() {
                    @Override
                    public void daily(Candidate c, DailyResult d) {
                        rows.add(d);
                    }
                })).isInstanceOf(MissingThresholdException.class);
        assertThat(rows).isEmpty();
    }

    @Test
    void aThresholdPresentEverywhereIsEvaluated() {
        BacktestResult r = Backtester.run(rows().build(), List.of(latency(100)), config(List.of(), List.of()));
        assertThat(r.daily()).hasSize(4).allSatisfy(d -> assertThat(d.attainment()).isEqualTo(1.0));
    }

    /** One region's row of a minute lacks the threshold while another's has it: still lacking. */
    @Test
    void oneRegionLackingTheThresholdIsEnough() {
        JourneyMinutes.Builder b = JourneyMinutes.builder("checkout", FROM, FROM);
        long t = Minutes.millis("2026-03-01T10:00");
        b.add(t, 5, 5, 5, Map.of(100, 5L, 300, 5L));
        b.add(t, 5, 5, 5, Map.of(100, 5L));
        assertThatThrownBy(() -> Backtester.run(b.build(), List.of(latency(300)), config(List.of(), List.of())))
                .isInstanceOf(MissingThresholdException.class).hasMessageContaining("300 ms on 2026-03-01 (");
    }

    /** The day chunks of the Flink job say which thresholds every latency row of the day carried. */
    @Test
    void dayChunksCarryTheThresholdsOfEveryRow() {
        JourneyMinutes.Builder b = JourneyMinutes.builder("checkout", FROM, TO);
        long[] ones = new long[1440];
        java.util.Arrays.fill(ones, 1);
        for (int d = 0; d < 4; d++) {
            long dayStart = Minutes.millis("2026-03-01T00:00") + d * 86_400_000L;
            int[] everyRow = d == 2 ? new int[] {100} : new int[] {100, 300};
            b.addMinutes(dayStart, ones, ones, ones, new int[] {100, 300}, new long[][] {ones, ones}, everyRow);
        }
        assertThatThrownBy(() -> Backtester.run(b.build(), List.of(latency(300)), config(List.of(), List.of())))
                .isInstanceOf(MissingThresholdException.class).hasMessageContaining("300 ms on 2026-03-03 (");
    }

    /** LiveAlerts refuses the same input. */
    @Test
    void liveAlertsRefuseItToo() {
        LiveAlerts live = new LiveAlerts("checkout", List.of(latency(300)), config(Minutes.fixedTiers(), List.of()));
        assertThatThrownBy(() -> live.onMinute(Minutes.millis("2026-03-01T00:00"), 10, 10, 10, Map.of(100, 10L)))
                .isInstanceOf(MissingThresholdException.class).hasMessageContaining("300 ms");
    }
}
