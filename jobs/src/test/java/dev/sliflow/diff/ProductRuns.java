package dev.sliflow.diff;

import dev.sliflow.cli.CliRun;
import dev.sliflow.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Runs the product as users do: the {@code ingest} command line, in-process ({@link CliRun}) where
 * nothing needs killing, in a fresh JVM where a test kills it (as {@code StreamIngestITCase} and
 * {@code IngestJobITCase} do).
 */
final class ProductRuns {
    private ProductRuns() {}

    /** The ingest command's arguments. */
    static List<String> ingestArgs(DiffScenario s, Path out, int parallelism, List<Path> logs, String... more) {
        List<String> a = new ArrayList<>(List.of("ingest", "--logs",
                String.join(",", logs.stream().map(Path::toString).toList()), "--journeys", s.journeys.toString(),
                "--out", out.toString(), "--parallelism", String.valueOf(parallelism), "--quiet"));
        a.addAll(Arrays.asList(more));
        return a;
    }

    /** Runs a command in this JVM; fails with its stderr unless it exits 0. */
    static CliRun run(List<String> args) {
        CliRun r = CliRun.of(args.toArray(new String[0]));
        if (r.rc() != 0) {
            throw new AssertionError("`sliflow " + String.join(" ", args) + "` exited " + r.rc() + ":\n" + r.err());
        }
        return r;
    }

    /** Starts a command in a fresh JVM (this JVM's class path), output into {@code log}. */
    static Process start(List<String> args, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * Waits (polling every millisecond, at most {@code seconds}) until {@code condition} holds or the
     * process ends; then SIGKILLs it if it is still alive. True when it was killed.
     */
    static boolean killWhen(Process p, BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (p.isAlive() && !condition.getAsBoolean() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000L);
        }
        if (!p.isAlive()) {
            return false;
        }
        p.destroyForcibly();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("a SIGKILLed process did not end within 60 s");
        }
        return true;
    }

    /** Whether any file named {@code name} exists below {@code dir}. */
    static boolean exists(Path dir, String name) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().equals(name));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false; // changing under us (a rename or delete): look again
        }
    }

    /** Whether a publish has begun: a staged partition moved aside, or a dt= folder in any table of {@code out}. */
    static boolean publishing(Path out) {
        if (exists(out.resolve(".staging"), ".replaced")) {
            return true;
        }
        for (String t : List.of("sli_minute", "rejects", "ingest_audit", "unmatched_paths")) {
            Path d = out.resolve(t);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    if (s.anyMatch(p -> p.getFileName().toString().startsWith("dt="))) {
                        return true;
                    }
                } catch (IOException | java.io.UncheckedIOException e) {
                    return true; // renamed under us: that is publishing
                }
            }
        }
        return false;
    }
}
