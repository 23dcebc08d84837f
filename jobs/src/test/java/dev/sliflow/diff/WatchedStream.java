package dev.sliflow.diff;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A stream as an operator runs it ({@code --watch}): the rotated files are in the watched folder from the
 * start; once their lines are committed, the late file (older lines: a host whose shipping was delayed)
 * lands in the folder; once that is committed, a file of health checks a day later lands, whose only use
 * is to move event time past every minute of the scenario so that all of them are written. (Landing the late
 * files only once the others are committed leaves the readers idle in between: what the item 2 needs.) Then the stream
 * is stopped (SIGTERM) and its committed tables must hold every journey request exactly once, in
 * {@code sli_minute} or in {@code late_events} (SPEC, Exactly-once: "at any parallelism and in any file
 * arrival order"). The files are copies in a folder of their own, so the reference is made from those.
 */
final class WatchedStream implements DifferentialITCase.CheckingWay {
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);
    private Reference ref;

    @Override
    public String run(DiffScenario s, Path out, int parallelism, Random r) throws Exception {
        Path watch = out.resolveSibling(out.getFileName() + "-watched");
        Path staging = out.resolveSibling(out.getFileName() + "-incoming");
        Files.createDirectories(watch);
        Files.createDirectories(staging);
        List<Path> rotated = new ArrayList<>();
        List<Path> late = new ArrayList<>();
        for (Path f : s.files) {
            Path copy = staging.resolve(f.getFileName());
            Files.copy(f, copy, StandardCopyOption.COPY_ATTRIBUTES);
            (f.getFileName().toString().startsWith("access.log-") ? rotated : late).add(watch.resolve(f.getFileName()));
        }
        long end = s.files.stream().mapToLong(f -> {
            try {
                return Files.getLastModifiedTime(f).toMillis();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).max().orElseThrow() + 86_400_000L;
        List<String> health = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            health.add("10.9.9.9 - - [" + CLF.format(ZonedDateTime.ofInstant(Instant.ofEpochMilli(end + i * 1000L), ZoneOffset.UTC))
                    + "] \"GET /healthz HTTP/1.1\" 200 2 \"-\" \"kube-probe/1.30\" 0.001");
        }
        Path flush = watch.resolve("zz-healthz-access.log");
        Files.write(staging.resolve(flush.getFileName()), health, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(staging.resolve(flush.getFileName()), FileTime.fromMillis(end));
        List<Path> all = new ArrayList<>(rotated);
        all.addAll(late);
        all.add(flush);
        for (Path f : rotated) {
            land(staging, f);
        }
        // the reference names the files where the stream reads them
        ref = Reference.of(all.stream().map(f -> Files.exists(f) ? f : staging.resolve(f.getFileName())).toList());
        ref = renamed(ref, staging, watch);

        Path ck = out.resolveSibling(out.getFileName() + "-checkpoints");
        Process p = ProductRuns.start(ProductRuns.ingestArgs(s, out, parallelism, List.of(watch), "--mode", "stream",
                "--watch", "1s", "--checkpoint-dir", ck.toUri().toString(), "--checkpoint-interval", "1s"),
                out.resolveSibling(out.getFileName() + "-stream.log"));
        StringBuilder what = new StringBuilder("--watch 1s");
        try {
            long want = ref.lines(rotated);
            what.append(waitFor(p, out, want, 0) ? "; rotated files committed" : "; rotated files NOT all committed");
            // late files come minutes later in life: here long enough for the readers to be marked idle (5 s)
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(8));
            for (Path f : late) {
                land(staging, f);
            }
            want += ref.lines(late);
            what.append(waitFor(p, out, want, 0) ? ", then the late file" : ", then the late file (NOT all committed)");
            land(staging, flush);
            want += ref.lines(List.of(flush));
            what.append(waitFor(p, out, want, ref.matchedCount()) ? ", then health checks a day later: every request committed"
                    : ", then health checks a day later: NOT every request committed in time");
        } finally {
            p.destroy(); // SIGTERM, as an operator stops it
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
        return what.toString();
    }

    @Override
    public void check(DifferentialITCase.Scenario sc, Path out, String desc) throws Exception {
        DifferentialITCase.check(ref, sc.spec, out, true, desc);
    }

    /** A reference made from the incoming copies, with their paths in the watched folder. */
    private static Reference renamed(Reference r, Path from, Path to) {
        Reference n = new Reference();
        String a = from.toAbsolutePath().toString();
        String b = to.toAbsolutePath().toString();
        for (Reference.Parsed p : r.parsed) {
            n.parsed.add(new Reference.Parsed(p.file().replace(a, b), p.lineNo(), p.ts(), p.method(), p.path(), p.status(),
                    p.latencyMs(), p.kind()));
        }
        for (Reference.Rejected x : r.rejected) {
            n.rejected.add(new Reference.Rejected(x.file().replace(a, b), x.lineNo(), x.dt()));
        }
        return n;
    }

    /** Moves a file in whole (a rename: the stream never sees it half-written). */
    private static void land(Path staging, Path target) throws java.io.IOException {
        Files.move(staging.resolve(target.getFileName()), target, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Waits (at most 240 s for the lines, then at most 45 s for the requests: a loaded machine is slow) until the committed audit counts
     * {@code lines} lines read and, when {@code requests} > 0, sli_minute and late_events together hold that
     * many requests. False on a timeout (the check then says what is missing).
     */
    private static boolean waitFor(Process p, Path out, long lines, long requests) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (p.isAlive() && System.nanoTime() < deadline && sum(out, "ingest_audit", "SUM(lines_read)") < lines) {
            LockSupport.parkNanos(300_000_000L);
        }
        if (requests <= 0) {
            return sum(out, "ingest_audit", "SUM(lines_read)") >= lines;
        }
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        while (p.isAlive() && System.nanoTime() < deadline
                && sum(out, "sli_minute", "SUM(total)") + sum(out, "late_events", "COUNT(*)") < requests) {
            LockSupport.parkNanos(300_000_000L);
        }
        return sum(out, "sli_minute", "SUM(total)") + sum(out, "late_events", "COUNT(*)") >= requests;
    }

    private static long sum(Path out, String table, String expr) {
        try {
            List<java.util.Map<String, Object>> rows = ProductTables.rows(out, table, expr + " AS n");
            return rows.isEmpty() ? 0 : ProductTables.asLong(rows.get(0).get("n"));
        } catch (Exception e) {
            return -1; // a commit under way: look again
        }
    }
}
