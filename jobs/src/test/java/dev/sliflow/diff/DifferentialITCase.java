package dev.sliflow.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The differential harness of issue 27: seeded scenarios of rotated access logs ({@link DiffScenario}),
 * ingested in the ways users run sliflow, each of whose tables must equal what the simple
 * {@link Reference} computes from the raw lines ({@link TableCheck}):
 * <ul>
 * <li>{@code batch}: one run over all files;
 * <li>{@code cron}: one run per file (a daily cron over rotated files), in shuffled order, one file twice;
 * <li>{@code stream}: {@code --mode stream} over the folder, bounded (the late resent file sorts last);
 * <li>{@code stream-watch}: {@code --watch}, the late file landing after the others were committed
 * ({@link WatchedStream});
 * <li>{@code batch-kill}: a run SIGKILLed after a random delay or as it starts publishing, then the same
 * command to the end;
 * <li>{@code stream-kill}: a stream SIGKILLed at random points after a checkpoint, resumed with
 * {@code --restore latest} each time.
 * </ul>
 * Parallelism is drawn from 1..4 per way (a stream at 2 in the first scenario: the default on two cores).
 *
 * <p>Size: the suite's default is one scenario of ~4,000 lines without the cron way ({@link CronIngestITCase}
 * runs that), 2.5 to 3.5 minutes on two loaded cores, nearly all of it JVM and cluster starts. Bigger: {@code mvn test -Dtest=DifferentialITCase -Dsliflow.diff.scenarios=50
 * -Dsliflow.diff.lines=20000}; {@code -Dsliflow.diff.seed=S} sets the first seed (scenarios take S, S+1, …),
 * {@code -Dsliflow.diff.ways=cron,stream} runs only those ways, {@code -Dsliflow.diff.kills=3} kills a stream
 * three times (default once). A failure names its seed and the command
 * that re-runs just it.
 */
class DifferentialITCase {
    static final long SEED = Long.getLong("sliflow.diff.seed", 27);
    static final int SCENARIOS = Integer.getInteger("sliflow.diff.scenarios", 1);
    static final int LINES = Integer.getInteger("sliflow.diff.lines", 4_000);
    /** SIGKILLs of the stream-kill way (each followed by --restore latest). */
    static final int KILLS = Integer.getInteger("sliflow.diff.kills", 1);
    /** In the suite's single scenario the daily cron is left to {@link CronIngestITCase} (its own scenario): CI time. */
    static final Set<String> WAYS = Arrays.stream(System.getProperty("sliflow.diff.ways",
            (SCENARIOS > 1 ? "batch,cron," : "batch,") + "stream,stream-watch,batch-kill,stream-kill").split(","))
            .map(String::trim).collect(Collectors.toSet());

    /**
     * target/diff-harness: emptied when the class starts; a way's output is deleted when it passes and kept when
     * it fails (with the scenario's files and the subprocesses' logs), to look at.
     */
    static final Path tmp = Path.of(System.getProperty("sliflow.repo", "."), "target", "diff-harness")
            .toAbsolutePath();

    @BeforeAll
    static void clean() throws Exception {
        deleteTree(tmp);
        Files.createDirectories(tmp);
    }

