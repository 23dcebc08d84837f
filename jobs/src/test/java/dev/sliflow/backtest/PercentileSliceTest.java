package dev.sliflow.backtest;

import static dev.sliflow.backtest.Minutes.config;
import static dev.sliflow.backtest.Minutes.millis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.sliflow.sli.LatencySketch;
import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.Maintenance;
import dev.sliflow.slo.SlicePercentile;
import dev.sliflow.slo.SloWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "p95 over 30-minute slices ≤ 300 ms for 99% of the slices, rolling 1 day", on one day (2026-03-02)
 * whose first 2.5 hours carry 10 requests a minute; every request takes 100 ms (fast) or 1000 ms (slow),
 * far from 300 ms, so the sketch's 0.5% never matters. A 30-minute slice holds 300 latencies: its p95
 * is the value at rank 0.95 × (300 − 1) = 284.05, i.e. the first value whose running count exceeds
 * 284.05, the 285th smallest (1-based: counts 1..285). So the slice is good when at least 285 of its
 * 300 latencies are fast: at most 15 slow ones.
 * <ul>
 *   <li>slice 0, 00:00–00:29: all fast → good;
 *   <li>slice 1, 00:30–00:59: 15 slow (10 in 00:30, 5 in 00:31) → 285 fast → good (the boundary);
 *   <li>slice 2, 01:00–01:29: 16 slow (10 in 01:00, 6 in 01:01) → 284 fast → bad;
 *   <li>slice 3, 01:30–01:49: 1 slow in each of 01:30..01:49 (20 slow) → bad, though every minute's own
 *       p95 is fast (rank 0.95 × 9 = 8.55: the 9th smallest of 10, fast): a mean of the minute p95s
 *       would be 100 ms and call the slice good — slices merge the sketches instead;
 *   <li>slice 4, 02:00–02:29: all slow, but under a declared maintenance window → no latency left, not
 *       counted;
 *   <li>slices 5..47: no request → not counted.
 * </ul>
 * 4 slices count, 2 good: attainment 2 / 4 = 0.5; allowed bad slices (1 − 0.99) × 4 = 0.04, so the
 * remaining budget is 1 − 2 / 0.04 = −49 (freeze); not met.
 */
class PercentileSliceTest {
    static final SlicePercentile P95_30M = new SlicePercentile(95, 30);
    static final Candidate P95 = Candidate.percentile("checkout", P95_30M, 300, 0.99, SloWindow.rolling(1));
    static final double FAST = 100;
    static final double SLOW = 1000;
    /** 02:00–02:30 UTC. */
    static final Maintenance MAINTENANCE = Maintenance.fixed(Instant.parse("2026-03-02T02:00:00Z"),
            Instant.parse("2026-03-02T02:30:00Z"));

    /** The latencies of each minute of the day (empty lists: no traffic). */
    static List<List<Double>> latencies() {
        List<List<Double>> minutes = new ArrayList<>();
        for (int m = 0; m < 1440; m++) {
            int slow = 0;
            if (m == 30 || m == 60) {
                slow = 10;
            } else if (m == 31) {
                slow = 5;
            } else if (m == 61) {
                slow = 6;
            } else if (m >= 90 && m < 110) {
                slow = 1;
            } else if (m >= 120 && m < 150) {
                slow = 10;
            }
            List<Double> l = new ArrayList<>();
            if (m < 150) {
                for (int i = 0; i < 10; i++) {
                    l.add(i < slow ? SLOW : FAST);
                }
            }
            minutes.add(l);
        }
        return minutes;
    }

    static DDSketch sketch(List<Double> latencies) {
        DDSketch s = LatencySketch.create();
        latencies.forEach(s::accept);
        return s;
    }

    /** The day's minutes with their sketch counts at 300 ms, reduced as the backtest job reduces them. */
    static JourneyMinutes data() {
        List<List<Double>> lat = latencies();
        Minutes d = Minutes.constant("checkout", "2026-03-02", 1, 0, 300);
        long[] count = new long[1440];
        long[][] atMost = new long[1][1440];
        for (int m = 0; m < 1440; m++) {
            List<Double> l = lat.get(m);
            long fast = l.stream().filter(x -> x <= 300).count();
            d.set(m, l.size(), l.size());
            d.goodLatency[0][m] = fast;
            if (!l.isEmpty()) {
                DDSketch s = sketch(l);
                count[m] = Math.round(s.getCount());
                atMost[0][m] = LatencySketch.countsAtMost(s, new int[] {300})[0];
            }
        }
        return d.build().withSketches(new SketchCounts(new int[] {300}, count, atMost));
    }

    @Test
    void theSliceIdSaysPercentileThresholdSliceTargetWindowAndBudgeting() {
        assertThat(P95.sloId()).isEqualTo("checkout-p95-300ms-30m-99-1d-timeslices");
        assertThat(P95.sliColumn()).isEqualTo("p95-30m");
        assertThat(P95.timesliceTarget()).isEqualTo(0.95);
    }

    @Test
    void slicesAreJudgedOnTheMergedSketchesNotOnMinutePercentiles() {
        List<List<Double>> lat = latencies();
        boolean[] expectedGood = {true, true, false, false};
        for (int slice = 0; slice < 4; slice++) {
            DDSketch merged = LatencySketch.create();
            double minuteP95Sum = 0;
            for (int m = slice * 30; m < slice * 30 + 30; m++) {
                DDSketch minute = sketch(lat.get(m));
                merged.mergeWith(minute);
                minuteP95Sum += LatencySketch.quantile(minute, 0.95);
            }
            double p95 = LatencySketch.quantile(merged, 0.95);
            assertThat(p95 <= 300).as("slice %d by the merged sketch", slice).isEqualTo(expectedGood[slice]);
            // the counts the backtest keeps decide exactly as the merged sketch
            long count = Math.round(merged.getCount());
            long atMost = LatencySketch.countsAtMost(merged, new int[] {300})[0];
            assertThat(SketchCounts.within(count, atMost, 0.95)).as("slice %d by counts", slice).isEqualTo(expectedGood[slice]);
            if (slice == 3) {
                // the mean of the minute p95s is ~100 ms: it would call slice 3 good
                assertThat(minuteP95Sum / 30).isLessThan(300);
            }
        }
    }

