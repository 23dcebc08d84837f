package dev.sliflow.backtest;

import dev.sliflow.slo.AlertTier;
import dev.sliflow.slo.Budgeting;
import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.Maintenance;
import dev.sliflow.slo.Policy;
import dev.sliflow.slo.Recommend;
import dev.sliflow.slo.SliKind;
import dev.sliflow.slo.SloConfig;
import dev.sliflow.slo.SloWindow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Performance smoke check (not a unit test): {@code days} days × {@code journeys} journeys × 200 candidates
 * (availability and 3 latency thresholds × 5 targets × 5 windows × 2 budgeting methods) of synthetic minute
 * data with diurnal traffic, background errors and random incidents, searched with the 4 default alert
 * policies ({@link dev.sliflow.slo.AlertPolicy#defaults}); journeys run in parallel.
 *
 * <pre>java -cp target/classes:target/test-classes dev.sliflow.backtest.BacktestBench [days] [journeys] [policies]</pre>
 */
public final class BacktestBench {
    private static final int[] THRESHOLDS = {100, 250, 500};
    /** Mean share of good requests slower than each threshold outside incidents. */
    private static final double[] SLOW_SHARE = {0.005, 0.001, 0.0002};
    private static final double[] TARGETS = {0.99, 0.995, 0.999, 0.9995, 0.9999};

    public static void main(String[] args) {
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 180;
        int journeys = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        // a third argument N searches only the first N default policies (1: the SRE Workbook alone)
        int policies = args.length > 2 ? Integer.parseInt(args[2]) : dev.sliflow.slo.AlertPolicy.defaults().size();
        LocalDate first = LocalDate.parse("2025-10-01");
        // the default alert policies, as a configuration without alert_policies searches them
        SloConfig config = new SloConfig(List.of(), AlertTier.sreWorkbook(), Policy.defaults(),
                List.of(Maintenance.recurring(DayOfWeek.SUNDAY, LocalTime.of(2, 0), Duration.ofHours(1))),
                Recommend.defaults(), List.of(), dev.sliflow.slo.AlertPolicy.defaults().subList(0, policies), List.of(), "bench");

        long t0 = System.nanoTime();
        List<JourneyMinutes> data = IntStream.range(0, journeys).parallel()
                .mapToObj(j -> synthetic("journey-" + j, first, days, j)).toList();
        long t1 = System.nanoTime();
        // rows are counted as they stream out (BacktestSink), as the job writes them: nothing is held
        java.util.concurrent.atomic.LongAdder daily = new java.util.concurrent.atomic.LongAdder();
        java.util.concurrent.atomic.LongAdder alerts = new java.util.concurrent.atomic.LongAdder();
        java.util.concurrent.atomic.LongAdder quality = new java.util.concurrent.atomic.LongAdder();
        data.parallelStream().forEach(d -> Backtester.run(d, candidates(d.journey()), config, new BacktestSink() {
            @Override
            public void alert(Candidate c, AlertTier tier, AlertFiring a) {
                alerts.increment();
            }

            @Override
            public void daily(Candidate c, DailyResult r) {
                daily.increment();
            }

            @Override
            public void alertQuality(AlertQuality q) {
                quality.increment();
            }
        }));
        long t2 = System.nanoTime();

        System.out.printf("%d days × %d journeys × %d candidates × %d alert policies, %d cores: data %.1f s, backtest"
                + " %.2f s (%d daily rows, %d alert firings, %d alert_quality rows)%n", days, journeys,
                candidates("x").size(), config.policiesOrDefault().size(), Runtime.getRuntime().availableProcessors(),
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, daily.sum(), alerts.sum(), quality.sum());
    }

    static List<Candidate> candidates(String journey) {
        List<SloWindow> windows = List.of(SloWindow.rolling(28), SloWindow.rolling(30), SloWindow.rolling(7),
                SloWindow.calendar(SloWindow.Kind.CALENDAR_MONTH), SloWindow.calendar(SloWindow.Kind.CALENDAR_QUARTER));
        List<Candidate> out = new ArrayList<>();
        for (int s = 0; s <= THRESHOLDS.length; s++) {
            SliKind kind = s == 0 ? SliKind.AVAILABILITY : SliKind.LATENCY;
            int threshold = s == 0 ? 0 : THRESHOLDS[s - 1];
            for (SloWindow w : windows) {
                for (Budgeting b : List.of(Budgeting.OCCURRENCES, Budgeting.TIMESLICES)) {
                    for (double t : TARGETS) {
                        out.add(new Candidate(journey, kind, threshold, t, w, b, t));
                    }
                }
            }
        }
        return out;
    }

    static JourneyMinutes synthetic(String journey, LocalDate first, int days, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = days * JourneyMinutes.MINUTES_PER_DAY;
        long[] total = new long[n];
        long[] good = new long[n];
        long[][] goodLatency = new long[THRESHOLDS.length][n];
        int incidentLeft = 0;
        for (int m = 0; m < n; m++) {
            double hour = (m % JourneyMinutes.MINUTES_PER_DAY) / 60.0;
            long t = Math.round(200 + 150 * Math.sin((hour - 6) / 24 * 2 * Math.PI) + r.nextInt(20));
            if (incidentLeft == 0 && r.nextInt(20_000) == 0) {
                incidentLeft = 5 + r.nextInt(60);
            }
            double errorRate = incidentLeft > 0 ? 0.3 : 0.0005;
            incidentLeft = Math.max(0, incidentLeft - 1);
            long bad = Math.round(t * errorRate * r.nextDouble() * 2);
            total[m] = t;
            good[m] = Math.max(0, t - bad);
            for (int i = 0; i < THRESHOLDS.length; i++) {
                double slowShare = SLOW_SHARE[i] * (incidentLeft > 0 ? 20 : 1);
                goodLatency[i][m] = Math.max(0, good[m] - Math.round(good[m] * slowShare * r.nextDouble() * 2));
            }
        }
        return new JourneyMinutes(journey, first.toEpochDay() * 86_400_000L, n, total, good, total.clone(),
                THRESHOLDS.clone(), goodLatency);
    }
}
