package dev.sliflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.gen.GeneratorConfig;
import dev.sliflow.gen.LogGenerator;
import dev.sliflow.journey.CatalogLoader;
import dev.sliflow.journey.JourneyCatalog;
import dev.sliflow.parse.LogFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded fuzzing of the whole per-line path (parser, validation, journey matching, accumulators,
 * audit, rejects, redaction): 1,000,000 real and mutated lines per format in the suite (3-15 s per
 * format, ~40 s for the six on 2 shared cores). Nothing may throw, every line is accounted for
 * (read = parsed + rejected), every reject has a reason and a redacted snippet. A longer run:
 * -Dsliflow.fuzz.lines=10000000 (about ten times as long); a quick one: -Dsliflow.fuzz.lines=100000.
 */
class IngestFuzzTest {
    static final int LINES = Integer.getInteger("sliflow.fuzz.lines", 1_000_000);

    @TempDir
    static Path tmp;

    @ParameterizedTest
    @EnumSource(value = LogFormat.class, names = {"NGINX", "APACHE", "ALB", "ENVOY", "HAPROXY", "JSON"})
    @Timeout(value = 900, unit = TimeUnit.SECONDS) // a hang guard, not a speed target
    void realAndMutatedLinesAreAllAccountedFor(LogFormat format) throws Exception {
        Path dir = tmp.resolve(format.cliName());
        LogGenerator.generate(GeneratorConfig.builder().outputDir(dir).days(1).perDay(5_000).seed(3).format(format)
                .gzip(false).start(LocalDate.parse("2026-03-02")).build());
        List<String> base = new ArrayList<>();
        try (var files = Files.walk(dir.resolve(format.cliName()))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                // lenient decoding, as the file source reads (the generator writes invalid UTF-8 garbage)
                new String(Files.readAllBytes(f), StandardCharsets.UTF_8).lines().forEach(base::add);
            }
        }
        JourneyCatalog catalog = CatalogLoader.load(dir.resolve("journeys.yaml"));
        long[] rejects = new long[1];
        IngestCore core = new IngestCore(catalog, format, DateRange.all(), 64 * 1024, new IngestCore.Emitter() {
            @Override
            public void partial(SliPartial p) {
                assertThat(p.total).isPositive();
            }

            @Override
            public void reject(RejectRow r) {
                rejects[0]++;
                assertThat(r.reasonCode).isNotBlank();
                assertThat(r.snippet.length()).isLessThanOrEqualTo(Redactor.MAX);
            }

            @Override
            public void audit(AuditRow a) {
                assertThat(a.linesRead).isEqualTo(a.parsed + a.rejected);
                assertThat(a.parsed).isEqualTo(a.matched + a.excluded + a.unmatched + a.late);
            }

            @Override
            public void unmatched(UnmatchedRow u) {
                assertThat(u.requests).isPositive();
            }
        }).limitRejectsPerFile(Integer.MAX_VALUE);
        SplittableRandom rnd = new SplittableRandom(format.ordinal() * 7919L + 1);
        long n = 0;
        for (int i = 0; i < LINES; i++) {
            String line = mutate(base.get(rnd.nextInt(base.size())), rnd, i);
            // a few files, so that per-file state is exercised too
            core.line("fuzz-" + (i / 25_000) + ".log", 0, i + 1, line);
            n++;
        }
        core.finishAll();
        IngestCore.Counters c = core.counters();
        assertThat(c.read).isEqualTo(n);
        assertThat(c.parsed + c.rejected + c.outOfRange).isEqualTo(n);
        assertThat(rejects[0]).isEqualTo(c.rejected);
        assertThat(c.parsed).as("real lines still parse").isPositive();
        assertThat(c.rejected).as("mutations are rejected").isGreaterThan(n / 4);
    }

    /** Real lines, byte-level mutations, truncations, junk, absurd values, and a 10 MB line. */
    static String mutate(String line, SplittableRandom rnd, int i) {
        if (i == 12_345 % LINES) {
            return "x".repeat(10 * 1024 * 1024);
        }
        switch (rnd.nextInt(12)) {
            case 0:
            case 1:
            case 2:
                return line;
            case 3: // truncated anywhere
                return line.substring(0, rnd.nextInt(line.length() + 1));
            case 4: { // random characters, including NUL, control chars and lone surrogates
                char[] cs = line.toCharArray();
                for (int k = 0, m = 1 + rnd.nextInt(4); k < m && cs.length > 0; k++) {
                    cs[rnd.nextInt(cs.length)] = (char) rnd.nextInt(0x10000);
                }
                return new String(cs);
            }
            case 5: { // random bytes decoded leniently, like invalid UTF-8 in a file
                byte[] b = new byte[rnd.nextInt(300)];
                rnd.nextBytes(b);
                return new String(b, StandardCharsets.UTF_8);
            }
            case 6: // absurd or missing timestamps
                return line.replaceFirst("20\\d\\d", rnd.nextBoolean() ? "0000" : "9999").replace("+0000", "");
            case 7: // statuses 000 and 999, negative and huge numbers
                return line.replaceFirst(" 200 ", rnd.nextBoolean() ? " 000 " : " 999 ").replaceFirst("0\\.0", "-9.0");
            case 8: // numbers made huge
                return line.replaceAll("\\d{2,}", "99999999999999999999");
            case 9: // methods and paths of any character
                return line.replace("GET", "G\u0000T").replace("/api", "/\u00e9\u0301\uD800pi");
            case 10: // doubled or split
                return rnd.nextBoolean() ? line + line : line.substring(line.length() / 2);
            default:
                return "";
        }
    }
}
