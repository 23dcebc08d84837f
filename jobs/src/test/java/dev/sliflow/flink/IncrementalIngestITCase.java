package dev.sliflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.cli.Main;
import dev.sliflow.gen.GeneratorConfig;
import dev.sliflow.gen.LogGenerator;
import dev.sliflow.parse.LogFormat;
import dev.sliflow.table.TableDiff;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental ingest (issue 27, item 1): a daily cron ingests each rotated file in its own run —
 * logrotate at 06:00, so every file holds the end of one date and the start of the next — in any
 * order, re-ingesting some; the tables must equal one run over all files. On the earlier main, the
 * second run replaced each date's partition with its own lines only (the 00:00–06:00 lines of the
 * date, from the previous file, were gone).
 */
class IncrementalIngestITCase {
    static final LocalDate START = LocalDate.parse("2026-06-01");
    static final List<String> TABLES = List.of("sli_minute", "sli_hour", "sli_day", "ingest_audit", "rejects", "unmatched_paths");
    static final Pattern TS = Pattern.compile("\\[(\\d\\d/[A-Za-z]{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d [+-]\\d{4})]");
    static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

    @TempDir
    static Path tmp;
    static Path journeys;
    /** The 3 days rotated at 06:00: [d1 00:00, d1 06:00), [d1 06:00, d2 06:00), [d2 06:00, d3 06:00), [d3 06:00, d4 00:00). */
    static List<Path> rotated;
    static Path all;

    @BeforeAll
    static void generateRotateAndIngestAll() throws Exception {
        Path gen = tmp.resolve("gen");
        LogGenerator.generate(GeneratorConfig.builder().outputDir(gen).days(3).perDay(6_000).seed(27)
                .format(LogFormat.NGINX).start(START).garbageRate(0.01).gzip(false).build());
        journeys = gen.resolve("journeys.yaml");
        rotated = rotate(gen.resolve("nginx"), tmp.resolve("logs"));
        all = tmp.resolve("all");
        ingest(all, rotated.toArray(new Path[0]));
    }

    /** The generated lines (any number of files, in name order) rewritten as logrotate at 06:00 leaves them. */
    static List<Path> rotate(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        List<Path> files = new ArrayList<>();
        List<BufferedWriter> writers = new ArrayList<>();
        String[] names = {"access.log-20260601", "access.log-20260602", "access.log-20260603", "access.log"};
        for (String n : names) {
            files.add(to.resolve(n));
            writers.add(Files.newBufferedWriter(to.resolve(n), StandardCharsets.ISO_8859_1));
        }
        int current = 0;
        List<Path> inputs;
        try (Stream<Path> s = Files.list(from)) {
            inputs = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path in : inputs) {
            for (String line : Files.readAllLines(in, StandardCharsets.ISO_8859_1)) {
                Matcher m = TS.matcher(line);
                if (m.find()) { // garbage lines stay with the line before them
                    ZonedDateTime t = ZonedDateTime.parse(m.group(1), CLF);
                    long hours = java.time.Duration.between(START.atStartOfDay(t.getZone()), t).toHours();
                    current = (int) Math.min(3, Math.max(0, Math.floorDiv(hours - 6, 24) + 1));
                }
                writers.get(current).write(line);
                writers.get(current).write('\n');
            }
        }
        for (BufferedWriter w : writers) {
            w.close();
        }
        for (Path f : files) {
            assertThat(Files.size(f)).as("%s has lines", f).isPositive();
        }
        return files;
    }

    static void ingest(Path out, Path... files) {
        List<String> logs = new ArrayList<>();
        for (Path f : files) {
            logs.add(f.toString());
        }
        // the default parallelism: as many readers as cores
        assertThat(Main.execute("ingest", "--logs", String.join(",", logs), "--journeys", journeys.toString(),
                "--out", out.toString(), "--quiet")).isEqualTo(0);
    }

    static void assertSameTables(Path expected, Path actual) {
        for (String t : TABLES) {
            Map<String, Integer> rows = TableDiff.rows(expected, t);
            assertThat(rows).as("%s has rows", t).isNotEmpty();
            assertThat(TableDiff.diff(expected, actual, t)).as("%s differs from one run over all files", t).isEmpty();
        }
    }

    @Test
    void oneRunPerRotatedFileInShuffledOrderWithOneFileTwiceEqualsOneRunOverAll() {
        Path cron = tmp.resolve("cron");
        List<Path> order = new ArrayList<>(rotated);
        Collections.shuffle(order, new Random(27));
        order.add(1, order.get(3)); // one file ingested twice, before and after others
        for (Path f : order) {
            ingest(cron, f);
        }
        assertSameTables(all, cron);
    }

