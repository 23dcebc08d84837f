package dev.sliflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.cli.CliRun;
import dev.sliflow.gen.GeneratorConfig;
import dev.sliflow.gen.LogGenerator;
import dev.sliflow.parse.LogFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File-level faults, end to end through the command line on a local MiniCluster (jobs/OPERATIONS.md):
 * each ends with exit 1 or 2 and one line naming the file or folder and the problem, the published
 * partitions unchanged and no staging left behind — or, for a fault that is not one to sliflow (a
 * file deleted while open), with a complete run. A run killed midway is
 * {@code IngestJobITCase.aRunKilledMidwayLeavesThePublishedPartitionsIntact}; the reader's own
 * behaviour on each fault is {@link LineFormatTest}.
 */
class FaultsITCase {
    @TempDir
    static Path tmp;
    static Path logs;
    static Path journeys;
    static Path out;
    static String published;

    @BeforeAll
    static void ingestOnce() throws Exception {
        Path gen = tmp.resolve("gen");
        LogGenerator.generate(GeneratorConfig.builder().outputDir(gen).days(2).perDay(3_000).seed(11)
                .format(LogFormat.NGINX).start(LocalDate.parse("2026-03-01")).build());
        logs = gen.resolve("nginx");
        journeys = gen.resolve("journeys.yaml");
        out = tmp.resolve("out");
        CliRun first = ingest(logs, out);
        assertThat(first.rc()).isZero();
        // the generated logs are .gz: the summary names what inflated them
        assertThat(first.out()).contains("\n  .gz inflated with " + dev.sliflow.ingest.Gunzip.implementation() + "\n");
        published = IngestJobITCase.snapshot(out);
    }

    static CliRun ingest(Path in, Path dir, String... more) {
        String[] args = {"ingest", "--logs", in.toString(), "--journeys", journeys.toString(), "--out", dir.toString(),
                "--parallelism", "2", "--quiet"};
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CliRun.of(all);
    }

    /** A copy of the good logs plus {@code extra} (a name and how to create it). */
    static Path logsWith(String dirName) throws IOException {
        Path d = tmp.resolve(dirName);
        Files.createDirectories(d);
        try (Stream<Path> s = Files.list(logs)) {
            for (Path f : s.toList()) {
                Files.copy(f, d.resolve(f.getFileName()));
            }
        }
        return d;
    }

    /** The published rows of every table are {@code before} (compared quietly: a snapshot is long). */
    static void assertUnchanged(Path dir, String before) throws Exception {
        assertUnchanged(dir, before, logs);
    }

    /** Like {@link #assertUnchanged(Path, String)} for a run that read copies of the logs from {@code in}. */
    static void assertUnchanged(Path dir, String before, Path in) throws Exception {
        String now = IngestJobITCase.snapshot(dir).replace(in + "/", logs + "/");
        assertThat(now.equals(before)).as("published partitions unchanged (%d vs %d chars)", now.length(), before.length())
                .isTrue();
    }

    /** stderr without blank lines and the start line the command prints before it begins. */
    static List<String> errors(CliRun r) {
        return r.err().lines().filter(l -> !l.isBlank() && !l.startsWith("sliflow ingest: ")).toList();
    }

