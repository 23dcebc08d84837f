package dev.sliflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.cli.Main;
import dev.sliflow.gen.GeneratorConfig;
import dev.sliflow.gen.LogGenerator;
import dev.sliflow.parse.LogFormat;
import dev.sliflow.sli.LatencySketch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming ingest on a local MiniCluster: the same files give the same sli_minute rows as the
 * batch job; a run killed with SIGKILL at several points and restarted from its checkpoint ends
 * with exactly the rows of an uninterrupted run; late lines are kept and counted.
 */
class StreamIngestITCase {
    @TempDir
    static Path tmp;
    static Path logs;
    static Path batchOut;
    static LogGenerator.Result gen;

    @BeforeAll
    static void generateAndRunBatch() throws Exception {
        logs = tmp.resolve("logs");
        gen = LogGenerator.generate(GeneratorConfig.builder().outputDir(logs).days(3).perDay(40_000).seed(21)
                .format(LogFormat.NGINX).start(LocalDate.parse("2026-03-01")).build());
        batchOut = tmp.resolve("batch");
        assertThat(Main.execute("ingest", "--logs", logs.resolve("nginx").toString(), "--journeys", journeys(),
                "--out", batchOut.toString(), "--quiet")).isZero();
    }

    static String journeys() {
        return logs.resolve("journeys.yaml").toString();
    }

    /** sli_minute rows without the sketch bytes, plus the quantiles the sketch decodes to, sorted. */
    static List<String> minutes(Path out) throws Exception {
        List<String> rows = new ArrayList<>();
        for (Map<String, Object> r : Tables.query("SELECT * FROM " + Tables.scan(out, "sli_minute")
                + " ORDER BY journey, region, \"minute\"")) {
            byte[] sketch = HexFormat.of().parseHex((String) r.remove("latency_sketch"));
            String q = sketch.length == 0 ? "-" : String.valueOf(
                    LatencySketch.fromBytes(sketch).getValueAtQuantile(0.5) + "/" + LatencySketch.fromBytes(sketch)
                            .getValueAtQuantile(0.99));
            rows.add(r + " sketch=" + q);
        }
        return rows;
    }

    static long sum(Path out, String table, String column) throws Exception {
        Object v = Tables.query("SELECT SUM(" + column + ") AS n FROM " + Tables.scan(out, table)).get(0).get("n");
        return v == null ? 0 : ((Number) v).longValue();
    }

    @Test
    void batchAndStreamGiveTheSameMinuteRows() throws Exception {
        Path streamOut = tmp.resolve("stream");
        assertThat(Main.execute("ingest", "--mode", "stream", "--logs", logs.resolve("nginx").toString(), "--journeys",
                journeys(), "--out", streamOut.toString(), "--checkpoint-interval", "2s", "--quiet")).isZero();
        List<String> batch = minutes(batchOut);
        assertThat(batch).hasSizeGreaterThan(3000);
        assertThat(minutes(streamOut)).isEqualTo(batch);
        assertThat(sum(streamOut, "ingest_audit", "lines_read")).isEqualTo(gen.lines());
        assertThat(sum(streamOut, "ingest_audit", "late")).isZero();
        assertThat(sum(streamOut, "ingest_audit", "rejected")).isEqualTo(gen.garbageLines());
    }

