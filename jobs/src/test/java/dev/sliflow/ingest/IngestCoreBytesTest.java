package dev.sliflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.gen.GeneratorConfig;
import dev.sliflow.gen.LogGenerator;
import dev.sliflow.journey.CatalogLoader;
import dev.sliflow.journey.JourneyCatalog;
import dev.sliflow.parse.LogFormat;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ingest reads files as bytes ({@link IngestCore#line(String, long, long, byte[], int, int)}: the
 * parser's byte fast path, the decoded line for everything else); the result must be exactly that of
 * the same lines given as strings: every partial, reject, audit row and unmatched row, field by
 * field, in the same order. Generated days (with their garbage lines, invalid UTF-8 among them) and
 * the same lines with bytes mutated, for nginx (the format with a fast path), Apache (without one)
 * and auto-detection.
 */
class IngestCoreBytesTest {
    @TempDir
    static Path tmp;

    @ParameterizedTest
    @EnumSource(value = LogFormat.class, names = {"NGINX", "APACHE", "AUTO"})
    void bytesAndStringsGiveTheSameRows(LogFormat format) throws Exception {
        LogFormat written = format == LogFormat.AUTO ? LogFormat.NGINX : format;
        Path dir = tmp.resolve(format.cliName());
        LogGenerator.generate(GeneratorConfig.builder().outputDir(dir).days(2).perDay(20_000).seed(11).format(written)
                .gzip(false).start(LocalDate.parse("2026-03-02")).build());
        List<byte[]> lines = new ArrayList<>();
        try (var files = Files.walk(dir.resolve(written.cliName()))) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                byte[] all = Files.readAllBytes(f);
                int start = 0;
                for (int i = 0; i <= all.length; i++) {
                    if (i == all.length || all[i] == '\n') {
                        if (i > start) {
                            lines.add(Arrays.copyOfRange(all, start, i));
                        }
                        start = i + 1;
                    }
                }
            }
        }
        SplittableRandom rnd = new SplittableRandom(5);
        byte[] odd = {(byte) 0x80, (byte) 0xc3, (byte) 0xff, 0, ' ', '"', '\\', '[', ']', '?', '.', '5'};
        int n = lines.size();
        for (int i = 0; i < n / 4; i++) { // mutated copies, after the originals (later in the "file")
            byte[] b = lines.get(rnd.nextInt(n)).clone();
            b[rnd.nextInt(b.length)] = odd[rnd.nextInt(odd.length)];
            lines.add(b);
        }
        JourneyCatalog catalog = CatalogLoader.load(dir.resolve("journeys.yaml"));
        Recorder fromStrings = new Recorder();
        Recorder fromBytes = new Recorder();
        IngestCore s = new IngestCore(catalog, format, DateRange.all(), 64 * 1024, fromStrings).limitRejectsPerFile(1_000_000);
        IngestCore b = new IngestCore(catalog, format, DateRange.all(), 64 * 1024, fromBytes).limitRejectsPerFile(1_000_000);
        for (int i = 0; i < lines.size(); i++) {
            String file = "f" + (i / 15_000) + ".log";
            byte[] line = lines.get(i);
            s.line(file, 0, i + 1, new String(line, StandardCharsets.UTF_8));
            // the line inside a larger array, as in a chunk of the file source
            byte[] chunk = new byte[line.length + 4];
            System.arraycopy(line, 0, chunk, 2, line.length);
            chunk[0] = chunk[1] = chunk[chunk.length - 2] = chunk[chunk.length - 1] = '\n';
            b.line(file, 0, i + 1, chunk, 2, 2 + line.length);
        }
        s.finishAll();
        b.finishAll();
        assertThat(fromBytes.rows).containsExactlyElementsOf(fromStrings.rows);
        assertThat(fromStrings.rows).hasSizeGreaterThan(1000);
        assertThat(b.counters().read).isEqualTo(lines.size());
        assertThat(b.counters().rejected).isPositive().isEqualTo(s.counters().rejected);
        assertThat(b.counters().matched).isPositive().isEqualTo(s.counters().matched);
    }

    /** Every emitted row as a line of its type and public fields. */
    static final class Recorder implements IngestCore.Emitter {
        final List<String> rows = new ArrayList<>();

        @Override
        public void partial(SliPartial p) {
            rows.add(dump(p));
        }

        @Override
        public void reject(RejectRow r) {
            rows.add(dump(r));
        }

        @Override
        public void audit(AuditRow a) {
            rows.add(dump(a));
        }

        @Override
        public void unmatched(UnmatchedRow u) {
            rows.add(dump(u));
        }
    }

    static String dump(Object o) {
        StringBuilder sb = new StringBuilder(o.getClass().getSimpleName());
        for (Field f : o.getClass().getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            try {
                Object v = f.get(o);
                String s = v instanceof int[] ? Arrays.toString((int[]) v) : v instanceof long[] ? Arrays.toString((long[]) v)
                        : v instanceof byte[] ? Arrays.toString((byte[]) v) : v instanceof double[] ? Arrays.toString((double[]) v)
                        : String.valueOf(v);
                sb.append(' ').append(f.getName()).append('=').append(s);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return sb.toString();
    }
}
