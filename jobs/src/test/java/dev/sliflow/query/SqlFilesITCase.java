package dev.sliflow.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.cli.CliRun;
import dev.sliflow.cli.Main;
import dev.sliflow.gen.GeneratorConfig;
import dev.sliflow.gen.LogGenerator;
import dev.sliflow.parse.LogFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every file in sql/ (the DDL through {@link SqlRunner}, each query in sql/queries) against
 * real ingest output, and checks each query's answer against the same question asked of DuckDB.
 */
class SqlFilesITCase {
    @TempDir
    static Path tmp;
    static Path out;
    static long lines;

    @BeforeAll
    static void ingest() throws Exception {
        Path logs = tmp.resolve("logs");
        LogGenerator.Result g = LogGenerator.generate(GeneratorConfig.builder().outputDir(logs).days(2).perDay(6_000).seed(3)
                .format(LogFormat.NGINX).start(LocalDate.parse("2026-03-01")).garbageRate(0.01).build());
        lines = g.lines();
        out = tmp.resolve("out");
        assertThat(Main.execute("ingest", "--logs", logs.resolve("nginx").toString(), "--journeys",
                logs.resolve("journeys.yaml").toString(), "--out", out.toString(), "--quiet")).isEqualTo(0);
        assertThat(Main.execute("backtest", "--out", out.toString(), "--slos", logs.resolve("slos.yaml").toString(),
                "--quiet")).isEqualTo(0);
    }

    static Path repo() {
        return Path.of(System.getProperty("sliflow.repo", "."));
    }

    static List<Row> run(String file) throws Exception {
        try (SqlRunner r = new SqlRunner(out.toString())) {
            return r.run(Files.readString(repo().resolve("sql/queries").resolve(file))).rows;
        }
    }

    static List<List<Object>> duck(String sql) throws Exception {
        String s = sql.replace("{sli_minute}", scan("sli_minute")).replace("{ingest_audit}", scan("ingest_audit"))
                .replace("{sli_hour}", scan("sli_hour")).replace("{sli_day}", scan("sli_day"))
                .replace("{rejects}", scan("rejects")).replace("{slo_daily}", scan("slo_daily"))
                .replace("{alerts}", scan("alerts")).replace("{unmatched_paths}", scan("unmatched_paths"))
                .replace("{slo_recommendation}", "read_parquet('" + out.resolve("slo_recommendation") + "/*.parquet')")
                .replace("{alert_quality}", "read_parquet('" + out.resolve("alert_quality") + "/*.parquet')");
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(s)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    static String scan(String t) {
        return "read_parquet('" + out.resolve(t) + "/*/*.parquet', hive_partitioning = true)";
    }

    static long l(Object o) {
        return ((Number) o).longValue();
    }

    @Test
    void everySqlFileIsCheckedHere() throws Exception {
        List<String> files;
        try (Stream<Path> s = Files.list(repo().resolve("sql/queries"))) {
            files = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(files).containsExactly("alert_quality_by_policy.sql", "alerts_per_tier_month.sql",
                "budget_left_month_end.sql",
                "freeze_days_per_quarter.sql", "input_quality.sql", "journey_day_summary.sql", "journey_summary.sql",
                "p99_trend_hourly.sql",
                "recommendations.sql", "rejects_by_reason.sql", "unmatched_paths_by_volume.sql",
                "worst_hours_last_week.sql", "worst_journeys_by_success.sql");
        try (Stream<Path> s = Files.list(repo().resolve("sql/ddl"))) {
            assertThat(s.map(p -> p.getFileName().toString().replace(".sql", "")).sorted().toList())
                    .containsExactlyInAnyOrderElementsOf(SqlRunner.DDL);
        }
        // the DuckDB peers of the benchmark suite (full-fidelity and lean): run on generated logs by
        // dev.sliflow.bench.BenchHarnessITCase
        try (Stream<Path> s = Files.list(repo().resolve("sql/bench"))) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("duckdb_ingest.sql", "duckdb_lean.sql");
        }
    }

    /** p50 and p99 of the sketches (hex, as DuckDB's list(hex(latency_sketch)) gives them) merged. */
    static double[] mergedP50P99(Object hexList) throws Exception {
        com.datadoghq.sketch.ddsketch.DDSketch merged = dev.sliflow.sli.LatencySketch.create();
        for (Object h : (Object[]) ((java.sql.Array) hexList).getArray()) {
            if (!((String) h).isEmpty()) {
                merged.mergeWith(dev.sliflow.sli.LatencySketch.fromBytes(java.util.HexFormat.of().parseHex((String) h)));
            }
        }
        return dev.sliflow.sli.LatencySketch.quantiles(merged, 0.5, 0.99);
    }

    @Test
    void journeyDaySummary() throws Exception {
        List<Row> rows = run("journey_day_summary.sql");
        List<List<Object>> exp = duck("SELECT journey, region, dt, SUM(total), SUM(good), SUM(server_errors),"
                + " list(hex(latency_sketch)) FROM {sli_minute} GROUP BY ALL ORDER BY journey, region, dt");
        assertThat(rows).hasSize(exp.size()).hasSizeGreaterThanOrEqualTo(20);
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            List<Object> e = exp.get(i);
            assertThat(r.getField("journey")).isEqualTo(e.get(0));
            assertThat(r.getField("region")).isEqualTo(e.get(1));
            assertThat(r.getField("dt")).isEqualTo(String.valueOf(e.get(2)));
            assertThat(l(r.getField("requests"))).isEqualTo(l(e.get(3)));
            assertThat((Double) r.getField("success_rate")).isEqualTo(l(e.get(4)) / (double) l(e.get(3)));
            assertThat(l(r.getField("server_errors"))).isEqualTo(l(e.get(5)));
            // the day's percentiles: those of its minutes' sketches merged
            double[] q = mergedP50P99(e.get(6));
            assertThat(new Object[] {r.getField("p50_ms"), r.getField("p99_ms")}).containsExactly(q[0], q[1]);
        }
    }

