package dev.sliflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.cli.Main;
import dev.sliflow.gen.GeneratorConfig;
import dev.sliflow.gen.LogGenerator;
import dev.sliflow.parse.LogFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams on event time at the default parallelism (two readers on this machine), with files arriving
 * out of order and runs killed and restored: every journey request ends exactly once in sli_minute or
 * late_events — checked against the generator's ground truth, not against the product's own batch
 * path — and ingest_audit agrees with both tables.
 */
class StreamEventTimeITCase {
    @TempDir
    Path tmp;

    /** The ground truth's count of one generated file ({@code rel}: its path under the generator's folder). */
    static long truth(LogGenerator.Result g, String rel, String key) throws IOException {
        String json = Files.readString(g.groundTruth());
        int at = json.indexOf("\"path\": \"" + rel + "\"");
        assertThat(at).as(rel + " in the ground truth").isPositive();
        return number(json, at, key);
    }

    /** The ground truth's total of {@code key} over all files. */
    static long truthTotal(LogGenerator.Result g, String key) throws IOException {
        String json = Files.readString(g.groundTruth());
        return number(json, json.indexOf("\"totals\""), key);
    }

    private static long number(String json, int from, String key) {
        int k = json.indexOf("\"" + key + "\"", from);
        int i = json.indexOf(':', k) + 1;
        while (Character.isWhitespace(json.charAt(i))) {
            i++;
        }
        int start = i;
        while (Character.isDigit(json.charAt(i))) {
            i++;
        }
        return Long.parseLong(json.substring(start, i));
    }

