package dev.sliflow.backtest.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sliflow.cli.Main;
import dev.sliflow.gen.GeneratorConfig;
import dev.sliflow.gen.LogGenerator;
import dev.sliflow.parse.LogFormat;
import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.SloConfigLoader;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A percentile time-slice SLO through the real jobs: generated nginx logs in two regions → ingest →
 * backtest of "p95 of search over 30-minute slices ≤ T ms", rolling 1 day. The expected slo_daily and
 * slo_summary values are computed here from the raw log lines — every search request's own latency,
 * sorted per UTC-aligned 30-minute slice, the p95 being the value at DDSketch's rank (the first whose
 * running count exceeds 0.95 × (n − 1)) — sharing no code with ingest or the backtest. The sketch is
 * within 0.5% of that value, so T is chosen from the data such that no slice's exact p95 lies within 1%
 * of it: then the sketch cannot decide any slice otherwise, and the values must match exactly.
 */
class PercentileBacktestITCase {
    static final String JOURNEY = "search";
    static final LocalDate FIRST = LocalDate.parse("2026-03-02");
    static final int DAYS = 2;
    static final int SLICE_MINUTES = 30;
    static final double Q = 0.95;
    static final double HIGH_TARGET = 0.99;
    private static final Pattern NGINX = Pattern.compile("^\\S+ \\S+ \\S+ \\[([^\\]]+)\\] \"([A-Z]+) (\\S+) HTTP/[0-9.]+\""
            + " \\d{3} (?:\\d+|-) \"[^\"]*\" \"[^\"]*\"(?: (\\d+\\.\\d{3}))?(?: \\S+)?$");
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

    @TempDir
    static Path tmp;
    static Path out;
    /** Slice start (epoch minute) → the latencies (ms) of its search requests, from the raw lines. */
    static final Map<Long, List<Double>> SLICES = new TreeMap<>();

