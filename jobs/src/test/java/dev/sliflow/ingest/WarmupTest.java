package dev.sliflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.parse.LogFormat;
import dev.sliflow.parse.ParserOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up warm-up: reads a bounded sample of the run's own lines through the real core, and stops when told. */
class WarmupTest {
    @TempDir
    Path tmp;

    /** {@code n} lines: checkout and product requests, one per second, and a reject every 100th line. */
    static List<String> lines(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String ts = String.format("01/Mar/2026:%02d:%02d:%02d +0000", i / 3600 % 24, i / 60 % 60, i % 60);
            out.add(i % 100 == 99 ? "not an access log line " + i
                    : IngestCoreTest.nginx(ts, i % 2 == 0 ? "POST /api/v1/checkout" : "GET /products/" + i, 200, "0.0" + (i % 90 + 10)));
        }
        return out;
    }

    Path write(String name, List<String> lines) throws IOException {
        Path f = tmp.resolve(name);
        byte[] text = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        if (name.endsWith(".gz")) {
            try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(f))) {
                o.write(text);
            }
        } else {
            Files.write(f, text);
        }
        return f;
    }

    /** The partials a plain core makes of {@code lines}, as the warm-up would see them. */
    static List<SliPartial> reference(Path file, List<String> lines) {
        IngestCoreTest.Collect c = new IngestCoreTest.Collect();
        IngestCore core = new IngestCore(IngestCoreTest.CATALOG, LogFormat.NGINX, DateRange.all(), 65536, c);
        for (int i = 0; i < lines.size(); i++) {
            core.line(file.toString(), 0L, i + 1, lines.get(i));
        }
        core.finishAll();
        return c.partials;
    }

    static List<String> describe(List<SliPartial> ps) {
        List<String> out = new ArrayList<>();
        for (SliPartial p : ps) {
            out.add(p.journey + " " + p.minute + " total=" + p.total + " good=" + p.good + " latency=" + p.withLatency
                    + " q=" + java.util.Arrays.toString(p.quantiles));
        }
        return out;
    }

    @Test
    void readsAGzipOrPlainFileThroughTheRealCoreUpToTheLimit() throws IOException {
        List<String> all = lines(5_000);
        for (String name : new String[] {"access.log.gz", "access.log"}) {
            Path f = write(name, all);
            assertThat(Warmup.readable(f)).isTrue();
            List<SliPartial> got = new ArrayList<>();
            assertThat(Warmup.run(IngestCoreTest.CATALOG, LogFormat.NGINX, DateRange.all(), 65536, f, 3_000, () -> false, got::add))
                    .isEqualTo(3_000);
            assertThat(describe(got)).isEqualTo(describe(reference(f, all.subList(0, 3_000))));
            List<SliPartial> whole = new ArrayList<>();
            assertThat(Warmup.run(IngestCoreTest.CATALOG, LogFormat.NGINX, DateRange.all(), 65536, f, 1_000_000, () -> false, whole::add))
                    .as("a file shorter than the limit is read to its end").isEqualTo(5_000);
            assertThat(whole.stream().mapToLong(p -> p.total).sum()).isEqualTo(5_000 - 50);
        }
    }

    @Test
    void cutsItsFirstLinesAtEveryPosition() {
        for (int length : new int[] {1, 2, 60, 62, 210, 4000}) {
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (long line = 1; line <= length; line++) {
                int cut = Warmup.cutLength(line, length);
                assertThat(cut).isBetween(0, length - 1);
                seen.add(cut);
            }
            assertThat(seen).as("every cut of a %d-byte line", length).hasSize(length);
        }
        assertThat(Warmup.CUT_LINES).as("enough lines for every cut of a long access-log line").isGreaterThanOrEqualTo(2_000);
    }

    @Test
    void stopsWhenAskedBeforeTheNextLine() throws Exception {
        Path f = write("access.log", lines(2_000));
        int[] asked = {0};
        assertThat(Warmup.run(IngestCoreTest.CATALOG, LogFormat.NGINX, DateRange.all(), 65536, f, 1_000_000,
                () -> ++asked[0] > 500, p -> {})).isEqualTo(500);
        assertThat(Warmup.run(IngestCoreTest.CATALOG, LogFormat.NGINX, DateRange.all(), 65536, f, 1_000_000,
                () -> true, p -> {})).isZero();
    }

    @Test
    void aStartedWarmupRunsInADaemonThreadUntilTheJobsReadersStopIt() throws Exception {
        // a file far longer than a test would wait for: only stop() ends the thread early
        Path f = write("big.log.gz", lines(2_000));
        for (int i = 0; i < 8; i++) { // 512 k lines: more than half a second of reading
            Files.write(f, Files.readAllBytes(f), java.nio.file.StandardOpenOption.APPEND); // gzip members concatenated
        }
        Thread t = Warmup.start(IngestCoreTest.CATALOG, LogFormat.NGINX, ParserOptions.defaults(), DateRange.all(), 65536, f, Long.MAX_VALUE);
        assertThat(t).isNotNull();
        assertThat(t.isDaemon()).as("never keeps the JVM alive").isTrue();
        assertThat(Warmup.running()).as("registered before its thread starts").isEqualTo(1);
        Warmup.stop();
        t.join(30_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(Warmup.running()).isZero();
    }

    @Test
    void readsAtMostItsByteBudgetWhateverTheLines() throws IOException {
        List<String> all = lines(2_000);
        Path f = write("access.log", all);
        long budget = 0;
        for (int i = 0; i < 700; i++) {
            budget += all.get(i).length() + 1; // 700 whole lines and their newlines
        }
        assertThat(Warmup.run(IngestCoreTest.CATALOG, LogFormat.NGINX, ParserOptions.defaults(), DateRange.all(), 65536, f, 1_000_000, budget,
                () -> false, p -> {})).isEqualTo(700);
        assertThat(Warmup.run(IngestCoreTest.CATALOG, LogFormat.NGINX, ParserOptions.defaults(), DateRange.all(), 65536, f, 1_000_000, budget + 10,
                () -> false, p -> {})).as("a cut last line is still a line").isEqualTo(701);
        // an enormous first line: the warm-up stops inside it, at the budget, instead of buffering it all
        Path huge = tmp.resolve("huge-first-line.log");
        List<String> withHuge = new ArrayList<>(List.of("x".repeat(3 << 20)));
        withHuge.addAll(all.subList(0, 10));
        Files.writeString(huge, String.join("\n", withHuge) + "\n");
        assertThat(Warmup.run(IngestCoreTest.CATALOG, LogFormat.NGINX, ParserOptions.defaults(), DateRange.all(), 65536, huge, 1_000_000, 1 << 20,
                () -> false, p -> {})).isEqualTo(1);
        assertThat(Warmup.run(IngestCoreTest.CATALOG, LogFormat.NGINX, ParserOptions.defaults(), DateRange.all(), 65536, huge, 1_000_000, 8 << 20,
                () -> false, p -> {})).as("with room for it, the line and the ten after it").isEqualTo(11);
        assertThat(Warmup.MAX_BYTES).isEqualTo(96L << 20);
    }

    @Test
    void aFileItCannotReadIsLeftAloneAndAnUnreadableOneEndsIt() throws IOException {
        Path bz = write("access.log.bz2", lines(10));
        assertThat(Warmup.readable(bz)).isFalse();
        assertThat(Warmup.start(IngestCoreTest.CATALOG, LogFormat.NGINX, ParserOptions.defaults(), DateRange.all(), 65536, bz, 100)).isNull();
        assertThat(Warmup.readable(tmp)).as("a folder").isFalse();
        assertThat(Warmup.readable(tmp.resolve("missing.log"))).isFalse();
        assertThat(Warmup.readable(null)).isFalse();
        // a .gz that is not gzip: the warm-up ends quietly (the job reports on the file itself)
        Path bad = tmp.resolve("bad.log.gz");
        Files.writeString(bad, "plain text, not gzip\n");
        assertThat(Warmup.run(IngestCoreTest.CATALOG, LogFormat.NGINX, DateRange.all(), 65536, bad, 100, () -> false, p -> {}))
                .isZero();
    }
}
