package dev.sliflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.cli.Main;
import dev.sliflow.gen.Catalog;
import dev.sliflow.gen.GeneratorConfig;
import dev.sliflow.gen.LogGenerator;
import dev.sliflow.parse.LogFormat;
import dev.sliflow.sli.LatencySketch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch ingest job end to end on a local Flink MiniCluster: generated nginx logs with garbage
 * lines → Parquet tables, read back by DuckDB and checked against an independent exact
 * computation from the raw lines.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestJobITCase {
    static final LocalDate START = LocalDate.parse("2026-03-01");
    @TempDir
    static Path tmp;
    static Path logs;
    static Path out;
    static LogGenerator.Result gen;

    @BeforeAll
    static void generateAndIngest() throws Exception {
        logs = tmp.resolve("logs");
        gen = LogGenerator.generate(GeneratorConfig.builder().outputDir(logs).days(2).perDay(12_000).seed(7)
                .format(LogFormat.NGINX).start(START).garbageRate(0.01).build());
        out = tmp.resolve("out");
        assertThat(Main.execute("ingest", "--logs", logs + "/nginx", "--journeys", logs.resolve("journeys.yaml").toString(),
                "--out", out.toString(), "--parallelism", "2", "--quiet")).isEqualTo(0);
    }

    // ---- an independent reference computation from the raw lines ----

    static final Pattern LINE = Pattern.compile(
            "^\\S+ \\S+ \\S+ \\[([^\\]]+)\\] \"([A-Z]+) ([^ ?\"]+)[^\"]* HTTP/[0-9.]+\" (\\d{3}) \\S+ \"[^\"]*\" \"[^\"]*\" ([0-9.]+) \\S+$");
    static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

    record Expected(Map<String, long[]> counts, Map<String, List<Double>> latencies, long parsed) {}

    /** The smallest latency threshold of a journey (journeys.yaml: its own list or the defaults). */
    static int firstThreshold(Catalog.Journey j) {
        return (j.thresholdsMs() != null ? j.thresholdsMs() : Catalog.DEFAULT_THRESHOLDS_MS)[0];
    }

    /** journey|minute -> {total, good, serverErrors, good within the first threshold}; from regexes. */
    static Expected expected(Path dir) throws IOException {
        List<Pattern> routes = new ArrayList<>();
        for (Catalog.Journey j : Catalog.JOURNEYS) {
            routes.add(Pattern.compile(j.method() + " " + j.template().replaceAll("\\{[^}]+}", "[^/]+")));
        }
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, List<Double>> lat = new HashMap<>();
        long parsed = 0;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        for (Path f : files) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(f)),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    Matcher m = LINE.matcher(line);
                    if (!m.matches()) {
                        continue;
                    }
                    int status = Integer.parseInt(m.group(4));
                    if (status < 100 || status > 599) {
                        continue;
                    }
                    parsed++;
                    String req = m.group(2) + " " + m.group(3);
                    String journey = null;
                    int threshold = 0;
                    for (int i = 0; i < routes.size() && journey == null; i++) {
                        if (routes.get(i).matcher(req).matches()) {
                            journey = Catalog.JOURNEYS.get(i).name();
                            threshold = firstThreshold(Catalog.JOURNEYS.get(i));
                        }
                    }
                    if (journey == null) {
                        continue;
                    }
                    long minute;
                    try {
                        minute = ZonedDateTime.parse(m.group(1), CLF).toEpochSecond() / 60 * 60_000;
                    } catch (java.time.format.DateTimeParseException e) {
                        continue; // a garbage line with a bad timestamp
                    }
                    double ms = Double.parseDouble(m.group(5)) * 1000;
                    String key = journey + "|" + minute;
                    long[] c = counts.computeIfAbsent(key, k -> new long[4]);
                    c[0]++;
                    if (status < 500) {
                        c[1]++;
                        if (ms <= threshold) {
                            c[3]++;
                        }
                    } else {
                        c[2]++;
                    }
                    lat.computeIfAbsent(key, k -> new ArrayList<>()).add(ms);
                }
            }
        }
        return new Expected(counts, lat, parsed);
    }

    static long lines(Path gz) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
                StandardCharsets.UTF_8))) {
            return r.lines().count();
        }
    }

    @Test
    @Order(1)
    void everyLineIsAccountedForPerFile() throws Exception {
        List<Map<String, Object>> audit = Tables.query("SELECT file, SUM(lines_read) AS r, SUM(parsed) AS p, SUM(rejected) AS j,"
                + " SUM(matched) AS m, SUM(excluded) AS e, SUM(unmatched) AS u FROM " + Tables.scan(out, "ingest_audit")
                + " GROUP BY file ORDER BY file");
        assertThat(audit).hasSize(2);
        long rejectedTotal = 0;
        for (Map<String, Object> a : audit) {
            long read = ((Number) a.get("r")).longValue();
            assertThat(read).isEqualTo(lines(Path.of((String) a.get("file"))));
            assertThat(read).isEqualTo(((Number) a.get("p")).longValue() + ((Number) a.get("j")).longValue());
            assertThat(((Number) a.get("p")).longValue()).isEqualTo(((Number) a.get("m")).longValue()
                    + ((Number) a.get("e")).longValue() + ((Number) a.get("u")).longValue());
            rejectedTotal += ((Number) a.get("j")).longValue();
        }
        assertThat(rejectedTotal).isEqualTo(gen.garbageLines()).isPositive();
        // every rejected line is in rejects, with file, line number and a reason
        List<Map<String, Object>> rj = Tables.query("SELECT COUNT(*) AS n, COUNT(DISTINCT file || ':' || line_number) AS d,"
                + " MIN(line_number) AS minline, COUNT(*) FILTER (WHERE reason_code = '' OR reason = '') AS noreason FROM "
                + Tables.scan(out, "rejects"));
        assertThat(((Number) rj.get(0).get("n")).longValue()).isEqualTo(rejectedTotal);
        assertThat(((Number) rj.get(0).get("d")).longValue()).isEqualTo(rejectedTotal);
        assertThat(((Number) rj.get(0).get("minline")).longValue()).isPositive();
        assertThat(((Number) rj.get(0).get("noreason")).longValue()).isZero();
    }

    @Test
    @Order(2)
    void countsAreExactAndPercentilesWithinOnePercent() throws Exception {
        Expected exp = expected(logs.resolve("nginx"));
        List<Map<String, Object>> rows = Tables.query("SELECT journey, epoch_ms(\"minute\") AS m, total, good, server_errors,"
                + " map_values(good_latency)[1] AS g100, p50_ms, p95_ms, p99_ms, latency_sketch FROM " + Tables.scan(out, "sli_minute"));
        Map<String, Map<String, Object>> byKey = new HashMap<>();
        for (Map<String, Object> r : rows) {
            assertThat(byKey.put(r.get("journey") + "|" + r.get("m"), r)).as("one row per journey and minute").isNull();
        }
        assertThat(byKey.keySet()).isEqualTo(exp.counts().keySet());
        int checkedQuantiles = 0;
        for (Map.Entry<String, long[]> e : exp.counts().entrySet()) {
            Map<String, Object> r = byKey.get(e.getKey());
            long[] c = e.getValue();
            assertThat(((Number) r.get("total")).longValue()).as(e.getKey()).isEqualTo(c[0]);
            assertThat(((Number) r.get("good")).longValue()).as(e.getKey()).isEqualTo(c[1]);
            assertThat(((Number) r.get("server_errors")).longValue()).as(e.getKey()).isEqualTo(c[2]);
            Object g100 = r.get("g100");
            assertThat(g100 == null ? 0L : ((Number) g100).longValue()).as(e.getKey()).isEqualTo(c[3]);
            double[] sorted = exp.latencies().get(e.getKey()).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            for (String[] q : new String[][] {{"p50_ms", "0.5"}, {"p95_ms", "0.95"}, {"p99_ms", "0.99"}}) {
                double exact = sorted[(int) Math.floor(Double.parseDouble(q[1]) * (sorted.length - 1))];
                double got = ((Number) r.get(q[0])).doubleValue();
                assertThat(Math.abs(got - exact)).as(e.getKey() + " " + q[0]).isLessThanOrEqualTo(exact * 0.01);
                checkedQuantiles++;
            }
        }
        assertThat(checkedQuantiles).isGreaterThan(1000);
        // the stored sketch decodes to the same p99 as the column
        Map<String, Object> any = rows.get(0);
        double p99 = LatencySketch.fromBytes(java.util.HexFormat.of().parseHex((String) any.get("latency_sketch")))
                .getValueAtQuantile(0.99);
        assertThat(p99).isEqualTo(((Number) any.get("p99_ms")).doubleValue());
    }

    @Test
    @Order(3)
    void independentReaderSeesProperTypesAndPartitions() throws Exception {
        Map<String, String> t = Tables.describe(out, "sli_minute");
        assertThat(t).containsEntry("minute", "TIMESTAMP WITH TIME ZONE")
                .containsEntry("total", "BIGINT").containsEntry("good", "BIGINT")
                .containsEntry("good_latency", "MAP(INTEGER, BIGINT)")
                .containsEntry("p99_ms", "DOUBLE").containsEntry("latency_sketch", "BLOB")
                .containsKey("dt");
        assertThat(Tables.describe(out, "ingest_audit")).containsEntry("lines_read", "BIGINT")
                .containsEntry("first_ts", "TIMESTAMP WITH TIME ZONE");
        try (Stream<Path> s = Files.list(out.resolve("sli_minute"))) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("dt=2026-03-01", "dt=2026-03-02");
        }
        assertThat(out.resolve(".staging")).doesNotExist();
    }

    // Privacy (no client IP, agent, query string, token or e-mail in any output): PrivacyScanITCase scans
    // every table, the report and the OpenSLO files of a run over logs seeded with such values.

    @Test
    @Order(5)
    void rerunIsIdempotentAndASubRangeReplacesOnlyItsDates() throws Exception {
        String before = snapshot(out);
        Map<String, String> day1Files = files(out, "2026-03-01");
        assertThat(Main.execute("ingest", "--logs", logs + "/nginx", "--journeys", logs.resolve("journeys.yaml").toString(),
                "--out", out.toString(), "--quiet")).isEqualTo(0);
        assertThat(snapshot(out)).isEqualTo(before);

        // change the input of day 2 (drop its second half) and re-ingest only day 2
        Path day2 = logs.resolve("nginx/access-2026-03-02.log.gz");
        List<String> kept;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(day2)),
                StandardCharsets.UTF_8))) {
            List<String> all = r.lines().toList();
            kept = all.subList(0, all.size() / 2);
        }
        try (var w = new java.io.PrintWriter(new java.io.OutputStreamWriter(
                new java.util.zip.GZIPOutputStream(Files.newOutputStream(day2)), StandardCharsets.UTF_8))) {
            kept.forEach(w::println);
        }
        day1Files = files(out, "2026-03-01");
        assertThat(Main.execute("ingest", "--logs", logs + "/nginx", "--journeys", logs.resolve("journeys.yaml").toString(),
                "--out", out.toString(), "--from", "2026-03-02", "--to", "2026-03-02", "--quiet")).isEqualTo(0);
        assertThat(files(out, "2026-03-01")).as("day 1 untouched").isEqualTo(day1Files);
        long read2 = ((Number) Tables.query("SELECT SUM(lines_read) AS n FROM " + Tables.scan(out, "ingest_audit")
                + " WHERE dt = '2026-03-02'").get(0).get("n")).longValue();
        assertThat(read2).isLessThanOrEqualTo(kept.size()).isGreaterThan(kept.size() - 50);
        long total2 = ((Number) Tables.query("SELECT SUM(total) AS n FROM " + Tables.scan(out, "sli_minute")
                + " WHERE dt = '2026-03-02'").get(0).get("n")).longValue();
        Expected exp = expected(logs.resolve("nginx"));
        long expectedTotal2 = exp.counts().entrySet().stream()
                .filter(e -> LocalDate.ofEpochDay(Long.parseLong(e.getKey().split("\\|")[1]) / 86_400_000L).toString()
                        .equals("2026-03-02"))
                .mapToLong(e -> e.getValue()[0]).sum();
        assertThat(total2).isEqualTo(expectedTotal2);
    }

    /** Every table's rows, sorted, as text (file names excluded: they are new each run). */
    static String snapshot(Path out) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String t : IngestJob.TABLES) {
            for (Map<String, Object> r : Tables.query("SELECT * FROM " + Tables.scan(out, t) + " ORDER BY ALL")) {
                b.append(t).append(r).append('\n');
            }
        }
        return b.toString();
    }

    /** Name -> size + mtime of the files of every table's partition dt. */
    static Map<String, String> files(Path out, String dt) throws IOException {
        Map<String, String> m = new TreeMap<>();
        for (String t : IngestJob.TABLES) {
            Path p = out.resolve(t).resolve("dt=" + dt);
            if (!Files.isDirectory(p)) {
                continue;
            }
            try (Stream<Path> s = Files.list(p)) {
                for (Path f : s.toList()) {
                    m.put(t + "/" + f.getFileName(), Files.size(f) + "@" + Files.getLastModifiedTime(f));
                }
            }
        }
        assertThat(m).isNotEmpty();
        return m;
    }

    @Test
    @Order(6)
    void badConfigurationFailsBeforeTheJobAndTouchesNothing() throws Exception {
        String before = snapshot(out);
        Path bad = tmp.resolve("bad.yaml");
        String good = Files.readString(logs.resolve("journeys.yaml"));
        String[][] cases = {
            {good.replaceFirst("    match:", "    matches:"), "unknown field"},
            {good.replaceFirst("path: \"/api/v1/login\"", "regex: \"^/api/(v1\""), "invalid regex"},
            {good.replaceFirst("name: logout", "name: login"), "duplicate journey 'login'"},
            {good.replaceFirst("latency_thresholds_ms: \\[100", "latency_thresholds_ms: [0"), "must be > 0"},
        };
        for (String[] c : cases) {
            assertThat(c[0]).isNotEqualTo(good);
            Files.writeString(bad, c[0]);
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            java.io.PrintStream old = System.err;
            System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
            int rc;
            try {
                rc = Main.execute("ingest", "--logs", logs + "/nginx", "--journeys", bad.toString(), "--out",
                        out.toString(), "--quiet");
            } finally {
                System.setErr(old);
            }
            String msg = err.toString(StandardCharsets.UTF_8);
            assertThat(rc).as(msg).isEqualTo(2);
            assertThat(msg).contains(bad + ":").contains(c[1]).containsPattern(Pattern.quote(bad.toString()) + ":\\d+: [a-z_\\[\\]0-9.]+: ");
        }
        assertThat(snapshot(out)).isEqualTo(before);
        assertThat(Arrays.asList(out.toFile().list())).doesNotContain(".staging");
    }

    @Test
    @Order(7)
    void aRunKilledMidwayLeavesThePublishedPartitionsIntact() throws Exception {
        String before = snapshot(out);
        Path big = tmp.resolve("big");
        LogGenerator.generate(GeneratorConfig.builder().outputDir(big).days(4).perDay(500_000).seed(9)
                .format(LogFormat.NGINX).start(START).build());
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "ingest", "--logs", big.resolve("nginx").toString(), "--journeys", big.resolve("journeys.yaml").toString(),
                "--out", out.toString(), "--quiet")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("killed-run.log").toFile()).start();
        try {
            // wait until the run is writing its staged output, then kill it without warning
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
            while (!stagingHasFiles(out.resolve(".staging")) && p.isAlive() && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
            }
            assertThat(p.isAlive()).as("the run was still going when killed").isTrue();
            assertThat(stagingHasFiles(out.resolve(".staging"))).isTrue();
        } finally {
            p.destroyForcibly().waitFor();
        }
        assertThat(snapshot(out)).as("published tables unchanged by the killed run").isEqualTo(before);
        // the next run starts clean and publishes normally
        assertThat(Main.execute("ingest", "--logs", logs + "/nginx", "--journeys", logs.resolve("journeys.yaml").toString(),
                "--out", out.toString(), "--from", "2026-03-01", "--to", "2026-03-01", "--quiet")).isEqualTo(0);
        assertThat(out.resolve(".staging")).doesNotExist();
        assertThat(snapshot(out)).isEqualTo(before);
    }

    static boolean stagingHasFiles(Path staging) throws IOException {
        if (!Files.isDirectory(staging)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(staging)) {
            return s.anyMatch(Files::isRegularFile);
        }
    }
}