    @Test
    void attainmentBudgetAndAlertsAreOnSlices() {
        BacktestResult r = Backtester.run(data(), List.of(P95), config(Minutes.fixedTiers(), List.of(MAINTENANCE)));

        assertThat(r.daily()).hasSize(1);
        DailyResult day = r.daily().get(0);
        assertThat(day.sloId()).isEqualTo("checkout-p95-300ms-30m-99-1d-timeslices");
        assertThat(day.attainment()).isEqualTo(0.5); // 2 good of 4 counted slices
        assertThat(day.budgetRemaining()).isCloseTo(-49.0, within(1e-9)); // 1 − 2 / (0.01 × 4)
        assertThat(day.policyState()).isEqualTo("freeze");
        assertThat(day.met()).isFalse();
        // burn rate = bad slices / slices / (1 − target) = (2 / 4) / 0.01 = 50, for the day and the window
        assertThat(day.dayBurnRate()).isCloseTo(50.0, within(1e-9));
        assertThat(day.windowBurnRate()).isCloseTo(50.0, within(1e-9));

        // A slice is one event at its last minute: slice 0 at 00:29 (good), 1 at 00:59 (good), 2 at 01:29
        // (bad), 3 at 01:59 (bad); slice 4 (maintenance) is none. Fixed tiers, error-ratio thresholds
        // rate × (1 − 0.99):
        // page-1h (1h/5m, 14.4 → 0.144): at 01:29 the hour 00:30–01:29 holds slices 1 (good) and 2 (bad):
        //   0.5; the 5 minutes 01:25–01:29 hold slice 2: 1.0 → fires at 01:29 (at 01:28 the 5 minutes
        //   hold no slice: ratio 0). The 5-minute window loses slice 2 at 01:34 → resolves 01:34. At 01:59
        //   the hour holds slices 2 and 3 (both bad) and the 5 minutes slice 3 → fires 01:59, resolves
        //   02:04: one page per bad slice, as long as the short window is shorter than a slice.
        // page-6h (6h/30m, 6 → 0.06): at 01:29 the 6 hours hold slices 0, 1, 2: 1/3; the 30 minutes
        //   01:00–01:29 slice 2: 1.0 → fires at 01:29 (at 01:28 the 30 minutes hold slice 1, good: 0).
        //   The 30 minutes hold slice 2 until 01:58 and slice 3 from 01:59 to 02:28 → resolves at 02:29.
        // ticket-3d (3d/6h, 1 → 0.01): fires at 01:29 likewise (at 01:28 the 6 hours hold slices 0 and 1,
        //   both good); the 6 hours hold a bad slice until 01:59 + 359 min = 07:58 → resolves at 07:59.
        List<AlertFiring> a = r.alerts();
        assertThat(a).extracting(AlertFiring::tier).containsExactly("page-1h", "page-1h", "page-6h", "ticket-3d");
        assertThat(a).extracting(AlertFiring::firedAtMillis).containsExactly(millis("2026-03-02T01:29"),
                millis("2026-03-02T01:59"), millis("2026-03-02T01:29"), millis("2026-03-02T01:29"));
        assertThat(a).extracting(AlertFiring::resolvedAtMillis).containsExactly(millis("2026-03-02T01:34"),
                millis("2026-03-02T02:04"), millis("2026-03-02T02:29"), millis("2026-03-02T07:59"));
        // page-1h at 01:29: long 1 bad / 2 slices = 0.5 → burn 50; short 1 / 1 → burn 100
        assertThat(a.get(0).longBurnRate()).isCloseTo(50.0, within(1e-9));
        assertThat(a.get(0).shortBurnRate()).isCloseTo(100.0, within(1e-9));
        assertThat(day.pages()).isEqualTo(3);
        assertThat(day.tickets()).isEqualTo(1);
        assertThat(r.summaries().get(0).pages()).isEqualTo(3);
    }

    @Test
    void withoutTheMaintenanceWindowTheSlowSliceCountsAndIsBad() {
        // slice 4 (02:00–02:29, all 1000 ms) now counts: 5 slices, 2 good: attainment 0.4
        BacktestResult r = Backtester.run(data(), List.of(P95), config(List.of(), List.of()));
        assertThat(r.daily().get(0).attainment()).isEqualTo(0.4);
        assertThat(r.daily().get(0).budgetRemaining()).isCloseTo(1 - 3 / 0.05, within(1e-9)); // 1 − 3 / (0.01 × 5)
    }

    @Test
    void theRecommendationBaselineIsGoodSlicesOverSlices() {
        // target 0.4 ≤ baseline 0.5 (2 of 4 slices good), 0.99 above it; no tiers: no page
        Candidate loose = Candidate.percentile("checkout", P95_30M, 300, 0.4, SloWindow.rolling(1));
        BacktestResult r = Backtester.run(data(), List.of(loose, P95), config(List.of(), List.of(MAINTENANCE)));
        assertThat(r.recommendations()).hasSize(1);
        Recommendation rec = r.recommendations().get(0);
        assertThat(rec.baseline()).isEqualTo(0.5);
        assertThat(rec.sloId()).isEqualTo("checkout-p95-300ms-30m-40-1d-timeslices");
        assertThat(rec.qualifies()).isTrue();
    }
}
