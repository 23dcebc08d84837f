package dev.sliflow.backtest.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.cli.Main;
import dev.sliflow.gen.GeneratorConfig;
import dev.sliflow.gen.LogGenerator;
import dev.sliflow.gen.Scenario;
import dev.sliflow.parse.LogFormat;
import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.SloConfig;
import dev.sliflow.slo.SloConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backtest end to end on a local MiniCluster: generated logs with an injected outage and a
 * maintenance window → ingest → backtest → the alerts the SRE Workbook arithmetic predicts.
 */
class BacktestJobITCase {
    static final double TARGET = 0.999;
    @TempDir
    static Path tmp;
    static Path out;
    static Path logs;
    static Scenario.Incident outage;
    static Scenario.Incident maintenance;

    @BeforeAll
    static void ingest() throws Exception {
        logs = tmp.resolve("logs");
        LogGenerator.Result g = LogGenerator.generate(GeneratorConfig.builder().outputDir(logs).days(4).perDay(60_000)
                .seed(5).format(LogFormat.NGINX).start(LocalDate.parse("2026-03-01")).build());
        outage = g.scenario().incidents().stream().filter(i -> i.kind() == Scenario.Kind.OUTAGE).findFirst().orElseThrow();
        maintenance = g.scenario().maintenance();
        out = tmp.resolve("out");
        assertThat(Main.execute("ingest", "--logs", logs.resolve("nginx").toString(), "--journeys",
                logs.resolve("journeys.yaml").toString(), "--out", out.toString(), "--quiet")).isZero();
    }

    static Instant start(Scenario.Incident i) {
        return Instant.ofEpochSecond(i.startMicros() / 1_000_000);
    }

    static Instant end(Scenario.Incident i) {
        return Instant.ofEpochSecond(i.endMicros() / 1_000_000);
    }

    static Path slos(String name, boolean declareMaintenance) throws Exception {
        String yaml = String.join("\n",
                "candidates:",
                "  - {journey: " + outage.journeyName() + ", availability: [" + TARGET + "]}",
                "  - {journey: " + maintenance.journeyName() + ", availability: [" + TARGET + "]}",
                "windows: [30d, 1d]",
                "budgeting: [occurrences]",
                "alerting: sre-workbook",
                declareMaintenance ? "maintenance:\n  - {start: " + start(maintenance) + ", end: " + end(maintenance) + "}" : "",
                "incidents:",
                "  - {journey: " + outage.journeyName() + ", start: " + start(outage) + ", end: " + end(outage) + "}",
                "");
        Path p = tmp.resolve(name);
        Files.writeString(p, yaml);
        return p;
    }

    record Firing(String sloId, String tier, Instant firedAt) {}