    /** The run failed with {@code rc}, one error line (plus the debug hint) starting with {@code prefix}, nothing changed. */
    static void assertFailedCleanly(CliRun r, int rc, String prefix, Path dir, String before) throws Exception {
        List<String> lines = errors(r);
        assertThat(r.rc()).as(r.err()).isEqualTo(rc);
        assertThat(lines.get(0)).startsWith(prefix);
        assertThat(lines).as("one line, no stack trace or Flink log").hasSizeLessThanOrEqualTo(2)
                .allSatisfy(l -> assertThat(l).doesNotStartWith("\tat ").doesNotContain(" ERROR "));
        if (lines.size() == 2) {
            assertThat(lines.get(1)).isEqualTo("(set SLIFLOW_DEBUG=1 for the stack trace)");
        }
        assertUnchanged(dir, before);
        assertThat(dir.resolve(".staging")).as("no staging left behind").satisfiesAnyOf(
                p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
    }

    @Test
    void aTruncatedGzipFailsTheRunNamingTheFileAndPublishesNothing() throws Exception {
        Path in = logsWith("truncated");
        Path gz = in.resolve("access-2026-03-02.log.gz");
        byte[] all = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(all, all.length / 2)); // the copy was cut off mid-transfer
        assertFailedCleanly(ingest(in, out), 1, "sliflow: failed: the job failed: input file " + gz
                + ": the compressed data ends early after line ", out, published);
        assertThat(ingest(in, out).err()).contains("(a truncated or corrupt file: Unexpected end of ZLIB input stream)"
                + "; the published tables are unchanged");
        // the clean retry, once the file is whole again
        Files.copy(logs.resolve(gz.getFileName()), gz, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(ingest(in, out).rc()).isZero();
        assertUnchanged(out, published, in);
        assertThat(ingest(logs, out).rc()).isZero();
    }

    @Test
    void unreadableInputsAreNamedBeforeTheJobOrFailItWithoutPublishing() throws Exception {
        // a FIFO would block the reader forever: refused before the job starts
        Path fifo = logsWith("fifo").resolve("pipe.log");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).isTrue();
        assertFailedCleanly(ingest(fifo.getParent(), out), 2, "sliflow: error: --logs: " + fifo
                + ": not a regular file (a FIFO, socket or device would block or never end)", out, published);

        // a link whose file is gone (the reader would find nothing to open)
        Path broken = logsWith("broken").resolve("gone.log");
        Files.createSymbolicLink(broken, tmp.resolve("no-such-file.log"));
        assertFailedCleanly(ingest(broken.getParent(), out), 2, "sliflow: error: --logs: " + broken
                + ": a broken symbolic link", out, published);

        // an I/O error while reading (EIO, for root too): the run fails naming the file (reading its first line,
        // its lineage identity, before the job)
        Path eio = logsWith("eio").resolve("mem.log");
        Files.createSymbolicLink(eio, Path.of("/proc/self/mem"));
        assertFailedCleanly(ingest(eio.getParent(), out), 1, "sliflow: failed: input file " + eio
                + ": cannot read its first line: Input/output error; the published tables are unchanged", out, published);

        // no read permission: refused before the job; root reads any file, so there it is simply read
        Path denied = logsWith("denied").resolve("access-2026-03-01.log.gz");
        Files.setPosixFilePermissions(denied, PosixFilePermissions.fromString("---------"));
        if (Files.isReadable(denied)) {
            Path scratch = tmp.resolve("out-root");
            assertThat(ingest(denied.getParent(), scratch).rc()).as("root ignores chmod 000").isZero();
            assertUnchanged(scratch, published, denied.getParent());
        } else {
            assertFailedCleanly(ingest(denied.getParent(), out), 2, "sliflow: error: --logs: " + denied
                    + ": permission denied", out, published);
        }
    }

    @Test
    void aFullOutputFileSystemFailsTheRunAndARetryWithSpacePublishes() throws Exception {
        try (Tmpfs fs = Tmpfs.mount(tmp.resolve("full"), "1m")) {
            Path dir = fs.dir.resolve("out");
            assertThat(ingest(logs, dir).rc()).isZero();
            String before = IngestJobITCase.snapshot(dir);
            Path filler = fs.dir.resolve("filler");
            long free = Files.getFileStore(fs.dir).getUsableSpace();
            Files.write(filler, new byte[(int) (free - 16 * 1024)]); // leave 16 KiB: enough to start, not to write
            assertFailedCleanly(ingest(logs, dir), 1, "sliflow: failed: the job failed: ", dir, before);
            CliRun r = ingest(logs, dir);
            assertThat(r.err()).contains("No space left on device").contains("; the published tables are unchanged");
            Files.delete(filler);
            assertThat(ingest(logs, dir).rc()).as("the retry with space").isZero();
            assertUnchanged(dir, before);
            assertThat(dir.resolve(".staging")).doesNotExist();
        }
    }

