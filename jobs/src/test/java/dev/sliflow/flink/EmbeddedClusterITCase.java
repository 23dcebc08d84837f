package dev.sliflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.cli.Main;
import dev.sliflow.gen.GeneratorConfig;
import dev.sliflow.gen.LogGenerator;
import dev.sliflow.ingest.DateRange;
import dev.sliflow.parse.LogFormat;
import dev.sliflow.table.TableDiff;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MiniCluster a command starts in the background while it prepares its job: the job runs on it
 * and writes exactly what it writes on a cluster Flink's executor starts itself; a cluster of
 * another shape is not used; one no job took is closed.
 */
class EmbeddedClusterITCase {
    static final List<String> TABLES = List.of("sli_minute", "rejects", "ingest_audit", "unmatched_paths");
    @TempDir
    static Path tmp;
    static Path logs;
    static Path prestartedOut;

    @BeforeAll
    static void ingestThroughTheCommand() throws Exception {
        logs = tmp.resolve("logs");
        LogGenerator.generate(GeneratorConfig.builder().outputDir(logs).days(2).perDay(6_000).seed(11)
                .format(LogFormat.NGINX).start(LocalDate.parse("2026-03-01")).garbageRate(0.01).build());
        prestartedOut = tmp.resolve("prestarted");
        // the ingest command starts the cluster before it reads the catalog and lists the inputs
        assertThat(Main.execute("ingest", "--logs", logs + "/nginx", "--journeys", logs.resolve("journeys.yaml").toString(),
                "--out", prestartedOut.toString(), "--parallelism", "2", "--quiet")).isEqualTo(0);
        assertThat(EmbeddedCluster.lastJobUsedPrestarted()).as("the command's job ran on the prestarted cluster").isTrue();
    }

    static IngestOptions options(Path out, int parallelism) {
        IngestOptions o = new IngestOptions();
        o.logs = List.of(logs + "/nginx");
        o.journeys = logs.resolve("journeys.yaml").toString();
        o.out = out.toString();
        o.format = LogFormat.AUTO;
        o.range = DateRange.all();
        o.parallelism = parallelism;
        o.progress = false;
        return o;
    }

    @Test
    void aJobOnThePrestartedClusterWritesWhatItWritesOnAClusterFlinkStarts() throws Exception {
        Path fresh = tmp.resolve("fresh");
        IngestJob.run(options(fresh, 2), System.err); // no prestart: Flink's local executor makes the cluster
        assertThat(EmbeddedCluster.lastJobUsedPrestarted()).isFalse();
        for (String t : TABLES) {
            assertThat(TableDiff.rows(prestartedOut, t)).as(t).isNotEmpty();
            assertThat(TableDiff.diff(prestartedOut, fresh, t)).as(t).isEmpty();
        }
    }

    @Test
    void aPrestartedClusterOfAnotherShapeIsNotUsedAndTheJobStillRuns() throws Exception {
        EmbeddedCluster.prestart(Jobs.batchConf(1)); // 4 slots; the job below asks for 8
        Path other = tmp.resolve("other-shape");
        IngestJob.run(options(other, 2), System.err);
        assertThat(EmbeddedCluster.lastJobUsedPrestarted()).isFalse();
        assertThat(EmbeddedCluster.discardUnused()).as("nothing left waiting").isDone();
        for (String t : TABLES) {
            assertThat(TableDiff.diff(prestartedOut, other, t)).as(t).isEmpty();
        }
    }

    /**
     * A command leaves nothing in the temporary directory: Flink deletes its MiniCluster's working
     * folder ({@code minicluster_<id>}) and REST upload folder only at the end of closing the cluster,
     * which a command exiting right after its job never reached, so every run used to leave them.
     */
    @Test
    void aCommandLeavesNothingInTheTemporaryDirectory() throws Exception {
        Path jvmTmp = Files.createDirectories(tmp.resolve("jvm-tmp"));
        Path log = tmp.resolve("own-jvm.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + jvmTmp, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "ingest", "--logs", logs + "/nginx", "--journeys", logs.resolve("journeys.yaml").toString(),
                "--out", tmp.resolve("own-jvm").toString(), "--quiet")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the run ended").isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isEqualTo(0);
        assertThat(TableDiff.diff(prestartedOut, tmp.resolve("own-jvm"), "sli_minute")).isEmpty();
        try (Stream<Path> left = Files.list(jvmTmp)) {
            assertThat(left.map(f -> f.getFileName().toString())).as("left in java.io.tmpdir").isEmpty();
        }
    }

    @Test
    void aPrestartedClusterNoJobTookIsClosed() throws Exception {
        EmbeddedCluster.prestart(Jobs.batchConf(2));
        EmbeddedCluster.discardUnused().get(60, TimeUnit.SECONDS); // waits for the start, then the close
        assertThat(EmbeddedCluster.discardUnused()).as("nothing left waiting").isDone();
    }

    @Test
    void theClusterAFlinkJobAsksForIsTheOnePrestartedForItsConfiguration() {
        // what Flink's local executor derives from the job's configuration (here: plus job-level keys)
        org.apache.flink.configuration.Configuration job = Jobs.batchConf(2);
        job.setString("pipeline.name", "sliflow ingest");
        job.setString("execution.attached", "true");
        job.setString("__table.query-start.epoch-time__", "1795473206635"); // what the Table API adds
        assertThat(EmbeddedCluster.fits(EmbeddedCluster.clusterConfiguration(Jobs.batchConf(2)),
                EmbeddedCluster.clusterConfiguration(job))).isTrue();
        assertThat(EmbeddedCluster.fits(EmbeddedCluster.clusterConfiguration(Jobs.batchConf(2)),
                EmbeddedCluster.clusterConfiguration(Jobs.batchConf(3)))).isFalse();
        org.apache.flink.configuration.Configuration moreMemory = Jobs.batchConf(2);
        moreMemory.setString("taskmanager.memory.managed.size", "1g");
        assertThat(EmbeddedCluster.fits(EmbeddedCluster.clusterConfiguration(Jobs.batchConf(2)),
                EmbeddedCluster.clusterConfiguration(moreMemory))).isFalse();
    }

    /**
     * The embedded cluster's network and batch-shuffle read buffers scale with the parallelism
     * (16 MiB per 2, at most Flink's 64): jobs at parallelism 1 and 5 (16 and 48 MiB) run and write
     * the same tables as the parallelism-2 run.
     */
    @Test
    void shuffleBuffersScaledToTheParallelismAreEnough() throws Exception {
        assertThat(Jobs.embeddedShuffleMib(1)).isEqualTo(16);
        assertThat(Jobs.embeddedShuffleMib(2)).isEqualTo(16);
        assertThat(Jobs.embeddedShuffleMib(5)).isEqualTo(48);
        assertThat(Jobs.embeddedShuffleMib(64)).isEqualTo(64);
        assertThat(Jobs.batchConf(5).get(org.apache.flink.configuration.TaskManagerOptions.NETWORK_MEMORY_MAX).getMebiBytes())
                .isEqualTo(48);
        for (int p : new int[] {1, 5}) {
            Path o = tmp.resolve("parallelism-" + p);
            IngestJob.run(options(o, p), System.err);
            for (String t : TABLES) {
                assertThat(TableDiff.diff(prestartedOut, o, t)).as(t + " at parallelism " + p).isEmpty();
            }
        }
    }
}