    static List<Firing> alerts(String journey) throws Exception {
        List<Firing> out2 = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT slo_id, tier, fired_at FROM read_parquet('" + out.resolve("alerts")
                        + "/*/*.parquet', hive_partitioning = true) WHERE journey = '" + journey + "' ORDER BY fired_at")) {
            while (rs.next()) {
                out2.add(new Firing(rs.getString(1), rs.getString(2), rs.getObject(3, java.time.OffsetDateTime.class).toInstant()));
            }
        }
        return out2;
    }

    /**
     * The SRE Workbook condition computed independently, in SQL over sli_minute: the first minute at
     * or after {@code from} whose long- and short-window error ratios both exceed rate * (1 - target).
     */
    static Instant predictedFiring(String journey, Instant from, int longMin, int shortMin, double rate) throws Exception {
        String sql = "WITH m AS (SELECT \"minute\" AS t, SUM(total) AS v, SUM(total - good) AS b FROM read_parquet('"
                + out.resolve("sli_minute") + "/*/*.parquet', hive_partitioning = true) WHERE journey = '" + journey
                + "' GROUP BY 1), w AS (SELECT t,"
                + " SUM(b) OVER (ORDER BY t RANGE BETWEEN INTERVAL " + (longMin - 1) + " MINUTE PRECEDING AND CURRENT ROW) AS lb,"
                + " SUM(v) OVER (ORDER BY t RANGE BETWEEN INTERVAL " + (longMin - 1) + " MINUTE PRECEDING AND CURRENT ROW) AS lv,"
                + " SUM(b) OVER (ORDER BY t RANGE BETWEEN INTERVAL " + (shortMin - 1) + " MINUTE PRECEDING AND CURRENT ROW) AS sb,"
                + " SUM(v) OVER (ORDER BY t RANGE BETWEEN INTERVAL " + (shortMin - 1) + " MINUTE PRECEDING AND CURRENT ROW) AS sv"
                + " FROM m) SELECT min(t) FROM w WHERE t >= '" + from + "'::TIMESTAMPTZ"
                + " AND lb / lv > " + rate + " * " + (1 - TARGET) + " AND sb / sv > " + rate + " * " + (1 - TARGET);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
        }
    }

    static Instant firedIn(List<Firing> fs, String sloIdPart, String tier, Instant from, Instant to) {
        return fs.stream().filter(f -> f.sloId().contains(sloIdPart) && f.tier().equals(tier))
                .map(Firing::firedAt).filter(t -> !t.isBefore(from) && t.isBefore(to)).findFirst().orElse(null);
    }

    @Test
    void theInjectedOutagePagesWhenTheSreWorkbookArithmeticSaysAndMaintenanceDoesNot() throws Exception {
        // 1) maintenance NOT declared: the 503s of the maintenance window are an outage like any other
        assertThat(Main.execute("backtest", "--out", out.toString(), "--slos", slos("a.yaml", false).toString(), "--quiet"))
                .isZero();
        String j = outage.journeyName();
        List<Firing> fs = alerts(j);
        Instant s = start(outage);
        // SRE Workbook: at error ratio e (here 1.0, a full outage) a tier of rate b over a long window L
        // fires after b * (1 - target) * L / e of outage, if traffic were uniform:
        //   page-1h  (b = 14.4 for a 30-day window): 14.4 * 0.001 * 60 min   = 0.86 min -> 1st outage minute
        //   page-6h  (b = 6):                        6 * 0.001 * 360 min     = 2.16 min -> 3rd outage minute
        //   ticket-3d (b = 1):                       1 * 0.001 * 4320 min    = 4.32 min -> 5th outage minute
        // Real traffic is diurnal, so the exact minute comes from the same arithmetic over the actual
        // per-minute counts (SQL below). The page tiers must also be within one minute of the uniform
        // estimate; the ticket tier's 3-day window is not yet full of history (the data starts 2.6 days
        // before the outage), so it fires earlier than the uniform estimate and is only checked exactly.
        Object[][] tiers = {{"page-1h", 60, 5, 14.4, 0}, {"page-6h", 360, 30, 6.0, 2}, {"ticket-3d", 4320, 360, 1.0, -1}};
        for (Object[] t : tiers) {
            Instant fired = firedIn(fs, "-30d-", (String) t[0], s, end(outage));
            Instant predicted = predictedFiring(j, s, (Integer) t[1], (Integer) t[2], (Double) t[3]);
            assertThat(fired).as((String) t[0]).isEqualTo(predicted);
            if ((Integer) t[4] >= 0) {
                Instant uniform = s.plusSeconds(60L * (Integer) t[4]);
                assertThat(fired).as((String) t[0] + " vs uniform-traffic estimate")
                        .isBetween(uniform.minusSeconds(60), uniform.plusSeconds(60));
            }
        }
        Instant first = firedIn(fs, "-30d-", "page-1h", s, end(outage));

        // alert_quality: the declared outage is detected by the Workbook policy at its first page-1h firing;
        // every default policy has a row per candidate, and the recommendation names its policy
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT incidents, detected, max_detection_delay_minutes FROM read_parquet('"
                    + out.resolve("alert_quality") + "/*.parquet') WHERE journey = '" + j + "' AND slo_id LIKE '%-30d-%'"
                    + " AND policy = 'sre-workbook'");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getInt(2)).isEqualTo(1);
            assertThat(rs.getInt(3)).isEqualTo(java.time.Duration.between(
                    s.truncatedTo(java.time.temporal.ChronoUnit.MINUTES), first).toMinutes());
            rs = st.executeQuery("SELECT count(*), count(DISTINCT policy) FROM read_parquet('" + out.resolve("alert_quality")
                    + "/*.parquet')");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(4 * 4); // 2 journeys x 2 windows x 4 default policies
            assertThat(rs.getInt(2)).isEqualTo(4);
            rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + out.resolve("slo_recommendation")
                    + "/*.parquet') WHERE policy IN ('sre-workbook', 'pager', 'low-traffic', 'low-traffic-long')");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }

        String m = maintenance.journeyName();
        Instant ms = start(maintenance);
        assertThat(firedIn(alerts(m), "-30d-", "page-1h", ms, end(maintenance))).as("undeclared maintenance pages").isNotNull();

        // 2) maintenance declared: excluded from budgets, no alert fires for it
        assertThat(Main.execute("backtest", "--out", out.toString(), "--slos", slos("b.yaml", true).toString(), "--quiet"))
                .isZero();
        assertThat(alerts(m)).filteredOn(f -> !f.firedAt().isBefore(ms) && f.firedAt().isBefore(end(maintenance).plusSeconds(360)))
                .as("alerts during declared maintenance").isEmpty();
        // the outage still pages
        assertThat(firedIn(alerts(j), "-30d-", "page-1h", s, end(outage))).isEqualTo(first);
    }

    @Test
    void exportedOpenSloFilesLoadBackAsTheRecommendedCandidates() throws Exception {
        Path sample = logs.resolve("slos.yaml"); // written by the generator for its scenario
        assertThat(Main.execute("backtest", "--out", out.toString(), "--slos", sample.toString(), "--quiet")).isZero();
        SloConfig all = SloConfigLoader.load(sample);
        Set<String> recommended = new TreeSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT slo_id FROM read_parquet('" + out.resolve("slo_recommendation")
                        + "/*.parquet') WHERE qualifies")) {
            while (rs.next()) {
                recommended.add(rs.getString(1));
            }
        }
        assertThat(recommended).isNotEmpty();
        List<Path> files;
        try (Stream<Path> st = Files.list(out.resolve("openslo"))) {
            files = st.sorted().toList();
        }
        assertThat(files).hasSize(recommended.size());
        SloConfig back = SloConfigLoader.load(files.toArray(new Path[0]));
        Set<String> loaded = new TreeSet<>();
        for (Candidate cand : back.candidates()) {
            loaded.add(cand.sloId());
            Candidate original = all.candidates().stream().filter(x -> x.sloId().equals(cand.sloId())).findFirst().orElseThrow();
            assertThat(cand).isEqualTo(original);
        }
        assertThat(loaded).isEqualTo(recommended);
        // each carries its recommended alert policy as an OpenSLO AlertPolicy of burnrate conditions
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT slo_id, policy FROM read_parquet('" + out.resolve("slo_recommendation")
                        + "/*.parquet') WHERE qualifies")) {
            while (rs.next()) {
                String name = rs.getString(1).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
                String yaml = Files.readString(out.resolve("openslo").resolve(name + ".yaml"));
                assertThat(yaml).contains("alertPolicies:", "kind: AlertPolicy", "name: " + rs.getString(2),
                        "kind: AlertCondition", "kind: burnrate", "severity: page");
            }
        }
    }

    /** The rows of a table's partitions from {@code fromDt} on, every column but dt, as text, in order. */
    static List<String> rows(String table, String fromDt) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * EXCLUDE (dt) FROM read_parquet('" + out.resolve(table)
                        + "/*/*.parquet', hive_partitioning = true) WHERE dt >= '" + fromDt + "' ORDER BY ALL")) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(rs.getString(i)).append('|');
                }
                rows.add(b.toString());
            }
        }
        return rows;
    }

    /** Every file under {@code dir} with its size and modification time. */
    static List<String> files(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> st = Files.walk(dir)) {
            return st.filter(Files::isRegularFile).sorted().map(p -> {
                try {
                    return dir.relativize(p) + " " + Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    /**
     * Issue 27 item 11: after a full run, {@code --from} over the last two days rewrites only those days'
     * slo_daily and alerts partitions, with the full run's rows (their 2-day windows and 3-day alert
     * windows warmed up from the days before), and leaves the earlier partitions and the whole-history
     * tables untouched.
     */
    @Test
    void aRangedRunRewritesOnlyItsDaysWithTheFullRunsRows() throws Exception {
        String yaml = String.join("\n",
                "candidates:",
                "  - {journey: " + outage.journeyName() + ", availability: [0.99, " + TARGET + "]}",
                "  - {journey: " + maintenance.journeyName() + ", availability: [" + TARGET + "]}",
                "windows: [2d, 1d]",
                "budgeting: [occurrences, timeslices, ratio-timeslices]",
                "alerting: sre-workbook",
                "");
        Path slos = tmp.resolve("ranged.yaml");
        Files.writeString(slos, yaml);
        assertThat(Main.execute("backtest", "--out", out.toString(), "--slos", slos.toString(), "--quiet")).isZero();
        List<String> daily = rows("slo_daily", "2026-03-03");
        List<String> alerts = rows("alerts", "2026-03-03");
        assertThat(daily).as("2d windows of 03-03 and 03-04")
                .anyMatch(r -> r.contains("-2d-") && r.contains("2026-03-03"))
                .anyMatch(r -> r.contains("-2d-") && r.contains("2026-03-04"));
        List<String> early = new ArrayList<>();
        for (String t : List.of("slo_daily", "alerts")) {
            for (String dt : List.of("dt=2026-03-01", "dt=2026-03-02")) {
                early.addAll(files(out.resolve(t).resolve(dt)));
            }
        }
        assertThat(early).isNotEmpty();
        List<String> whole = new ArrayList<>();
        for (String t : List.of("slo_summary", "slo_recommendation", "sla_months", "openslo")) {
            whole.addAll(files(out.resolve(t)));
        }
        Thread.sleep(1100); // a rewritten file would show a later modification time

        assertThat(Main.execute("backtest", "--out", out.toString(), "--slos", slos.toString(), "--from", "2026-03-03",
                "--quiet")).isZero();
        assertThat(rows("slo_daily", "2026-03-03")).isEqualTo(daily);
        assertThat(rows("alerts", "2026-03-03")).isEqualTo(alerts);
        List<String> earlyAfter = new ArrayList<>();
        for (String t : List.of("slo_daily", "alerts")) {
            for (String dt : List.of("dt=2026-03-01", "dt=2026-03-02")) {
                earlyAfter.addAll(files(out.resolve(t).resolve(dt)));
            }
        }
        assertThat(earlyAfter).as("earlier partitions untouched").isEqualTo(early);
        List<String> wholeAfter = new ArrayList<>();
        for (String t : List.of("slo_summary", "slo_recommendation", "sla_months", "openslo")) {
            wholeAfter.addAll(files(out.resolve(t)));
        }
        assertThat(wholeAfter).as("whole-history tables untouched").isEqualTo(whole);
    }

    /**
     * Issue 27 item 7 end to end: 03-01 and 03-02 ingested before checkout's 2500 ms threshold was in the
     * catalog, 03-03 and 03-04 after. A 2500 ms latency candidate is refused with exit status 2 and one
     * line naming the journey, threshold and dates; nothing is published.
     */
    @Test
    void aThresholdMissingFromOlderPartitionsIsRefused() throws Exception {
        Path catalog = logs.resolve("journeys.yaml");
        String full = Files.readString(catalog);
        assertThat(full).contains("latency_thresholds_ms: [300, 1000, 2500]");
        Path older = tmp.resolve("journeys-before-2500.yaml");
        Files.writeString(older, full.replace("latency_thresholds_ms: [300, 1000, 2500]", "latency_thresholds_ms: [300, 1000]"));
        Path out2 = tmp.resolve("out-thresholds");
        String nginx = logs.resolve("nginx").toString();
        assertThat(Main.execute("ingest", "--logs", nginx, "--journeys", older.toString(), "--out", out2.toString(),
                "--from", "2026-03-01", "--to", "2026-03-02", "--quiet")).isZero();
        assertThat(Main.execute("ingest", "--logs", nginx, "--journeys", catalog.toString(), "--out", out2.toString(),
                "--from", "2026-03-03", "--to", "2026-03-04", "--quiet")).isZero();
        Path slos = tmp.resolve("checkout-2500.yaml");
        Files.writeString(slos, "candidates:\n  - {journey: checkout, latency: [{threshold_ms: 2500, targets: [0.99]}]}\n"
                + "windows: [1d]\nbudgeting: [occurrences]\n");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stderr = System.err;
        int status;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            status = Main.execute("backtest", "--out", out2.toString(), "--slos", slos.toString(), "--quiet");
        } finally {
            System.setErr(stderr);
        }
        String message = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(status).as(message).isEqualTo(2);
        assertThat(message).contains("sliflow: error: journey checkout has no count for its latency threshold 2500 ms"
                + " on 2026-03-01..2026-03-02 (minutes ingested before the threshold was in the journey catalog):"
                + " re-ingest those dates");
        assertThat(out2.resolve("slo_daily")).doesNotExist();
        assertThat(out2.resolve("slo_summary")).doesNotExist();
    }
}