    @Test
    void aStreamKilledAtSeveralPointsAndRestoredEndsWithTheRowsOfAnUninterruptedRun() throws Exception {
        Path out = tmp.resolve("killed");
        Path ck = tmp.resolve("checkpoints");
        List<String> common = List.of("ingest", "--mode", "stream", "--logs", logs.resolve("nginx").toString(),
                "--journeys", journeys(), "--out", out.toString(), "--checkpoint-dir", ck.toUri().toString(),
                "--checkpoint-interval", "1s", "--parallelism", "2");
        int kills = 0;
        int terms = 0;
        boolean finished = false;
        for (int attempt = 0; attempt < 6 && !finished; attempt++) {
            List<String> args = new ArrayList<>(common);
            if (hasCheckpoint(ck)) {
                args.add("--restore");
                args.add("latest");
            }
            long startedMs = System.currentTimeMillis();
            Process p = start(args, tmp.resolve("run-" + attempt + ".log"));
            // let it complete a checkpoint of its own (however slow the machine), get a little further
            // each time, then kill it without warning: SIGKILL, the second time SIGTERM
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (p.isAlive() && System.nanoTime() < deadline && newestCheckpointMs(ck) < startedMs) {
                LockSupport.parkNanos(20_000_000L);
            }
            long extra = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300 + attempt * 700L);
            while (p.isAlive() && System.nanoTime() < extra) {
                LockSupport.parkNanos(20_000_000L);
            }
            if (!p.isAlive()) {
                assertThat(p.exitValue()).as(Files.readString(tmp.resolve("run-" + attempt + ".log"))).isZero();
                finished = true;
                continue;
            }
            if (kills == 1) {
                // SIGTERM (what Ctrl-C, kill and service managers send): no graceful stop either, but a note
                p.destroy();
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stopped by SIGTERM").isTrue();
                terms++;
                assertThat(Files.readString(tmp.resolve("run-" + attempt + ".log"))).contains("stream stopped: the tables hold what the last completed checkpoint committed")
                        .contains("--restore latest");
            } else {
                p.destroyForcibly().waitFor();
            }
            kills++;
            // killed in the instant after it completed: nothing left to resume
            finished = Files.exists(ck.resolve(StreamIngestJob.COMPLETED));
        }
        assertThat(kills).as("the run was killed at least twice before it could finish").isGreaterThanOrEqualTo(2);
        assertThat(terms).as("once of them with SIGTERM").isEqualTo(1);
        if (!finished) { // finish from the last checkpoint
            List<String> args = new ArrayList<>(common);
            args.add("--restore");
            args.add("latest");
            Process last = start(args, tmp.resolve("run-final.log"));
            assertThat(last.waitFor(300, TimeUnit.SECONDS)).isTrue();
            assertThat(last.exitValue()).as(Files.readString(tmp.resolve("run-final.log"))).isZero();
        }
        // a completed stream is not resumed by mistake
        assertThat(ck.resolve(StreamIngestJob.COMPLETED)).exists();
        List<String> again = new ArrayList<>(common);
        again.add("--restore");
        again.add("latest");
        Process refused = start(again, tmp.resolve("run-again.log"));
        assertThat(refused.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.exitValue()).isEqualTo(2);
        assertThat(Files.readString(tmp.resolve("run-again.log"))).contains("nothing to resume");

        assertThat(sum(out, "ingest_audit", "lines_read")).as("no line counted twice or lost").isEqualTo(gen.lines());
        assertThat(sum(out, "ingest_audit", "late")).as("late lines").isZero();
        List<String> got = minutes(out);
        List<String> want = minutes(batchOut);
        assertThat(got.size()).as("rows").isEqualTo(want.size());
        for (int i = 0; i < want.size(); i++) {
            assertThat(got.get(i)).as("row " + i).isEqualTo(want.get(i));
        }
        assertThat(sum(out, "ingest_audit", "rejected")).isEqualTo(gen.garbageLines());
        assertThat(Tables.query("SELECT COUNT(*) AS n FROM " + Tables.scan(out, "rejects")).get(0).get("n"))
                .isEqualTo(gen.garbageLines());
    }

    /** Modification time of the newest completed checkpoint's metadata, or 0. */
    static long newestCheckpointMs(Path ck) throws IOException {
        if (!Files.isDirectory(ck)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(ck)) {
            return s.filter(p -> p.getFileName().toString().equals("_metadata")).mapToLong(p -> {
                try {
                    return Files.getLastModifiedTime(p).toMillis();
                } catch (IOException e) {
                    return 0; // subsumed and deleted meanwhile
                }
            }).max().orElse(0);
        }
    }

    static boolean hasCheckpoint(Path ck) throws IOException {
        if (!Files.isDirectory(ck)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(ck)) {
            return s.anyMatch(p -> p.getFileName().toString().equals("_metadata"));
        }
    }

    static Process start(List<String> args, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
