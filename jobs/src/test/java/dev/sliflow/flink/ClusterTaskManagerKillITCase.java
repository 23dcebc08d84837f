package dev.sliflow.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.sliflow.cli.Main;
import dev.sliflow.gen.GeneratorConfig;
import dev.sliflow.gen.LogGenerator;
import dev.sliflow.parse.LogFormat;
import dev.sliflow.table.TableDiff;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming ingest on a real standalone Flink cluster (jobs/cluster/flink-cluster.sh: a
 * JobManager and two TaskManagers, each its own JVM), submitted as {@code target/sliflow.jar} with
 * Flink's CLI. One TaskManager is killed with SIGKILL after checkpoints have completed; a
 * replacement TaskManager joins, the job restarts from its latest checkpoint and finishes, and the
 * tables hold exactly what an embedded batch ingest of the same logs writes: no duplicate, no gap.
 *
 * <p>Runs in the integration-test phase (maven-failsafe-plugin), after the shaded jar is built.
 */
class ClusterTaskManagerKillITCase {
    @TempDir
    static Path tmp;
    static Path repo;
    static Path script;
    static Path clusterDir;
    static int restPort;
    static LogGenerator.Result gen;
    static Path logs;
    static Path batchOut;
    static final long T0 = System.nanoTime();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void generateRunBatchAndStartTheCluster() throws Exception {
        repo = Path.of(System.getProperty("sliflow.repo", ".")).toAbsolutePath();
        script = repo.resolve("jobs/cluster/flink-cluster.sh");
        assertThat(repo.resolve("target/sliflow.jar")).as("the shaded jar (built in the package phase)").exists();
        logs = tmp.resolve("logs");
        gen = LogGenerator.generate(GeneratorConfig.builder().outputDir(logs).days(6).perDay(150_000).seed(31)
                .format(LogFormat.NGINX).start(LocalDate.parse("2026-03-01")).build());
        batchOut = tmp.resolve("batch");
        assertThat(Main.execute("ingest", "--logs", logs.resolve("nginx").toString(), "--journeys", journeys(),
                "--out", batchOut.toString(), "--parallelism", "2", "--quiet")).isZero();
        log("generated %,d lines in %d files; embedded batch ingest done", gen.lines(), gen.files().size());

        clusterDir = tmp.resolve("cluster");
        try (ServerSocket s = new ServerSocket(0)) {
            restPort = s.getLocalPort();
        }
        long t = System.nanoTime();
        Result r = script(Duration.ofSeconds(300), "start", "--taskmanagers", "2", "--slots", "1");
        assertThat(r.rc).as("cluster start:\n" + r.output).isZero();
        log("cluster started in %.1f s: %s", (System.nanoTime() - t) / 1e9, get("/overview"));
    }