    /** Copies a file into a watched folder the way a log shipper should: under a hidden name, then renamed. */
    static void land(Path file, Path folder, String name) throws IOException {
        Path hidden = folder.resolve("." + name);
        Files.copy(file, hidden);
        Files.move(hidden, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    static long sumOrZero(Path out, String table, String expr, String where) {
        try {
            if (!StreamAlertsITCase.hasParquet(out.resolve(table))) {
                return 0;
            }
            Object v = Tables.query("SELECT SUM(" + expr + ") AS n FROM " + Tables.scan(out, table) + " WHERE " + where)
                    .get(0).get("n");
            return v == null ? 0 : ((Number) v).longValue();
        } catch (Exception e) {
            return 0; // a part file being committed right now: try again
        }
    }

    /** Journey requests in sli_minute plus those in late_events (a row per late line, or per late partial). */
    static long accounted(Path out, String where) {
        return sumOrZero(out, "sli_minute", "total", where) + sumOrZero(out, "late_events", "requests", where);
    }

    static List<String> duplicateMinutes(Path out) throws Exception {
        List<String> d = new ArrayList<>();
        for (Map<String, Object> r : Tables.query("SELECT journey, region, \"minute\", COUNT(*) AS n FROM "
                + Tables.scan(out, "sli_minute") + " GROUP BY ALL HAVING COUNT(*) > 1 ORDER BY ALL LIMIT 5")) {
            d.add(r.toString());
        }
        return d;
    }

    /** Waits until a checkpoint completes after now (its commits are then visible). */
    static void nextCheckpoint(Path ck, Process p) throws Exception {
        long now = System.currentTimeMillis();
        StreamAlertsITCase.waitFor(() -> newestCheckpointMs(ck) > now + 100, p, 60);
    }

    /** {@link StreamIngestITCase#newestCheckpointMs}, or 0 while a subsumed checkpoint is deleted under the walk. */
    static long newestCheckpointMs(Path ck) throws IOException {
        try {
            return StreamIngestITCase.newestCheckpointMs(ck);
        } catch (java.io.UncheckedIOException deletedMeanwhile) {
            return 0;
        }
    }

    static List<String> stream(Path in, Path journeys, Path out, Path ck, String... more) {
        List<String> args = new ArrayList<>(List.of("ingest", "--mode", "stream", "--logs", in.toString(), "--journeys",
                journeys.toString(), "--out", out.toString(), "--checkpoint-dir", ck.toUri().toString(),
                "--checkpoint-interval", "1s"));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void aLateFileReadByAReaderThatWasIdleLosesNoJourneyRequestAtTheDefaultParallelism() throws Exception {
        Path gen = tmp.resolve("gen");
        LogGenerator.Result g = LogGenerator.generate(GeneratorConfig.builder().outputDir(gen).days(3).perDay(30_000)
                .seed(31).nonUtcFraction(0).format(LogFormat.NGINX).start(LocalDate.parse("2026-03-01")).build());
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path out = tmp.resolve("out");
        Path ck = tmp.resolve("ck");
        // no --parallelism: the default, two readers on two cores
        Process p = StreamIngestITCase.start(stream(in, gen.resolve("journeys.yaml"), out, ck, "--watch", "1s"),
                tmp.resolve("run.log"));
        try {
            land(gen.resolve("nginx/access-2026-03-03.log.gz"), in, "access-2026-03-03.log.gz");
            long day3 = truth(g, "nginx/access-2026-03-03.log.gz", "lines");
            StreamAlertsITCase.waitFor(() -> StreamAlertsITCase.linesRead(out) >= day3, p, 300);
            // the other reader has had nothing to read for longer than the idle timeout (5 s): it is idle, and the
            // watermark went on with day 3 alone
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(6));
            // days 1 and 2 land after day 3: one of them goes to the reader that was idle
            land(gen.resolve("nginx/access-2026-03-01.log.gz"), in, "access-2026-03-01.log.gz");
            land(gen.resolve("nginx/access-2026-03-02.log.gz"), in, "access-2026-03-02.log.gz");
            StreamAlertsITCase.waitFor(() -> StreamAlertsITCase.linesRead(out) >= g.lines(), p, 300);
            nextCheckpoint(ck, p);
            nextCheckpoint(ck, p);
        } finally {
            p.destroyForcibly().waitFor();
        }
        assertThat(StreamAlertsITCase.linesRead(out)).isEqualTo(g.lines());
        long want = truth(g, "nginx/access-2026-03-01.log.gz", "journey_lines")
                + truth(g, "nginx/access-2026-03-02.log.gz", "journey_lines");
        String older = "dt < '2026-03-03'";
        // every journey request of the two late days is in sli_minute or late_events: none lost
        assertThat(accounted(out, older)).as("journey requests of days 1 and 2 in sli_minute + late_events").isEqualTo(want);
        // they came after day 3: all of them are late (judged by the parse step or by the minute windows)
        assertThat(sumOrZero(out, "late_events", "requests", older)).isEqualTo(want);
        // and the audit agrees: matched + late of those files = the journey requests of the tables
        assertThat(sumOrZero(out, "ingest_audit", "matched + late", "file NOT LIKE '%2026-03-03%'")).isEqualTo(want);
        assertThat(duplicateMinutes(out)).isEmpty();
    }

    @Test
    void afterARestoreOlderLinesAreLateNotASecondRowForTheirMinutesAndLiveAlertsKeepRunning() throws Exception {
        Path gen = tmp.resolve("gen");
        // two regions: each region's file of a day holds lines of the whole day
        LogGenerator.Result g = LogGenerator.generate(GeneratorConfig.builder().outputDir(gen).days(2).perDay(40_000)
                .regions(2).seed(37).nonUtcFraction(0).format(LogFormat.NGINX).start(LocalDate.parse("2026-03-01")).build());
        String r1 = "logs/us-east-1/nginx/access-2026-03-01.log.gz";
        String r2 = "logs/eu-west-1/nginx/access-2026-03-01.log.gz";
        String r1next = "logs/us-east-1/nginx/access-2026-03-02.log.gz";
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path out = tmp.resolve("out");
        Path ck = tmp.resolve("ck");
        List<String> args = stream(in, gen.resolve("journeys.yaml"), out, ck, "--watch", "1s", "--slos",
                gen.resolve("slos.yaml").toString());

        land(gen.resolve(r1), in, "a-us-east-1-2026-03-01.log.gz");
        Process first = StreamIngestITCase.start(args, tmp.resolve("run-1.log"));
        try {
            long r1Lines = truth(g, r1, "lines");
            StreamAlertsITCase.waitFor(() -> StreamAlertsITCase.linesRead(out) >= r1Lines, first, 300);
            nextCheckpoint(ck, first);
        } finally {
            first.destroyForcibly().waitFor(); // SIGKILL
        }
        // the other region's file of the same day arrives while the stream is down, then a newer file
        land(gen.resolve(r2), in, "b-eu-west-1-2026-03-01.log.gz");
        land(gen.resolve(r1next), in, "c-us-east-1-2026-03-02.log.gz");
        List<String> restore = new ArrayList<>(args);
        restore.addAll(List.of("--restore", "latest"));
        Path log = tmp.resolve("run-2.log");
        Process second = StreamIngestITCase.start(restore, log);
        long want = truth(g, r1, "journey_lines") + truth(g, r2, "journey_lines");
        String day1 = "dt = '2026-03-01'";
        try {
            long all = truth(g, r1, "lines") + truth(g, r2, "lines") + truth(g, r1next, "lines");
            StreamAlertsITCase.waitFor(() -> StreamAlertsITCase.linesRead(out) >= all, second, 300);
            // day 1 is complete once the watermark (day 2's reader) has passed its end
            StreamAlertsITCase.waitFor(() -> accounted(out, day1) >= want, second, 300);
            nextCheckpoint(ck, second);
            nextCheckpoint(ck, second);
            assertThat(second.isAlive()).as("the restored stream (with --slos) still runs").isTrue();
        } finally {
            second.destroyForcibly().waitFor();
        }
        assertThat(Files.readString(log)).doesNotContain("not after the last minute evaluated");
        assertThat(duplicateMinutes(out)).as("minutes written twice").isEmpty();
        assertThat(accounted(out, day1)).as("day 1's journey requests, each once").isEqualTo(want);
        // the second region's lines of minutes closed before the kill are late, line by line
        long lateLines = sumOrZero(out, "late_events", "requests", "file LIKE '%b-eu-west-1%' AND line_number > 0");
        assertThat(lateLines).isGreaterThan(truth(g, r2, "journey_lines") * 9 / 10);
        assertThat(sumOrZero(out, "ingest_audit", "late", "file LIKE '%b-eu-west-1%'")).isEqualTo(lateLines);
    }

    /**
     * Acceptance: files arriving out of order at the default parallelism, the stream killed with SIGKILL
     * twice and resumed with --restore latest each time, with live alerts: every journey request of the
     * generator's ground truth is exactly once in sli_minute or late_events, the audit agrees, and the
     * live alerts are the backtest's over the stream's own sli_minute. Days 2 and 4 come first, day 1
     * while the stream is down after the first kill, days 3 and 5 after the second (day 5 moves event
     * time past day 4: a watched stream never ends, so the check covers days 1 to 4).
     */
    @Test
    void outOfOrderFilesTwoSigkillsAndRestoresCountEveryJourneyRequestOnceAndAlertLikeTheBacktest() throws Exception {
        Path gen = tmp.resolve("gen");
        LogGenerator.Result g = LogGenerator.generate(GeneratorConfig.builder().outputDir(gen).days(5).perDay(30_000)
                .seed(41).nonUtcFraction(0).format(LogFormat.NGINX).start(LocalDate.parse("2026-03-01")).build());
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path out = tmp.resolve("out");
        Path ck = tmp.resolve("ck");
        Path slos = gen.resolve("slos.yaml");
        List<String> args = stream(in, gen.resolve("journeys.yaml"), out, ck, "--watch", "1s", "--slos", slos.toString());
        String[][] arrivals = {{"2026-03-02", "2026-03-04"}, {"2026-03-01"}, {"2026-03-03", "2026-03-05"}};
        long landed = 0;
        for (int run = 0; run < arrivals.length; run++) {
            for (String day : arrivals[run]) {
                land(gen.resolve("nginx/access-" + day + ".log.gz"), in, "access-" + day + ".log.gz");
                landed += truth(g, "nginx/access-" + day + ".log.gz", "lines");
            }
            List<String> a = new ArrayList<>(args);
            if (run > 0) {
                a.addAll(List.of("--restore", "latest"));
            }
            Process p = StreamIngestITCase.start(a, tmp.resolve("run-" + run + ".log"));
            try {
                long expected = landed;
                StreamAlertsITCase.waitFor(() -> StreamAlertsITCase.linesRead(out) >= expected, p, 300);
                if (run == arrivals.length - 1) { // days 1 to 4 are complete once day 5 has moved event time past them
                    StreamAlertsITCase.waitFor(() -> accounted(out, "dt < '2026-03-05'") >= journeyLines(g, 4), p, 300);
                }
                nextCheckpoint(ck, p);
                nextCheckpoint(ck, p);
                assertThat(p.isAlive()).as("run " + run + " still runs").isTrue();
            } finally {
                p.destroyForcibly().waitFor(); // SIGKILL (twice before the last run; the last: a watched stream never ends)
            }
            assertThat(Files.readString(tmp.resolve("run-" + run + ".log"))).doesNotContain("not after the last minute");
        }

        long want = journeyLines(g, 4);
        String days1to4 = "dt < '2026-03-05'";
        assertThat(sumOrZero(out, "ingest_audit", "lines_read", "true")).as("every line read once").isEqualTo(g.lines());
        assertThat(duplicateMinutes(out)).as("minutes written twice").isEmpty();
        assertThat(accounted(out, days1to4)).as("journey requests of days 1-4 in sli_minute + late_events").isEqualTo(want);
        assertThat(sumOrZero(out, "ingest_audit", "matched + late", "file NOT LIKE '%2026-03-05%'")).as("the audit agrees")
                .isEqualTo(want);
        assertThat(sumOrZero(out, "late_events", "requests", "dt = '2026-03-01'"))
                .as("day 1 arrived after days 2 and 4: late").isEqualTo(truth(g, "nginx/access-2026-03-01.log.gz", "journey_lines"));

        // the backtest over the stream's own minutes
        Path bt = tmp.resolve("backtest");
        copyTree(out.resolve("sli_minute"), bt.resolve("sli_minute"));
        assertThat(Main.execute("backtest", "--out", bt.toString(), "--slos", slos.toString(), "--quiet")).isZero();
        List<Map<String, Object>> backtest = alerts(bt);
        assertThat(backtest).as("the data has incidents that page").isNotEmpty();
        assertThat(alerts(out)).isEqualTo(backtest);
    }

    /**
     * Acceptance 3's kill in the middle of a file: a stream killed with SIGKILL after a checkpoint that
     * committed part of a file (the audit, committed with each checkpoint, counts fewer lines read than
     * the file has), then resumed with --restore latest, reads every line of that file once: no minute
     * written twice, every journey request in sli_minute or late_events, the audit agreeing.
     */
    @Test
    void aStreamKilledInTheMiddleOfAFileResumesWhereItsCheckpointLeftIt() throws Exception {
        Path gen = tmp.resolve("gen");
        LogGenerator.Result g = LogGenerator.generate(GeneratorConfig.builder().outputDir(gen).days(2).perDay(5_000_000)
                .seed(43).nonUtcFraction(0).format(LogFormat.NGINX).start(LocalDate.parse("2026-03-01")).build());
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path out = tmp.resolve("out");
        Path ck = tmp.resolve("ck");
        List<String> args = stream(in, gen.resolve("journeys.yaml"), out, ck, "--watch", "1s");
        // both files at once: one reader each, so event time (the slower reader's) moves while they read
        String day1 = "nginx/access-2026-03-01.log.gz";
        land(gen.resolve(day1), in, "access-2026-03-01.log.gz");
        land(gen.resolve("nginx/access-2026-03-02.log.gz"), in, "access-2026-03-02.log.gz");
        Process first = StreamIngestITCase.start(args, tmp.resolve("run-0.log"));
        try {
            // the first checkpoint that committed minutes of the files
            StreamAlertsITCase.waitFor(() -> sumOrZero(out, "sli_minute", "total", "true") > 0, first, 300);
        } finally {
            first.destroyForcibly().waitFor(); // SIGKILL
        }
        long committed = sumOrZero(out, "sli_minute", "total", "true");
        assertThat(committed).as("minutes committed before the kill").isPositive();
        long readBeforeKill = sumOrZero(out, "ingest_audit", "lines_read", "file LIKE '%2026-03-01%'");
        System.out.printf("mid-file kill: %,d of day 1's %,d lines read at the last checkpoint, %,d journey requests"
                + " committed%n", readBeforeKill, truth(g, day1, "lines"), committed);
        assertThat(readBeforeKill).as("day 1's file was not finished at the last checkpoint (the audit is committed with each)")
                .isLessThan(truth(g, day1, "lines"));

        List<String> a = new ArrayList<>(args);
        a.addAll(List.of("--restore", "latest"));
        Process second = StreamIngestITCase.start(a, tmp.resolve("run-1.log"));
        long want = truth(g, day1, "journey_lines");
        try {
            StreamAlertsITCase.waitFor(() -> StreamAlertsITCase.linesRead(out) >= g.lines(), second, 300);
            // day 2's lines move event time past day 1: its minutes are all closed
            StreamAlertsITCase.waitFor(() -> accounted(out, "dt = '2026-03-01'") >= want, second, 300);
            nextCheckpoint(ck, second);
            nextCheckpoint(ck, second);
        } finally {
            second.destroyForcibly().waitFor();
        }
        assertThat(sumOrZero(out, "ingest_audit", "lines_read", "true")).as("every line read once").isEqualTo(g.lines());
        assertThat(duplicateMinutes(out)).as("minutes written twice").isEmpty();
        assertThat(accounted(out, "dt = '2026-03-01'")).as("day 1's journey requests in sli_minute + late_events")
                .isEqualTo(want);
        assertThat(sumOrZero(out, "ingest_audit", "matched + late", "file LIKE '%2026-03-01%'")).as("the audit agrees")
                .isEqualTo(want);
    }

    /** The ground truth's journey requests of the first {@code days} days' files. */
    static long journeyLines(LogGenerator.Result g, int days) throws IOException {
        long n = 0;
        for (int d = 1; d <= days; d++) {
            n += truth(g, "nginx/access-2026-03-0" + d + ".log.gz", "journey_lines");
        }
        return n;
    }

    /** Alerts fired on days 1 to 4 (the minutes the check covers). */
    static List<Map<String, Object>> alerts(Path out) throws Exception {
        return Tables.query("SELECT journey, slo_id, tier, fired_at FROM " + Tables.scan(out, "alerts")
                + " WHERE fired_at < epoch_ms(" + java.time.Instant.parse("2026-03-05T00:00:00Z").toEpochMilli() + ") ORDER BY ALL");
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.walk(from)) {
            for (Path f : s.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
    }
}