    @BeforeAll
    static void ingest() throws Exception {
        Path gen = tmp.resolve("gen"); // not "logs": the region pattern takes the folder after the first logs/
        LogGenerator.generate(GeneratorConfig.builder().outputDir(gen).days(DAYS).perDay(40_000).seed(29).regions(2)
                .format(LogFormat.NGINX).start(FIRST).build());
        Path journeys = gen.resolve("journeys.yaml");
        Files.writeString(journeys, Files.readString(journeys) + "\nregion: {from: file, pattern: \"logs/{region}/**\"}\n");
        out = tmp.resolve("out");
        assertThat(Main.execute("ingest", "--logs", gen.resolve("logs").toString(), "--journeys", journeys.toString(),
                "--out", out.toString(), "--quiet")).isZero();
        assertThat(query("SELECT count(DISTINCT region) FROM read_parquet('" + out.resolve("sli_minute")
                + "/*/*.parquet', hive_partitioning = true) WHERE journey = '" + JOURNEY + "'").get(0)[0])
                .as("regions whose minute sketches a slice merges").isEqualTo(2L);
        List<Path> files;
        try (Stream<Path> st = Files.walk(gen.resolve("logs"))) {
            files = st.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(2 * DAYS); // two regions, a file per day each
        for (Path f : files) {
            try (InputStream in = f.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(f))
                    : Files.newInputStream(f);
                    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    Matcher m = NGINX.matcher(line);
                    if (!m.matches() || m.group(4) == null || !m.group(2).equals("GET")) {
                        continue;
                    }
                    String target = m.group(3);
                    int q = target.indexOf('?');
                    if (!(q < 0 ? target : target.substring(0, q)).equals("/api/v1/search")) {
                        continue;
                    }
                    long minute;
                    try {
                        minute = ZonedDateTime.parse(m.group(1), CLF).toEpochSecond() / 60;
                    } catch (java.time.format.DateTimeParseException e) {
                        continue; // a garbage line with a bad date: rejected by ingest as well
                    }
                    long slice = Math.floorDiv(minute, SLICE_MINUTES) * SLICE_MINUTES;
                    SLICES.computeIfAbsent(slice, k -> new ArrayList<>())
                            .add(new BigDecimal(m.group(4)).movePointRight(3).doubleValue());
                }
            }
        }
    }

    /** The exact p95 of a slice: DDSketch's rank rule on the sorted latencies. */
    static double p95(List<Double> latencies) {
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double rank = Q * (sorted.size() - 1);
        int i = 0;
        while (i + 1 <= rank) {
            i++;
        }
        return sorted.get(i);
    }

    /** A threshold (ms, a multiple of 5) with no slice's exact p95 within 1% of it, and the most even good/bad split. */
    static int threshold() {
        List<Double> p95s = SLICES.values().stream().map(PercentileBacktestITCase::p95).toList();
        int best = -1;
        double bestSplit = 2;
        for (int t = 100; t <= 2000; t += 5) {
            final int tt = t;
            if (p95s.stream().anyMatch(p -> p >= tt * 0.99 && p <= tt * 1.01)) {
                continue;
            }
            double goodShare = p95s.stream().filter(p -> p <= tt).count() / (double) p95s.size();
            double split = Math.abs(goodShare - 0.75);
            if (split < bestSplit) {
                best = t;
                bestSplit = split;
            }
        }
        return best;
    }

    @Test
    void thePercentileCandidateHasTheAttainmentOfTheRawRequests() throws Exception {
        int t = threshold();
        assertThat(t).as("a threshold no slice is near").isPositive();
        // per day: counted slices (with a request) and good ones (exact p95 ≤ t)
        long[] slices = new long[DAYS];
        long[] good = new long[DAYS];
        long firstMinute = FIRST.toEpochDay() * 1440;
        for (Map.Entry<Long, List<Double>> e : SLICES.entrySet()) {
            int day = (int) ((e.getKey() - firstMinute) / 1440);
            slices[day]++;
            good[day] += p95(e.getValue()) <= t ? 1 : 0;
        }
        assertThat(slices[0]).as("slices of day 1").isGreaterThan(40);
        double baseline = (double) (good[0] + good[1]) / (slices[0] + slices[1]);
        assertThat(baseline).as("a mix of good and bad slices").isBetween(0.5, 0.95);
        double low = Math.floor(baseline * 100 - 5) / 100; // below the baseline
        Path slos = tmp.resolve("p95.yaml");
        Files.writeString(slos, String.join("\n",
                "candidates:",
                "  - journey: " + JOURNEY,
                "    percentile: [{percentile: 95, threshold_ms: " + t + ", slice: 30m, targets: [" + low + ", " + HIGH_TARGET + "]}]",
                "windows: [1d]",
                // fixed burn rates: at the low target no tier can fire (14.4 or 6 × (1 − target) > 1), so it qualifies
                "alerting:",
                "  tiers:",
                "    - {name: page-1h, severity: page, long: 1h, short: 5m, burn_rate: 14.4}",
                "    - {name: page-6h, severity: page, long: 6h, short: 30m, burn_rate: 6}",
                ""));
        assertThat(Main.execute("backtest", "--out", out.toString(), "--slos", slos.toString(), "--quiet")).isZero();

        String lowId = JOURNEY + "-p95-" + t + "ms-30m-" + Candidate.percent(low) + "-1d-timeslices";
        String highId = JOURNEY + "-p95-" + t + "ms-30m-99-1d-timeslices";
        for (String id : List.of(lowId, highId)) {
            double target = id.equals(lowId) ? low : HIGH_TARGET;
            List<Object[]> daily = query("SELECT day, attainment, budget_remaining, sli, threshold_ms, budgeting, burn_rate_day"
                    + " FROM read_parquet('" + out.resolve("slo_daily") + "/*/*.parquet', hive_partitioning = true)"
                    + " WHERE slo_id = '" + id + "' ORDER BY day");
            assertThat(daily).as(id).hasSize(DAYS);
            int met = 0;
            double worst = 1;
            for (int d = 0; d < DAYS; d++) {
                Object[] row = daily.get(d);
                double attainment = (double) good[d] / slices[d];
                assertThat(row[0].toString()).isEqualTo(FIRST.plusDays(d).toString());
                assertThat((Double) row[1]).as(id + " day " + d).isEqualTo(attainment);
                // 1 − bad slices / ((1 − target) × slices)
                assertThat((Double) row[2]).isCloseTo(1 - (slices[d] - good[d]) / ((1 - target) * slices[d]), within(1e-9));
                assertThat(row[3]).isEqualTo("p95-30m");
                assertThat(((Number) row[4]).intValue()).isEqualTo(t);
                assertThat(row[5]).isEqualTo("timeslices");
                // the day's bad slices / slices / (1 − target)
                assertThat((Double) row[6]).isCloseTo((1 - attainment) / (1 - target), within(1e-9));
                met += attainment >= target ? 1 : 0;
                worst = Math.min(worst, attainment);
            }
            List<Object[]> summary = query("SELECT days_evaluated, days_met, worst_attainment FROM read_parquet('"
                    + out.resolve("slo_summary") + "/*.parquet') WHERE slo_id = '" + id + "'");
            assertThat(summary).hasSize(1);
            assertThat(((Number) summary.get(0)[0]).intValue()).isEqualTo(DAYS);
            assertThat(((Number) summary.get(0)[1]).intValue()).isEqualTo(met);
            assertThat((Double) summary.get(0)[2]).isEqualTo(worst);
        }

        // the recommendation: baseline = good slices / slices over both days; the low target qualifies
        List<Object[]> rec = query("SELECT slo_id, baseline, qualifies, sli FROM read_parquet('"
                + out.resolve("slo_recommendation") + "/*.parquet') WHERE journey = '" + JOURNEY + "'");
        assertThat(rec).hasSize(1);
        assertThat(rec.get(0)[0]).isEqualTo(lowId);
        assertThat((Double) rec.get(0)[1]).isCloseTo(baseline, within(1e-12));
        assertThat(rec.get(0)[2]).isEqualTo(true);
        assertThat(rec.get(0)[3]).isEqualTo("p95-30m");

        // the OpenSLO export of the recommended candidate: a thresholdMetric on 30-minute time slices
        Path file = out.resolve("openslo").resolve(lowId.replace('.', '-') + ".yaml");
        String yaml = Files.readString(file);
        assertThat(yaml).contains("thresholdMetric:", "percentile: 95", "budgetingMethod: Timeslices", "op: lte",
                "value: " + t, "timeSliceWindow: 30m", "timeSliceTarget: 0.95");
        Candidate back = SloConfigLoader.load(file).candidates().get(0);
        assertThat(back.sloId()).isEqualTo(lowId);
        assertThat(back).isEqualTo(SloConfigLoader.load(slos).candidates().get(0));
    }

    static List<Object[]> query(String sql) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Object[] row = new Object[n];
                for (int i = 0; i < n; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