    static void deleteTree(Path p) throws java.io.IOException {
        if (Files.exists(p)) {
            try (Stream<Path> s = Files.walk(p)) {
                for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(x);
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicNode> scenarios() {
        List<DynamicNode> nodes = new ArrayList<>();
        for (int i = 0; i < SCENARIOS; i++) {
            long seed = SEED + i;
            DiffScenario.Spec spec = DiffScenario.Spec.random(seed, LINES);
            Random r = new Random(seed ^ 0x5eed);
            int streamP = i == 0 ? 2 : 1 + r.nextInt(4);
            Scenario sc = new Scenario(spec);
            List<DynamicTest> tests = new ArrayList<>();
            add(tests, sc, "batch", 1 + r.nextInt(4), false, (s, out, p, rr) -> batch(s, out, p));
            add(tests, sc, "cron", 1 + r.nextInt(4), false, DifferentialITCase::cron);
            add(tests, sc, "stream", streamP, true, (s, out, p, rr) -> stream(s, out, p));
            add(tests, sc, "stream-watch", streamP, true, new WatchedStream());
            add(tests, sc, "batch-kill", 1 + r.nextInt(4), false, DifferentialITCase::batchKilled);
            add(tests, sc, "stream-kill", streamP, true, DifferentialITCase::streamKilled);
            nodes.add(DynamicContainer.dynamicContainer(spec.toString(), tests));
        }
        return nodes.stream();
    }

    /** A scenario's files and reference, made on first use (JUnit builds every test before running one). */
    static final class Scenario {
        final DiffScenario.Spec spec;
        DiffScenario files;
        Reference ref;

        Scenario(DiffScenario.Spec spec) {
            this.spec = spec;
        }

        synchronized void make() throws Exception {
            if (files == null) {
                files = DiffScenario.write(spec, tmp.resolve("seed-" + spec.seed()));
                ref = Reference.of(files.files);
                assertThat(ref.matchedCount()).as("the scenario has journey requests").isPositive();
                assertThat(ref.rejected).as("the scenario has garbage").isNotEmpty();
                assertThat(ref.unmatched()).as("the scenario has unmatched routes").isNotEmpty();
            }
        }
    }

    interface Way {
        /** Runs the product into {@code out}; returns what happened (for the report). */
        String run(DiffScenario s, Path out, int parallelism, Random r) throws Exception;
    }

    static void add(List<DynamicTest> tests, Scenario sc, String name, int parallelism, boolean stream, Way way) {
        if (!WAYS.contains(name)) {
            return;
        }
        tests.add(DynamicTest.dynamicTest(name + " p=" + parallelism, () -> Assertions.assertTimeoutPreemptively(
                Duration.ofMinutes(15), () -> {
                    sc.make();
                    Path wayDir = tmp.resolve("seed-" + sc.spec.seed() + "-" + name);
                    Path out = wayDir.resolve("out");
                    Files.createDirectories(wayDir);
                    String what = way.run(sc.files, out, parallelism, new Random(sc.spec.seed() * 7 + name.hashCode()));
                    String desc = name + " (parallelism " + parallelism + "; " + what + ")";
                    if (way instanceof CheckingWay) {
                        ((CheckingWay) way).check(sc, out, desc);
                    } else {
                        check(sc.ref, sc.spec, out, stream, desc);
                    }
                    System.out.println("differential: " + sc.spec + ", way " + desc + ": the tables equal the reference");
                    deleteTree(wayDir);
                })));
    }

    /** A way that checks its output itself (against a reference of its own copies of the files). */
    interface CheckingWay extends Way {
        void check(Scenario sc, Path out, String desc) throws Exception;
    }

    /** Fails with every difference and the command that re-runs just this scenario and way. */
    static void check(Reference ref, DiffScenario.Spec spec, Path out, boolean stream, String way) throws Exception {
        List<String> d = TableCheck.differences(ref, out, stream);
        if (!d.isEmpty()) {
            throw new AssertionError("the tables differ from the reference for scenario " + spec + ", way " + way
                    + "\n" + String.join("\n", d) + "\noutput kept in " + out + "\nre-run just this: "
                    + rerun(spec, way.split(" ")[0]));
        }
    }

    static String rerun(DiffScenario.Spec spec, String way) {
        return "mvn -q -B test -Dtest=DifferentialITCase -Dsliflow.diff.seed=" + spec.seed() + " -Dsliflow.diff.lines="
                + spec.lines() + " -Dsliflow.diff.ways=" + way;
    }

    static String batch(DiffScenario s, Path out, int p) {
        ProductRuns.run(ProductRuns.ingestArgs(s, out, p, List.of(s.logs)));
        return "one run over " + s.files.size() + " files";
    }

    /** One run per file as a daily cron does, in shuffled order, one file ingested a second time. */
    static String cron(DiffScenario s, Path out, int p, Random r) {
        List<Path> order = new ArrayList<>(s.files);
        Collections.shuffle(order, r);
        Path twice = s.files.get(r.nextInt(s.files.size()));
        order.add(r.nextInt(order.size() + 1), twice);
        for (Path f : order) {
            ProductRuns.run(ProductRuns.ingestArgs(s, out, p, List.of(f)));
        }
        return "runs in order " + order.stream().map(f -> f.getFileName().toString()).toList();
    }

    static String stream(DiffScenario s, Path out, int p) {
        ProductRuns.run(ProductRuns.ingestArgs(s, out, p, List.of(s.logs), "--mode", "stream", "--checkpoint-interval", "1s"));
        return "a bounded stream over the folder";
    }

    /**
     * A run SIGKILLed at a random point — after a random delay, or as soon as it is seen publishing (the first
     * scenario always) — then the same command to its end: the tables of one clean run.
     */
    static String batchKilled(DiffScenario s, Path out, int p, Random r) throws Exception {
        List<String> args = ProductRuns.ingestArgs(s, out, p, List.of(s.logs));
        Path log = out.resolveSibling(out.getFileName() + "-killed.log");
        Process run = ProductRuns.start(args, log);
        String what;
        if (s.spec.seed() == SEED || r.nextBoolean()) {
            what = ProductRuns.killWhen(run, () -> ProductRuns.publishing(out), 300) ? "SIGKILLed as publishing began"
                    : "the run ended before it was seen publishing";
        } else {
            long delayMs = 500 + r.nextInt(8000);
            long t0 = System.nanoTime();
            what = ProductRuns.killWhen(run, () -> System.nanoTime() - t0 > TimeUnit.MILLISECONDS.toNanos(delayMs), 300)
                    ? "SIGKILLed after " + delayMs + " ms" : "the run ended before its kill at " + delayMs + " ms";
        }
        if (!run.isAlive() && run.exitValue() != 137 && run.exitValue() != 0) {
            throw new AssertionError("the run to be killed failed by itself:\n" + Files.readString(log));
        }
        ProductRuns.run(args);
        return what + ", then the same command again";
    }

    /** A stream SIGKILLed at random points after a checkpoint ({@link #KILLS} times), resumed with --restore latest each time. */
    static String streamKilled(DiffScenario s, Path out, int p, Random r) throws Exception {
        Path ck = out.resolveSibling(out.getFileName() + "-checkpoints");
        List<String> args = ProductRuns.ingestArgs(s, out, p, List.of(s.logs), "--mode", "stream", "--checkpoint-dir",
                ck.toUri().toString(), "--checkpoint-interval", "1s");
        int kills = 0;
        for (int attempt = 0; attempt < KILLS; attempt++) {
            List<String> a = new ArrayList<>(args);
            if (ProductRuns.exists(ck, "_metadata")) {
                a.addAll(List.of("--restore", "latest"));
            }
            Process proc = ProductRuns.start(a, out.resolveSibling(out.getFileName() + "-run" + attempt + ".log"));
            long started = System.currentTimeMillis();
            long extraMs = r.nextInt(1500);
            // after a checkpoint of its own (the only way a kill can leave something to resume), plus a random bit
            long[] seenAt = {0};
            boolean killed = ProductRuns.killWhen(proc, () -> {
                if (seenAt[0] == 0 && newestCheckpointMs(ck) >= started) {
                    seenAt[0] = System.nanoTime();
                }
                return seenAt[0] != 0 && System.nanoTime() - seenAt[0] > TimeUnit.MILLISECONDS.toNanos(extraMs);
            }, 300);
            if (!killed) {
                assertThat(proc.exitValue()).as(Files.readString(out.resolveSibling(out.getFileName() + "-run" + attempt + ".log")))
                        .isZero();
                return kills + " kill(s) before the stream completed";
            }
            kills++;
            if (ProductRuns.exists(ck, "_COMPLETED")) {
                return kills + " kill(s), the last just after it completed";
            }
            LockSupport.parkNanos(10_000_000L);
        }
        List<String> a = new ArrayList<>(args);
        if (ProductRuns.exists(ck, "_metadata")) {
            a.addAll(List.of("--restore", "latest"));
        }
        ProductRuns.run(a);
        return kills + " SIGKILLs, then --restore latest to the end";
    }

    static long newestCheckpointMs(Path ck) {
        if (!Files.isDirectory(ck)) {
            return 0;
        }
        try (Stream<Path> st = Files.walk(ck)) {
            return st.filter(x -> x.getFileName().toString().equals("_metadata")).mapToLong(x -> {
                try {
                    return Files.getLastModifiedTime(x).toMillis();
                } catch (java.io.IOException e) {
                    return 0;
                }
            }).max().orElse(0);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }
}
