package dev.sliflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.cli.Main;
import dev.sliflow.gen.GeneratorConfig;
import dev.sliflow.gen.LogGenerator;
import dev.sliflow.gen.Scenario;
import dev.sliflow.parse.LogFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming with a watched folder: log files land one by one; an injected outage raises a page in
 * the live alerts at the same minute the backtest reports for the same data. And files arriving
 * out of order: their lines are late, counted and kept, never lost.
 */
class StreamAlertsITCase {
    @TempDir
    Path tmp;

    @Test
    void anOutageLandingInAWatchedFolderPagesAtTheMinuteTheBacktestReports() throws Exception {
        Path gen = tmp.resolve("gen");
        LogGenerator.Result g = LogGenerator.generate(GeneratorConfig.builder().outputDir(gen).days(3).perDay(40_000)
                .seed(17).format(LogFormat.NGINX).start(LocalDate.parse("2026-03-01")).build());
        Scenario.Incident outage = g.scenario().incidents().stream()
                .filter(i -> i.kind() == Scenario.Kind.OUTAGE).findFirst().orElseThrow();
        Path slos = tmp.resolve("slos.yaml");
        Files.writeString(slos, String.join("\n",
                "candidates:",
                "  - {journey: " + outage.journeyName() + ", availability: [0.999]}",
                "windows: [30d]",
                "alerting: sre-workbook", ""));
        Path watched = Files.createDirectories(tmp.resolve("incoming"));
        Path out = tmp.resolve("stream");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // sliflow's own log configuration (the test classpath also has Flink's silent log4j2-test)
                "-Dlog4j.configurationFile=" + Main.class.getClassLoader().getResource("log4j2.properties"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "ingest", "--mode", "stream",
                "--watch", "1s", "--logs", watched.toString(), "--journeys", gen.resolve("journeys.yaml").toString(),
                "--out", out.toString(), "--slos", slos.toString(), "--checkpoint-interval", "1s"));
        Path log = Path.of(System.getProperty("java.io.tmpdir"), "sliflow-stream-alerts.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String fired;
        try {
            List<Path> files;
            try (Stream<Path> s = Files.list(gen.resolve("nginx"))) {
                files = s.sorted().toList();
            }
            for (Path f : files) { // the files land one after another, as a log shipper would deliver them
                Path tmpCopy = watched.resolve("." + f.getFileName());
                Files.copy(f, tmpCopy);
                Files.move(tmpCopy, watched.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                long expected = linesUpTo(g, f);
                waitFor(() -> linesRead(out) >= expected, p, 120);
            }
            String where = "journey = '" + outage.journeyName() + "' AND tier = 'page-1h'";
            waitFor(() -> count(out, "alerts", where) > 0, p, 120);
            fired = firstFiring(out, where);
            assertThat(Files.readString(log)).contains("ALERT page " + outage.journeyName());
        } finally {
            p.destroyForcibly().waitFor();
        }
        // the backtest over the same data
        Path batch = tmp.resolve("batch");
        assertThat(Main.execute("ingest", "--logs", gen.resolve("nginx").toString(), "--journeys",
                gen.resolve("journeys.yaml").toString(), "--out", batch.toString(), "--quiet")).isZero();
        assertThat(Main.execute("backtest", "--out", batch.toString(), "--slos", slos.toString(), "--quiet")).isZero();
        String backtest = firstFiring(batch, "journey = '" + outage.journeyName() + "' AND tier = 'page-1h'"
                + " AND fired_at >= epoch_ms(" + outage.startMicros() / 1000 + ")");
        assertThat(fired).isEqualTo(backtest);
        assertThat(fired).isEqualTo(firstFiring(out, "journey = '" + outage.journeyName() + "' AND tier = 'page-1h'"
                + " AND fired_at >= epoch_ms(" + outage.startMicros() / 1000 + ")"));
    }

    @Test
    void linesOfAFileArrivingOutOfOrderAreLateCountedAndKept() throws Exception {
        Path gen = tmp.resolve("gen");
        LogGenerator.Result g = LogGenerator.generate(GeneratorConfig.builder().outputDir(gen).days(2).perDay(150_000)
                .seed(23).format(LogFormat.NGINX).start(LocalDate.parse("2026-03-01")).build());
        Path in = Files.createDirectories(tmp.resolve("in"));
        // day 2 is read first, day 1 after it (path order): day 1 arrives out of order
        Files.copy(gen.resolve("nginx/access-2026-03-02.log.gz"), in.resolve("a-2026-03-02.log.gz"));
        Files.copy(gen.resolve("nginx/access-2026-03-01.log.gz"), in.resolve("b-2026-03-01.log.gz"));
        Path out = tmp.resolve("out");
        assertThat(Main.execute("ingest", "--mode", "stream", "--logs", in.toString(), "--journeys",
                gen.resolve("journeys.yaml").toString(), "--out", out.toString(), "--parallelism", "1",
                "--checkpoint-interval", "1s", "--quiet")).isZero();
        Map<String, Object> b = Tables.query("SELECT SUM(lines_read) AS r, SUM(parsed) AS p, SUM(rejected) AS j,"
                + " SUM(matched) AS m, SUM(excluded) AS e, SUM(unmatched) AS u, SUM(late) AS l FROM "
                + Tables.scan(out, "ingest_audit") + " WHERE file LIKE '%b-2026-03-01%'").get(0);
        long late = ((Number) b.get("l")).longValue();
        long matched = ((Number) b.get("m")).longValue();
        assertThat(((Number) b.get("r")).longValue()).isEqualTo(g.files().stream()
                .filter(f -> f.toString().contains("03-01")).count() == 1 ? linesOf(g, "2026-03-01") : -1);
        assertThat(((Number) b.get("r")).longValue()).isEqualTo(((Number) b.get("p")).longValue() + ((Number) b.get("j")).longValue());
        assertThat(((Number) b.get("p")).longValue()).isEqualTo(matched + ((Number) b.get("e")).longValue()
                + ((Number) b.get("u")).longValue() + late);
        // day 1 came after day 2, in a file of its own: the clock moved on when that file began, so every
        // journey request of it is late, however fast day 2 was read (not only those after a timer tick)
        assertThat(matched).as("journey requests of day 1 not late").isZero();
        assertThat(late).as("day 1 came after day 2: its journey requests are late").isGreaterThan(10_000);
        assertThat(count(out, "late_events", "file LIKE '%b-2026-03-01%'")).isEqualTo(late);
        try (dev.sliflow.query.SqlRunner sql = new dev.sliflow.query.SqlRunner(out.toString())) { // sql/ddl/late_events.sql
            assertThat(sql.run("SELECT COUNT(*) FROM late_events WHERE event_time < closed_before").rows.get(0).getField(0))
                    .isEqualTo(late);
        }
        // and the total: every line of both files is accounted for
        assertThat(((Number) Tables.query("SELECT SUM(lines_read) AS n FROM " + Tables.scan(out, "ingest_audit")).get(0)
                .get("n")).longValue()).isEqualTo(g.lines());
    }

    static long linesOf(LogGenerator.Result g, String day) throws Exception {
        String json = Files.readString(g.groundTruth());
        // ground truth: "files": [{"path": ".../access-<day>.log.gz", ..., "lines": N, ...}]
        int at = json.indexOf("access-" + day);
        int l = json.indexOf("\"lines\"", at);
        int colon = json.indexOf(':', l);
        int end = colon + 1;
        while (Character.isWhitespace(json.charAt(end))) {
            end++;
        }
        int start = end;
        while (Character.isDigit(json.charAt(end))) {
            end++;
        }
        return Long.parseLong(json.substring(start, end));
    }

    static long linesUpTo(LogGenerator.Result g, Path file) throws Exception {
        long n = 0;
        for (Path f : g.files()) {
            if (f.getFileName().toString().compareTo(file.getFileName().toString()) <= 0) {
                String name = f.getFileName().toString();
                n += linesOf(g, name.substring("access-".length(), "access-".length() + 10));
            }
        }
        return n;
    }

    static long linesRead(Path out) {
        try {
            if (!Files.isDirectory(out.resolve("ingest_audit")) || !hasParquet(out.resolve("ingest_audit"))) {
                return 0;
            }
            Object v = Tables.query("SELECT SUM(lines_read) AS n FROM " + Tables.scan(out, "ingest_audit")).get(0).get("n");
            return v == null ? 0 : ((Number) v).longValue();
        } catch (Exception e) {
            return 0; // a part file being committed right now: try again
        }
    }

    static long count(Path out, String table, String where) {
        try {
            if (!hasParquet(out.resolve(table))) {
                return 0;
            }
            return ((Number) Tables.query("SELECT COUNT(*) AS n FROM " + Tables.scan(out, table) + " WHERE " + where)
                    .get(0).get("n")).longValue();
        } catch (Exception e) {
            return 0;
        }
    }

    static boolean hasParquet(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(f -> f.getFileName().toString().endsWith(".parquet") && !f.getFileName().toString().startsWith("."));
        }
    }

    static String firstFiring(Path out, String where) throws Exception {
        return String.valueOf(Tables.query("SELECT MIN(fired_at) AS f FROM " + Tables.scan(out, "alerts") + " WHERE " + where)
                .get(0).get("f"));
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Check c, Process p, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!c.ok()) {
            assertThat(p.isAlive()).as("the streaming job is still running").isTrue();
            assertThat(System.nanoTime()).as("waited " + seconds + " s").isLessThan(deadline);
            LockSupport.parkNanos(200_000_000L);
        }
    }
}
