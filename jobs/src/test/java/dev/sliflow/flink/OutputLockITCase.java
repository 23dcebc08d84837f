package dev.sliflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.cli.CliRun;
import dev.sliflow.cli.Main;
import dev.sliflow.gen.GeneratorConfig;
import dev.sliflow.gen.LogGenerator;
import dev.sliflow.parse.LogFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per output folder, with real commands in their own processes: a backtest started while
 * a backfill runs is refused naming the backfill (before, it deleted the backfill's staged files and
 * the backfill published partial partitions), and the lock of a backfill killed with SIGKILL is
 * recovered by the next command.
 */
class OutputLockITCase {
    @TempDir
    static Path tmp;

    static Process ingestProcess(Path logs, Path out, Path log) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "ingest", "--logs", logs.resolve("nginx").toString(), "--journeys", logs.resolve("journeys.yaml").toString(),
                "--out", out.toString(), "--parallelism", "2", "--quiet")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits (polling, no fixed sleep) until the process has staged files under out/.staging. */
    static void awaitStaging(Process p, Path out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!IngestJobITCase.stagingHasFiles(out.resolve(".staging")) && p.isAlive() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(20_000_000L);
        }
        assertThat(p.isAlive()).as("the ingest was still running").isTrue();
        assertThat(IngestJobITCase.stagingHasFiles(out.resolve(".staging"))).isTrue();
    }

    @Test
    void aBacktestDuringABackfillIsRefusedAndAKilledHoldersLockIsRecovered() throws Exception {
        Path small = tmp.resolve("small");
        LogGenerator.generate(GeneratorConfig.builder().outputDir(small).days(2).perDay(2_000).seed(3)
                .format(LogFormat.NGINX).start(LocalDate.parse("2026-03-01")).build());
        Path big = tmp.resolve("big");
        LogGenerator.Result bigGen = LogGenerator.generate(GeneratorConfig.builder().outputDir(big).days(3).perDay(300_000)
                .seed(9).format(LogFormat.NGINX).start(LocalDate.parse("2026-04-01")).build());
        Path out = tmp.resolve("out");
        assertThat(Main.execute("ingest", "--logs", small + "/nginx", "--journeys", small.resolve("journeys.yaml").toString(),
                "--out", out.toString(), "--parallelism", "2", "--quiet")).isEqualTo(0);

        // a backfill runs; a backtest on the same --out is refused before its job, naming the backfill
        Process backfill = ingestProcess(big, out, tmp.resolve("backfill.log"));
        try {
            awaitStaging(backfill, out);
            CliRun bt = CliRun.of("backtest", "--out", out.toString(), "--slos", small.resolve("slos.yaml").toString(),
                    "--parallelism", "1", "--quiet");
            assertThat(bt.rc()).as(bt.err()).isEqualTo(2);
            assertThat(bt.err().lines().filter(l -> !l.isBlank() && !l.startsWith("sliflow backtest: ")).toList())
                    .singleElement().satisfies(l -> assertThat(l)
                            .startsWith("sliflow: error: --out " + out + " is in use by another sliflow command: pid "
                                    + backfill.pid() + " on host " + OutputLock.hostName() + " (sliflow ingest, started 20")
                            .endsWith("; one writer per output folder: wait for it to end"));
            assertThat(backfill.waitFor(300, TimeUnit.SECONDS)).isTrue();
        } finally {
            backfill.destroyForcibly().waitFor();
        }
        assertThat(backfill.exitValue()).as(Files.readString(tmp.resolve("backfill.log"))).isZero();
        // the backfill published whole partitions: every line it read is in its audit
        long audited = ((Number) Tables.query("SELECT sum(lines_read) AS n FROM " + Tables.scan(out, "ingest_audit")
                + " WHERE dt >= '2026-04-01'").get(0).get("n")).longValue();
        assertThat(audited).isEqualTo(bigGen.lines());
        assertThat(out.resolve(".lock")).doesNotExist();

        // a backfill killed without warning leaves its lock: the next command recovers it and says so
        Process killed = ingestProcess(big, out, tmp.resolve("killed.log"));
        try {
            awaitStaging(killed, out);
        } finally {
            killed.destroyForcibly().waitFor();
        }
        CliRun next = CliRun.of("ingest", "--logs", small + "/nginx", "--journeys", small.resolve("journeys.yaml").toString(),
                "--out", out.toString(), "--parallelism", "2", "--quiet");
        assertThat(next.rc()).as(next.err()).isZero();
        assertThat(next.err()).contains("recovered the lock of --out " + out + " left by pid " + killed.pid());
        assertThat(out.resolve(".staging")).doesNotExist();
        assertThat(out.resolve(".lock")).doesNotExist();
    }
}