    @AfterAll
    static void stopTheCluster() throws Exception {
        if (clusterDir != null) {
            Result r = script(Duration.ofSeconds(90), "stop");
            log("cluster stop: rc %d", r.rc);
            // keep the JobManager's and TaskManagers' logs for a look after the build
            Path keep = repo.resolve("target/cluster-kill-logs");
            Files.createDirectories(keep);
            try (java.util.stream.Stream<Path> files = Files.list(clusterDir.resolve("log"))) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.copy(f, keep.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static String journeys() {
        return logs.resolve("journeys.yaml").toString();
    }

    @Test
    void aStreamSurvivesATaskManagerKilledWithSigkillWithNoDuplicateAndNoGap() throws Exception {
        Path out = tmp.resolve("stream");
        Path submitLog = tmp.resolve("submit.log");
        Process submit = start(submitLog, "submit", "ingest", "--mode", "stream", "--logs",
                logs.resolve("nginx").toString(), "--journeys", journeys(), "--out", out.toString(),
                "--checkpoint-interval", "1s", "--parallelism", "2");
        try {
            String jid = poll(Duration.ofSeconds(120), submit, submitLog,
                    () -> first("\"jid\":\"([0-9a-f]+)\"[^}]*\"jobType\":\"STREAMING\"", get("/jobs/overview")));
            log("streaming job %s submitted", jid);
            // at least two completed checkpoints: the job has made progress that must not be lost
            long before = Long.parseLong(poll(Duration.ofSeconds(120), submit, submitLog, () -> {
                String cp = get("/jobs/" + jid + "/checkpoints");
                String n = first("\"completed\":(\\d+)", cp);
                return n != null && Long.parseLong(n) >= 2 ? first("\"latest\":\\{\"completed\":\\{[^}]*?\"id\":(\\d+)", cp) : null;
            }));
            assertThat(status(jid)).as("the job is still running when the TaskManager is killed").isEqualTo("RUNNING");
            log("checkpoint %d completed; killing taskmanager-2 with SIGKILL", before);

            Result kill = script(Duration.ofSeconds(30), "kill-taskmanager", "2");
            assertThat(kill.rc).as(kill.output).isZero();
            Result add = script(Duration.ofSeconds(180), "add-taskmanager");
            assertThat(add.rc).as(add.output).isZero();
            log("taskmanager-3 registered");

            assertThat(submit.waitFor(600, TimeUnit.SECONDS)).as("the job finishes").isTrue();
            assertThat(submit.exitValue()).as(Files.readString(submitLog)).isZero();
            log("job finished: %s", last(Files.readString(submitLog), 3));

            // the status endpoint asks the JobManager; job details come from a cache refreshed every few seconds
            poll(Duration.ofSeconds(60), null, submitLog, () -> "FINISHED".equals(status(jid)) ? "yes" : null);
            String job = get("/jobs/" + jid);
            assertThat(Long.parseLong(first("\"RESTARTING\":(\\d+)", job))).as("the job restarted").isPositive();
            String checkpoints = get("/jobs/" + jid + "/checkpoints");
            String restored = first("\"restored\":\\{\"id\":(\\d+)", checkpoints);
            assertThat(restored).as("restored from a checkpoint: " + checkpoints).isNotNull();
            assertThat(Long.parseLong(restored)).as("restored from the checkpoint seen before the kill or a later one")
                    .isGreaterThanOrEqualTo(before);
            String exceptions = get("/jobs/" + jid + "/exceptions");
            assertThat(exceptions).as("the failure was the lost TaskManager").contains("taskmanager-2");
            log("restarted from checkpoint %s (%s restore(s)); failure: %s", restored,
                    first("\"counts\":\\{\"restored\":(\\d+)", checkpoints),
                    first("\"exceptionName\":\"([^\"]+)\"", exceptions));
        } finally {
            if (submit.isAlive()) {
                submit.descendants().forEach(ProcessHandle::destroyForcibly);
                submit.destroyForcibly();
            }
        }

        // no duplicate, no gap: the tables equal the embedded batch ingest of the same files
        assertThat(TableDiff.diff(batchOut, out, "sli_minute")).isEmpty();
        assertThat(TableDiff.diff(batchOut, out, "rejects")).isEmpty();
        // the stream writes ingest_audit and unmatched_paths per checkpoint interval: compare the sums
        String audit = "SELECT dt, file, format, SUM(lines_read) AS lines_read, SUM(parsed) AS parsed,"
                + " SUM(rejected) AS rejected, SUM(matched) AS matched, SUM(excluded) AS excluded,"
                + " SUM(unmatched) AS unmatched, SUM(late) AS late, SUM(rejects_not_kept) AS rejects_not_kept,"
                + " MIN(first_ts) AS first_ts, MAX(last_ts) AS last_ts FROM %s GROUP BY ALL ORDER BY ALL";
        List<Map<String, Object>> want = Tables.query(String.format(audit, Tables.scan(batchOut, "ingest_audit")));
        assertThat(Tables.query(String.format(audit, Tables.scan(out, "ingest_audit")))).isEqualTo(want);
        String unmatched = "SELECT dt, method, path, SUM(requests) AS requests FROM %s GROUP BY ALL ORDER BY ALL";
        assertThat(Tables.query(String.format(unmatched, Tables.scan(out, "unmatched_paths"))))
                .isEqualTo(Tables.query(String.format(unmatched, Tables.scan(batchOut, "unmatched_paths"))));
        assertThat(StreamIngestITCase.sum(out, "ingest_audit", "lines_read")).as("every input line counted once")
                .isEqualTo(gen.lines());
        assertThat(StreamIngestITCase.sum(out, "ingest_audit", "late")).isZero();
        assertThat(Tables.query("SELECT COUNT(*) AS n FROM " + Tables.scan(out, "rejects")).get(0).get("n"))
                .isEqualTo(gen.garbageLines());
        log("tables equal: sli_minute %,d rows, rejects %,d rows, ingest_audit %d file-days, %,d lines",
                TableDiff.rows(out, "sli_minute").values().stream().mapToInt(Integer::intValue).sum(),
                gen.garbageLines(), want.size(), gen.lines());
    }

    // --- helpers ---------------------------------------------------------------------------------

    record Result(int rc, String output) {}

    static ProcessBuilder builder(String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("SLIFLOW_CLUSTER_DIR", clusterDir.toString());
        env.put("SLIFLOW_CLUSTER_PORT", String.valueOf(restPort));
        env.put("SLIFLOW_CLUSTER_TTL", "900"); // a watchdog stops the cluster even if this JVM dies
        env.put("JAVA_HOME", System.getProperty("java.home"));
        return pb;
    }

    static Process start(Path log, String... args) throws IOException {
        return builder(args).redirectOutput(log.toFile()).start();
    }

    static Result script(Duration timeout, String... args) throws Exception {
        Path log = Files.createTempFile(tmp, "script-", ".log");
        Process p = start(log, args);
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            fail("flink-cluster.sh " + String.join(" ", args) + " did not end within " + timeout + ":\n"
                    + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log));
    }

    static String get(String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + restPort + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String status(String jid) {
        return first("\"status\":\"([A-Z]+)\"", get("/jobs/" + jid + "/status"));
    }

    static String first(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** Polls until the supplier returns non-null; fails when the submitting CLI (if given) exits first or time is up. */
    static String poll(Duration timeout, Process submit, Path submitLog, Supplier<String> what) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String v = what.get();
            if (v != null) {
                return v;
            }
            if (submit != null && !submit.isAlive()) {
                fail("the submitting CLI ended (rc " + submit.exitValue() + ") too early:\n" + Files.readString(submitLog));
            }
            LockSupport.parkNanos(200_000_000L);
        }
        fail("not reached within " + timeout + "; CLI output:\n" + Files.readString(submitLog));
        return null;
    }

    static String last(String text, int lines) {
        String[] l = text.strip().split("\n");
        return String.join(" | ", List.of(l).subList(Math.max(0, l.length - lines), l.length));
    }

    static void log(String fmt, Object... args) {
        System.out.printf("[cluster-kill %5.1f s] %s%n", (System.nanoTime() - T0) / 1e9, String.format(fmt, args));
    }
}