    @Test
    void aReadOnlyOutputIsRefusedBeforeTheJob() throws Exception {
        try (Tmpfs fs = Tmpfs.mount(tmp.resolve("ro"), "4m")) {
            Path dir = fs.dir.resolve("out");
            assertThat(ingest(logs, dir).rc()).isZero();
            String before = IngestJobITCase.snapshot(dir);
            fs.remount("ro");
            assertFailedCleanly(ingest(logs, dir), 1, "sliflow: failed: --out " + dir
                    + " is not writable: Read-only file system (nothing was changed)", dir, before);
            fs.remount("rw");
            assertThat(ingest(logs, dir).rc()).as("the retry once writable").isZero();
            assertUnchanged(dir, before);
        }
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "not a folder");
        CliRun r = ingest(logs, file.resolve("out"));
        assertThat(r.rc()).isEqualTo(2);
        assertThat(errors(r)).containsExactly("sliflow: error: --out " + file.resolve("out") + ": " + file
                + " is a file, not a folder");
    }

    @Test
    void linksInsideOutAreRefusedAndNeverFollowed() throws Exception {
        Path dir = tmp.resolve("out-links");
        assertThat(ingest(logs, dir).rc()).isZero();
        String before = IngestJobITCase.snapshot(dir);
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Path sentinel = Files.writeString(elsewhere.resolve("keep.txt"), "precious");
        // a stale-staging clean-up through this link would delete elsewhere/* (Flink's delete follows links)
        Files.createSymbolicLink(dir.resolve(".staging"), elsewhere);
        CliRun r = ingest(logs, dir);
        assertThat(r.rc()).isEqualTo(2);
        assertThat(errors(r).get(0)).startsWith("sliflow: error: --out " + dir + ": .staging is a symbolic link (to "
                + elsewhere + "); sliflow never writes through a link inside --out");
        assertThat(sentinel).hasContent("precious");
        Files.delete(dir.resolve(".staging"));
        // a partition that links elsewhere would be moved aside and deleted through the link
        Path part = dir.resolve("rejects").resolve("dt=2026-03-01");
        Path moved = Files.move(part, elsewhere.resolve("dt=2026-03-01"));
        Files.createSymbolicLink(part, moved);
        r = ingest(logs, dir);
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).contains("rejects/dt=2026-03-01 is a symbolic link");
        assertThat(moved).isNotEmptyDirectory();
        Files.delete(part);
        Files.move(moved, part);
        assertUnchanged(dir, before);
        // --out itself may be a link: the operator chose it
        Path link = Files.createSymbolicLink(tmp.resolve("out-link"), dir);
        assertThat(ingest(logs, link).rc()).isZero();
        assertUnchanged(dir, before);
    }

    @Test
    void extremeDatesNeverMakeOddPartitions() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("dates"));
        String good = "203.0.113.9 - - [%s] \"GET /api/v1/cart HTTP/1.1\" 200 120 \"-\" \"curl/8\" 0.010 0.010";
        Files.writeString(in.resolve("access.log"), String.join("\n",
                String.format(good, "01/Mar/2026:10:00:00 +0000"),
                String.format(good, "31/Dec/9999:23:59:59 +0000"), // year 9999: rejected
                String.format(good, "31/Dec/2199:23:59:59 -1400"), // year 2200 in UTC: rejected
                String.format(good, "01/Jan/0001:00:00:00 +0000"), // year 1: rejected
                String.format(good, "01/Jan/1970:00:00:00 +0000"), // the epoch: rejected
                String.format(good, "31/Dec/2199:23:59:59 +0000"), // the last accepted second: dt=2199-12-31
                String.format(good, "01/Jan/1990:00:00:00 +0000")) + "\n", StandardCharsets.UTF_8); // the first
        Path dir = tmp.resolve("out-dates");
        CliRun r = ingest(in, dir);
        assertThat(r.rc()).as(r.err()).isZero();
        for (String table : List.of("sli_minute", "rejects", "ingest_audit")) {
            try (Stream<Path> s = Files.list(dir.resolve(table))) {
                assertThat(s.map(p -> p.getFileName().toString()).toList())
                        .allSatisfy(n -> assertThat(n).matches("dt=(1990-01-01|2026-03-01|2199-12-31)"));
            }
        }
        try (Stream<Path> s = Files.list(dir.resolve("sli_minute"))) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("dt=1990-01-01", "dt=2026-03-01", "dt=2199-12-31");
        }
        List<Map<String, Object>> rj = Tables.query("SELECT line_number, reason_code, reason FROM "
                + Tables.scan(dir, "rejects") + " ORDER BY line_number");
        assertThat(rj).extracting(m -> ((Number) m.get("line_number")).longValue()).containsExactly(2L, 3L, 4L, 5L);
        assertThat(rj).extracting(m -> m.get("reason_code")).containsOnly("bad_timestamp");
        assertThat(rj).extracting(m -> m.get("reason")).containsExactly("timestamp outside 1990..2199",
                "timestamp outside 1990..2199", "expected dd/MMM/yyyy:HH:mm:ss +hhmm", "timestamp outside 1990..2199");
        CliRun far = ingest(in, dir, "--from", "0001-01-01", "--to", "2026-03-01");
        assertThat(far.rc()).isEqualTo(2);
        assertThat(errors(far)).containsExactly("sliflow: error: --from 0001-01-01: dates are limited to the years"
                + " 1990..2199 (UTC), as are log timestamps (a line outside them is rejected as bad_timestamp)");
        // the widest range costs no more than its partitions (only existing dt= folders are looked at)
        long t0 = System.nanoTime();
        assertThat(ingest(in, dir, "--from", "1990-01-01", "--to", "2199-12-31").rc()).isZero();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(60);
        try (Stream<Path> s = Files.list(dir.resolve("sli_minute"))) {
            assertThat(s.count()).isEqualTo(3);
        }
    }

    /** A small tmpfs mounted for a test (needs root: mount(2)); unmounted on close. */
    static final class Tmpfs implements AutoCloseable {
        final Path dir;

        private Tmpfs(Path dir) {
            this.dir = dir;
        }

        static Tmpfs mount(Path dir, String size) throws Exception {
            Files.createDirectories(dir);
            String err = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
            assertThat(err).as("this test mounts a small tmpfs to get a real full or read-only file system: it needs"
                    + " root (CAP_SYS_ADMIN), as the build machine and CI have").isEmpty();
            return new Tmpfs(dir);
        }

        void remount(String mode) throws Exception {
            assertThat(run("mount", "-o", "remount," + mode, dir.toString())).isEmpty();
        }

        @Override
        public void close() throws Exception {
            run("umount", "-l", dir.toString());
        }

        /** Runs a command; returns "" on success, else its exit status and output. */
        static String run(String... cmd) throws Exception {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return p.exitValue() == 0 ? "" : "exit " + p.exitValue() + ": " + output.strip();
        }
    }
}