    /** The demo's per-journey table: whole-history totals, percentages with 2 decimals, whole milliseconds. */
    @Test
    void journeySummary() throws Exception {
        List<Row> rows = run("journey_summary.sql");
        List<List<Object>> days = duck("SELECT journey, region, dt, SUM(total), SUM(good), SUM(server_errors),"
                + " list(hex(latency_sketch)) FROM {sli_minute} GROUP BY ALL HAVING SUM(total) > 0 ORDER BY journey, region, dt");
        java.util.Map<String, long[]> sums = new java.util.TreeMap<>();
        java.util.Map<String, double[]> worst = new java.util.TreeMap<>();
        for (List<Object> d : days) {
            String key = d.get(0) + "|" + d.get(1);
            long[] s = sums.computeIfAbsent(key, k -> new long[4]);
            s[0]++;
            s[1] += l(d.get(3));
            s[2] += l(d.get(4));
            s[3] += l(d.get(5));
            double[] q = mergedP50P99(d.get(6));
            double[] w = worst.computeIfAbsent(key, k -> new double[] {101, Double.MAX_VALUE, 0});
            w[0] = Math.min(w[0], 100.0 * l(d.get(4)) / l(d.get(3)));
            w[1] = Math.min(w[1], q[0]);
            w[2] = Math.max(w[2], q[1]);
        }
        assertThat(rows).hasSize(sums.size()).hasSizeGreaterThanOrEqualTo(10);
        for (Row r : rows) {
            String key = r.getField("journey") + "|" + r.getField("region");
            long[] s = sums.get(key);
            double[] w = worst.get(key);
            assertThat(s).as(key).isNotNull();
            assertThat(l(r.getField("days"))).isEqualTo(s[0]);
            assertThat(l(r.getField("requests"))).isEqualTo(s[1]);
            assertThat(l(r.getField("server_errors"))).isEqualTo(s[3]);
            assertThat(r.getField("success_pct").toString())
                    .isEqualTo(new java.math.BigDecimal(100.0 * s[2] / s[1]).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
            assertThat(r.getField("worst_day_success_pct").toString())
                    .isEqualTo(new java.math.BigDecimal(w[0]).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
            assertThat(r.getField("lowest_day_p50_ms")).isEqualTo((int) Math.round(w[1]));
            assertThat(r.getField("highest_day_p99_ms")).isEqualTo((int) Math.round(w[2]));
        }
    }

    @Test
    void worstJourneysBySuccess() throws Exception {
        List<Row> rows = run("worst_journeys_by_success.sql");
        List<List<Object>> exp = duck("SELECT dt, journey, SUM(total) AS n, SUM(good) / SUM(total) AS rate FROM {sli_minute}"
                + " GROUP BY ALL HAVING SUM(total) >= 100 ORDER BY dt, rate, journey");
        assertThat(rows).hasSize(exp.size()).isNotEmpty();
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).getField("journey")).isEqualTo(exp.get(i).get(1));
            assertThat(l(rows.get(i).getField("requests"))).isEqualTo(l(exp.get(i).get(2))).isGreaterThanOrEqualTo(100);
        }
    }

    @Test
    void p99TrendHourly() throws Exception {
        List<Row> rows = run("p99_trend_hourly.sql");
        List<List<Object>> exp = duck("SELECT journey, region, strftime(\"minute\" AT TIME ZONE 'UTC', '%Y-%m-%d %H:00') AS h,"
                + " SUM(total), list(hex(latency_sketch)), SUM(map_extract(good_latency, 500)[1]),"
                + " bool_and(len(map_extract(good_latency, 500)) = 1) FROM {sli_minute} GROUP BY ALL ORDER BY journey, region, h");
        assertThat(rows).hasSize(exp.size()).hasSizeGreaterThan(200);
        int withShare = 0;
        for (int i = 0; i < rows.size(); i++) {
            List<Object> e = exp.get(i);
            assertThat(rows.get(i).getField("journey")).isEqualTo(e.get(0));
            assertThat(rows.get(i).getField("region")).isEqualTo(e.get(1));
            assertThat(rows.get(i).getField("hour_utc")).isEqualTo(e.get(2));
            assertThat(l(rows.get(i).getField("requests"))).isEqualTo(l(e.get(3)));
            // the p99 of the hour's requests: of its minutes' sketches merged
            assertThat((Double) rows.get(i).getField("p99_ms")).isEqualTo(mergedP50P99(e.get(4))[1]);
            Double share = (Double) rows.get(i).getField("share_within_500ms");
            if ((Boolean) e.get(6)) { // every minute of the hour has a 500 ms count
                assertThat(share).isEqualTo(l(e.get(5)) / (double) l(e.get(3)));
                withShare++;
            } else {
                assertThat(share).isNull(); // unknown, not 0
            }
        }
        assertThat(withShare).isPositive();
    }

    @Test
    void inputQualityAccountsForEveryLine() throws Exception {
        List<Row> rows = run("input_quality.sql");
        assertThat(rows).hasSize(2);
        long read = 0;
        for (Row r : rows) {
            read += l(r.getField("lines_read"));
            assertThat(l(r.getField("lines_read"))).isEqualTo(l(r.getField("parsed")) + l(r.getField("rejected")));
            assertThat(l(r.getField("parsed"))).isEqualTo(
                    l(r.getField("matched")) + l(r.getField("excluded")) + l(r.getField("unmatched")));
        }
        assertThat(read).isEqualTo(lines);
    }

    @Test
    void rejectsByReason() throws Exception {
        List<Row> rows = run("rejects_by_reason.sql");
        List<List<Object>> exp = duck("SELECT reason_code, COUNT(*) AS n FROM {rejects} GROUP BY ALL ORDER BY n DESC, reason_code");
        assertThat(rows).hasSize(exp.size()).hasSizeGreaterThan(1);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).getField("reason_code")).isEqualTo(exp.get(i).get(0));
            assertThat(l(rows.get(i).getField("lines_rejected"))).isEqualTo(l(exp.get(i).get(1)));
        }
    }

    @Test
    void freezeDaysPerQuarter() throws Exception {
        List<Row> rows = run("freeze_days_per_quarter.sql");
        List<List<Object>> exp = duck("SELECT slo_id, count(*) FILTER (WHERE policy_state = 'freeze'),"
                + " count(*) FILTER (WHERE policy_state = 'pause'), count(*) FROM {slo_daily} GROUP BY ALL ORDER BY slo_id");
        assertThat(rows).hasSize(exp.size()).hasSizeGreaterThan(100); // one quarter in the data
        java.util.Map<String, Row> bySlo = new java.util.HashMap<>();
        rows.forEach(r -> bySlo.put((String) r.getField("slo_id"), r));
        long freezeTotal = 0;
        for (List<Object> e : exp) {
            Row r = bySlo.get((String) e.get(0));
            assertThat(r.getField("quarter")).isEqualTo("2026-Q1");
            assertThat(l(r.getField("freeze_days"))).isEqualTo(l(e.get(1)));
            assertThat(l(r.getField("pause_days"))).isEqualTo(l(e.get(2)));
            assertThat(l(r.getField("days_evaluated"))).isEqualTo(l(e.get(3)));
            freezeTotal += l(e.get(1));
        }
        assertThat(freezeTotal).as("the injected incidents freeze some tight targets").isPositive();
    }

    @Test
    void budgetLeftAtMonthEnd() throws Exception {
        List<Row> rows = run("budget_left_month_end.sql");
        List<List<Object>> exp = duck("SELECT slo_id, arg_max(budget_remaining, day), max(day) FROM {slo_daily}"
                + " GROUP BY slo_id, strftime(day, '%Y-%m') ORDER BY slo_id");
        assertThat(rows).hasSize(exp.size()).isNotEmpty();
        java.util.Map<String, Row> bySlo = new java.util.HashMap<>();
        rows.forEach(r -> bySlo.put((String) r.getField("slo_id"), r));
        for (List<Object> e : exp) {
            Row r = bySlo.get((String) e.get(0));
            assertThat(r.getField("month_end").toString()).isEqualTo(e.get(2).toString());
            assertThat((Double) r.getField("budget_remaining")).isEqualTo(((Number) e.get(1)).doubleValue());
        }
    }

    @Test
    void alertsPerTierAndMonth() throws Exception {
        List<Row> rows = run("alerts_per_tier_month.sql");
        List<List<Object>> exp = duck("SELECT slo_id, tier, count(*) AS n FROM {alerts} GROUP BY ALL ORDER BY slo_id, tier");
        assertThat(rows).hasSize(exp.size()).isNotEmpty();
        long sum = rows.stream().mapToLong(r -> l(r.getField("firings"))).sum();
        assertThat(sum).isEqualTo(exp.stream().mapToLong(e -> l(e.get(2))).sum());
    }

    @Test
    void recommendations() throws Exception {
        List<Row> rows = run("recommendations.sql");
        List<List<Object>> exp = duck("SELECT journey, sli, threshold_ms, target, qualifies FROM {slo_recommendation}"
                + " ORDER BY journey, sli, threshold_ms");
        assertThat(rows).hasSize(exp.size()).hasSizeGreaterThanOrEqualTo(10);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).getField("journey")).isEqualTo(exp.get(i).get(0));
            assertThat((Double) rows.get(i).getField("target")).isEqualTo(((Number) exp.get(i).get(3)).doubleValue());
            assertThat((String) rows.get(i).getField("evidence")).contains("%");
        }
    }

    /** Every candidate × alert policy has a row; its pages and false pages agree with DuckDB's reading. */
    @Test
    void alertQualityByPolicy() throws Exception {
        List<Row> rows = run("alert_quality_by_policy.sql");
        List<List<Object>> exp = duck("SELECT count(*), count(DISTINCT policy), sum(pages), sum(false_pages),"
                + " sum(missed) FROM {alert_quality}");
        assertThat(rows).hasSize(((Number) exp.get(0).get(0)).intValue()).isNotEmpty();
        assertThat(((Number) exp.get(0).get(1)).intValue()).isEqualTo(4); // the default policies
        assertThat(rows.stream().mapToLong(r -> l(r.getField("pages"))).sum())
                .isEqualTo(((Number) exp.get(0).get(2)).longValue());
        assertThat(rows.stream().mapToLong(r -> l(r.getField("false_pages"))).sum())
                .isEqualTo(((Number) exp.get(0).get(3)).longValue());
        // where no incident is declared every page is a false page and no delay is known
        assertThat(rows).allSatisfy(r -> {
            assertThat(l(r.getField("missed"))).isEqualTo(l(r.getField("incidents")) - l(r.getField("detected")));
            if (l(r.getField("incidents")) == 0) {
                assertThat(r.getField("false_pages")).isEqualTo(r.getField("pages"));
                assertThat(r.getField("max_detection_delay_minutes")).isNull();
            }
        });
        // the policies counting pages as a pager does never count more pages than the Workbook
        List<List<Object>> grouped = duck("SELECT slo_id, policy, pages FROM {alert_quality}"
                + " WHERE policy IN ('sre-workbook', 'pager') ORDER BY slo_id, policy");
        for (int i = 0; i + 1 < grouped.size(); i += 2) {
            assertThat(((Number) grouped.get(i).get(2)).intValue())
                    .isLessThanOrEqualTo(((Number) grouped.get(i + 1).get(2)).intValue());
        }
    }

    @Test
    void gateFollowsThePolicyStateOfTheLatestDay() throws Exception {
        String latest = "SELECT journey, slo_id, arg_max(policy_state, day) AS state FROM {slo_daily} GROUP BY ALL";
        List<List<Object>> open = duck("SELECT journey, slo_id FROM (" + latest + ") WHERE state IN ('healthy', 'alert')"
                + " ORDER BY slo_id LIMIT 1");
        List<List<Object>> closed = duck("SELECT journey, slo_id FROM (" + latest + ") WHERE state IN ('pause', 'freeze')"
                + " ORDER BY slo_id LIMIT 1");
        assertThat(open).isNotEmpty();
        assertThat(closed).as("the injected incidents put some tight target into pause or freeze").isNotEmpty();
        assertThat(Main.execute("gate", "--out", out.toString(), "--journey", (String) open.get(0).get(0), "--slo",
                (String) open.get(0).get(1))).isZero();
        assertThat(Main.execute("gate", "--out", out.toString(), "--journey", (String) closed.get(0).get(0), "--slo",
                (String) closed.get(0).get(1))).isEqualTo(dev.sliflow.cli.GateCommand.BLOCKED);
        assertThat(Main.execute("gate", "--out", out.toString(), "--journey", "no-such-journey")).isEqualTo(2);
    }

    @Test
    void queryCommandPrintsEveryExampleQuerysRowsAndBadSqlIsOneLine() throws Exception {
        List<Path> files;
        try (Stream<Path> st = Files.list(repo().resolve("sql/queries"))) {
            files = st.sorted().toList();
        }
        for (Path f : files) {
            List<Row> expected = run(f.getFileName().toString());
            CliRun csv = CliRun.of("query", "--out", out.toString(), f.toString(), "--format", "csv");
            assertThat(csv.rc()).as(f + ": " + csv.err()).isZero();
            List<String> lines = csv.out().lines().toList();
            assertThat(lines).as(f.toString()).hasSize(expected.size() + 1); // header + rows
            assertThat(lines.get(1)).as(f + " first row").startsWith(String.valueOf(expected.get(0).getField(0)));
            CliRun table = CliRun.of("query", "--out", out.toString(), f.toString());
            assertThat(table.out()).as(f.toString()).contains("(" + expected.size() + " row");
        }
        CliRun bad = CliRun.of("query", "--out", out.toString(), "--sql", "SELECT no_such_column FROM sli_minute");
        assertThat(bad.rc()).isEqualTo(2);
        assertThat(bad.err().strip()).startsWith("sliflow: error: SQL: ").contains("no_such_column").doesNotContain("\tat ");
        assertThat(bad.err().strip().lines().count()).isEqualTo(1);
        CliRun json = CliRun.of("query", "--out", out.toString(), "--sql", "SELECT COUNT(*) AS n FROM sli_minute", "--format", "json");
        assertThat(json.out().strip()).matches("\\{\"n\":\"\\d+\"\\}");
    }

    @Test
    void unmatchedPathsByVolume() throws Exception {
        List<Row> rows = run("unmatched_paths_by_volume.sql");
        List<List<Object>> exp = duck("SELECT method, path, SUM(requests) AS n FROM {unmatched_paths} GROUP BY ALL"
                + " ORDER BY n DESC, method, path LIMIT 50");
        assertThat(rows).hasSize(exp.size()).isNotEmpty();
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).getField("method")).isEqualTo(exp.get(i).get(0));
            assertThat(rows.get(i).getField("path")).isEqualTo(exp.get(i).get(1));
            assertThat(l(rows.get(i).getField("requests"))).isEqualTo(l(exp.get(i).get(2)));
        }
        // every unmatched request of the audit is in the table
        assertThat(l(duck("SELECT SUM(requests) FROM {unmatched_paths}").get(0).get(0)))
                .isEqualTo(l(duck("SELECT SUM(unmatched) FROM {ingest_audit}").get(0).get(0)));
        // the generator's near-misses show up as shapes, without ids or query strings
        assertThat(rows).extracting(r -> r.getField("method") + " " + r.getField("path"))
                .contains("OPTIONS /api/v1/checkout", "GET /products/{id}/reviews")
                .noneMatch(p -> p.contains("?") || p.contains("token"));
    }

    @Test
    void worstHoursLastWeek() throws Exception {
        List<Row> rows = run("worst_hours_last_week.sql");
        List<List<Object>> exp = duck("SELECT journey, strftime(\"minute\" AT TIME ZONE 'UTC', '%Y-%m-%d %H:00') AS h,"
                + " SUM(total) AS n, SUM(total - good) / SUM(total) AS rate FROM {sli_minute} GROUP BY ALL HAVING SUM(total) >= 50"
                + " ORDER BY rate DESC, n DESC, journey, h LIMIT 20");
        assertThat(rows).hasSize(exp.size()).isNotEmpty();
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).getField("journey")).isEqualTo(exp.get(i).get(0));
            assertThat(rows.get(i).getField("hour_utc")).isEqualTo(exp.get(i).get(1));
            assertThat((Double) rows.get(i).getField("failure_rate")).isEqualTo(((Number) exp.get(i).get(3)).doubleValue());
        }
    }
}