    @Test
    void theDailyCronInFileOrderKeepsTheHoursAfterMidnightAndFromToReplacesOnlyTheGivenFilesDates() {
        Path cron = tmp.resolve("daily");
        for (Path f : rotated) {
            ingest(cron, f);
        }
        assertSameTables(all, cron);
        // re-ingesting one file for one of its two dates keeps its other date and the other files' lines
        assertThat(Main.execute("ingest", "--logs", rotated.get(1).toString(), "--journeys", journeys.toString(),
                "--out", cron.toString(), "--from", "2026-06-02", "--to", "2026-06-02", "--quiet")).isEqualTo(0);
        assertSameTables(all, cron);
    }

    @Test
    void reingestingAChangedFileReplacesItsContributionOnly() throws IOException {
        Path out = tmp.resolve("changed");
        Path logs = tmp.resolve("changed-logs");
        Files.createDirectories(logs);
        List<Path> copies = new ArrayList<>();
        for (Path f : rotated) {
            Path c = logs.resolve(f.getFileName());
            Files.copy(f, c);
            copies.add(c);
        }
        // a file is ingested while still short, then grows to its full length and is ingested again
        Path second = copies.get(1);
        List<String> lines = Files.readAllLines(second, StandardCharsets.ISO_8859_1);
        Files.write(second, lines.subList(0, lines.size() / 3), StandardCharsets.ISO_8859_1);
        for (Path c : copies) {
            ingest(out, c);
        }
        Files.write(second, lines, StandardCharsets.ISO_8859_1);
        ingest(out, second);
        Path reference = tmp.resolve("changed-all");
        ingest(reference, copies.toArray(new Path[0]));
        assertSameTables(reference, out);
    }

    /**
     * Debian's default logrotate (numbered, compress, delaycompress): yesterday's lines are always in
     * {@code access.log.1}, older ones move on to {@code access.log.2.gz}, {@code .3.gz}. A cron over
     * {@code access.log.1} every day, then one over the whole folder, must count every line once: a file is
     * its first line, not its name (keyed by path, each day's run replaced the day before, and the folder
     * run counted every file twice).
     */
    @Test
    void numberedRotationWithDelaycompressCountsEveryLineOnce() throws Exception {
        Path dir = tmp.resolve("numbered");
        Files.createDirectories(dir);
        Path out = tmp.resolve("numbered-out");
        List<Path> days = rotated.subList(1, 4); // three files, oldest first
        for (int day = 0; day < days.size(); day++) {
            // logrotate: .N.gz -> .N+1.gz, .1 -> .2.gz, then the new day's file as .1
            for (int n = day; n >= 1; n--) {
                Path from = n == 1 ? dir.resolve("access.log.1") : dir.resolve("access.log." + n + ".gz");
                Path to = dir.resolve("access.log." + (n + 1) + ".gz");
                if (n == 1) {
                    try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(to))) {
                        Files.copy(from, gz);
                    }
                    Files.delete(from);
                } else {
                    Files.move(from, to);
                }
            }
            Files.copy(days.get(day), dir.resolve("access.log.1"));
            ingest(out, dir.resolve("access.log.1")); // the daily cron
        }
        ingest(out, dir); // and once over the whole folder
        Path reference = tmp.resolve("numbered-reference");
        ingest(reference, days.toArray(new Path[0]));
        for (String t : List.of("sli_minute", "sli_hour", "sli_day")) {
            assertThat(TableDiff.rows(reference, t)).as("%s has rows", t).isNotEmpty();
            assertThat(TableDiff.diff(reference, out, t)).as("%s differs from one run over the three files", t).isEmpty();
        }
        String sql = "SELECT source, dt, SUM(lines_read) AS n FROM %s GROUP BY ALL ORDER BY ALL";
        assertThat(Tables.query(String.format(sql, Tables.scan(out, "ingest_audit"))))
                .isEqualTo(Tables.query(String.format(sql, Tables.scan(reference, "ingest_audit"))));
    }

    /**
     * Dates written without lineage (a stream, or a sliflow before lineage) carry no record of their files:
     * a batch run touching one is refused, naming the partition, and changes nothing.
     */
    @Test
    void aDateWithoutLineageIsRefusedNotReplaced() throws Exception {
        Path out = tmp.resolve("no-lineage");
        ingest(out, rotated.get(1));
        dev.sliflow.table.OutputDir.deleteTree(out.resolve(LineagePublish.LINEAGE));
        Map<String, Integer> before = TableDiff.rows(out, "sli_minute");
        dev.sliflow.cli.CliRun r = dev.sliflow.cli.CliRun.of("ingest", "--logs", rotated.get(2).toString(),
                "--journeys", journeys.toString(), "--out", out.toString(), "--quiet");
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err()).contains("/dt=2026-06-02 was written without lineage");
        assertThat(TableDiff.rows(out, "sli_minute")).isEqualTo(before);
    }
}
