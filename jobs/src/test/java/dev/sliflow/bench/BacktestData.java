package dev.sliflow.bench;

import dev.sliflow.ingest.SliMinuteRow;
import dev.sliflow.sli.LatencySketch;
import dev.sliflow.table.ParquetTables;
import com.datadoghq.sketch.ddsketch.DDSketch;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Input of the backtest benchmark: a synthetic {@code sli_minute} table of D days × J journeys
 * (every minute of every journey, written with sliflow's own Parquet writer) and a slos.yaml with
 * exactly 200 candidate SLOs per journey — availability and latency at 100, 250 and 500 ms, each
 * × 5 targets × 5 windows × 2 budgeting methods, as {@code dev.sliflow.backtest.BacktestBench}
 * counts them. Traffic follows {@code BacktestBench}'s model: diurnal load, background errors,
 * random incidents with errors and slow requests.
 */
public final class BacktestData {
    static final int[] THRESHOLDS = {100, 250, 500};
    static final double[] SLOW_SHARE = {0.005, 0.001, 0.0002};
    static final String[] TARGETS = {"0.99", "0.995", "0.999", "0.9995", "0.9999"};
    static final String WINDOWS = "[28d, 30d, 7d, calendar-month, calendar-quarter]";
    static final String BUDGETING = "[occurrences, timeslices]";
    /** Candidates per journey: (availability + 3 latency thresholds) × 5 targets × 5 windows × 2 budgeting. */
    public static final int CANDIDATES_PER_JOURNEY = (1 + THRESHOLDS.length) * TARGETS.length * 5 * 2;
    static final LocalDate FIRST = LocalDate.parse("2025-10-01");

    private BacktestData() {}

    /** The folder {@code DIR/backtest-<days>d-<journeys>j} with sli_minute and slos.yaml, written once. */
    public static Path ensure(Path dir, int days, int journeys, PrintStream log) throws IOException {
        Path out = dir.resolve("backtest-" + days + "d-" + journeys + "j");
        Path done = out.resolve(".sli_minute-complete");
        if (Files.exists(done)) {
            log.println("reusing synthetic sli_minute in " + out);
            return out;
        }
        log.printf("writing synthetic sli_minute: %d days x %d journeys x 1440 minutes into %s ...%n", days, journeys, out);
        long t0 = System.nanoTime();
        write(out, days, journeys);
        Files.writeString(out.resolve("slos.yaml"), slosYaml(journeys));
        Files.writeString(done, "");
        log.printf("  %,d rows in %.1f s%n", (long) days * journeys * 1440, (System.nanoTime() - t0) / 1e9);
        return out;
    }

    static String journey(int j) {
        return String.format(Locale.ROOT, "journey-%02d", j);
    }

    static String slosYaml(int journeys) {
        StringBuilder b = new StringBuilder("# ").append(CANDIDATES_PER_JOURNEY)
                .append(" candidate SLOs per journey (dev.sliflow.bench.BacktestData)\ncandidates:\n");
        String targets = "[" + String.join(", ", TARGETS) + "]";
        for (int j = 0; j < journeys; j++) {
            b.append("  - journey: ").append(journey(j)).append('\n');
            b.append("    availability: ").append(targets).append('\n');
            b.append("    latency:\n");
            for (int t : THRESHOLDS) {
                b.append("      - {threshold_ms: ").append(t).append(", targets: ").append(targets).append("}\n");
            }
        }
        b.append("windows: ").append(WINDOWS).append('\n');
        b.append("budgeting: ").append(BUDGETING).append('\n');
        b.append("alerting: sre-workbook\n");
        b.append("policy: {alert_below: 0.50, pause_below: 0.25, freeze_below: 0.0}\n");
        b.append("maintenance:\n  - {every: \"SUN 02:00\", duration: 1h}\n");
        b.append("recommend: {max_freeze_days_per_quarter: 7, max_pages_per_month: 2}\n");
        return b.toString();
    }

    private static void write(Path out, int days, int journeys) throws IOException {
        // a pool of real sketches (and their percentiles) so the files look like ingest output
        SplittableRandom sr = new SplittableRandom(99);
        int pool = 32;
        byte[][] sketches = new byte[pool][];
        double[][] pct = new double[pool][];
        for (int i = 0; i < pool; i++) {
            DDSketch s = LatencySketch.create();
            for (int k = 0; k < 200; k++) {
                s.accept(40 * Math.exp(0.5 * sr.nextGaussian()));
            }
            sketches[i] = LatencySketch.toBytes(s);
            pct[i] = s.getValuesAtQuantiles(new double[] {0.5, 0.9, 0.95, 0.99, 0.999});
        }
        SplittableRandom[] rnd = new SplittableRandom[journeys];
        int[] incidentLeft = new int[journeys];
        for (int j = 0; j < journeys; j++) {
            rnd[j] = new SplittableRandom(j);
        }
        Path table = out.resolve("sli_minute");
        for (int d = 0; d < days; d++) {
            LocalDate day = FIRST.plusDays(d);
            Path part = table.resolve("dt=" + day).resolve("part-0.parquet");
            Files.createDirectories(part.getParent());
            Files.deleteIfExists(part);
            List<SliMinuteRow> rows = new ArrayList<>(journeys * 1440);
            long dayStart = day.toEpochDay() * 86_400_000L;
            for (int j = 0; j < journeys; j++) {
                SplittableRandom r = rnd[j];
                for (int m = 0; m < 1440; m++) {
                    double hour = m / 60.0;
                    long t = Math.round(200 + 150 * Math.sin((hour - 6) / 24 * 2 * Math.PI) + r.nextInt(20));
                    if (incidentLeft[j] == 0 && r.nextInt(20_000) == 0) {
                        incidentLeft[j] = 5 + r.nextInt(60);
                    }
                    boolean incident = incidentLeft[j] > 0;
                    incidentLeft[j] = Math.max(0, incidentLeft[j] - 1);
                    long bad = Math.round(t * (incident ? 0.3 : 0.0005) * r.nextDouble() * 2);
                    SliMinuteRow row = new SliMinuteRow();
                    row.journey = journey(j);
                    row.region = "";
                    row.minute = dayStart + m * 60_000L;
                    row.total = t;
                    row.good = Math.max(0, t - bad);
                    row.serverErrors = t - row.good;
                    row.withLatency = t;
                    row.thresholdsMs = THRESHOLDS.clone();
                    row.goodLatency = new long[THRESHOLDS.length];
                    for (int i = 0; i < THRESHOLDS.length; i++) {
                        double slow = SLOW_SHARE[i] * (incident ? 20 : 1);
                        row.goodLatency[i] = Math.max(0, row.good - Math.round(row.good * slow * r.nextDouble() * 2));
                        if (i > 0) {
                            row.goodLatency[i] = Math.max(row.goodLatency[i], row.goodLatency[i - 1]);
                        }
                    }
                    int k = r.nextInt(pool);
                    row.p50 = pct[k][0];
                    row.p90 = pct[k][1];
                    row.p95 = pct[k][2];
                    row.p99 = pct[k][3];
                    row.p999 = pct[k][4];
                    row.sketch = sketches[k];
                    row.dt = day.toString();
                    rows.add(row);
                }
            }
            try (ParquetWriter<SliMinuteRow> w = ParquetTables.writer(SliMinuteRow.SCHEMA, new LocalOutputFile(part))) {
                for (SliMinuteRow row : rows) {
                    w.write(row);
                }
            }
        }
    }
}
