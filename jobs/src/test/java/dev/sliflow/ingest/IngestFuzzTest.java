package dev.sliflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.gen.GeneratorConfig;
import dev.sliflow.gen.LogGenerator;
import dev.sliflow.journey.CatalogLoader;
import dev.sliflow.journey.JourneyCatalog;
import dev.sliflow.parse.LineParser;
import dev.sliflow.parse.LogFormat;
import dev.sliflow.parse.ParseResult;
import dev.sliflow.parse.ParserOptions;
import dev.sliflow.parse.Parsers;
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
 * (read = parsed + rejected + non_access), every reject has a reason and a redacted snippet. A longer run:
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
        fuzz(format, ParserOptions.defaults(), CatalogLoader.load(dir.resolve("journeys.yaml")), base);
    }

    /**
     * The formats the generator does not write — Traefik's CLF, W3C (IIS) with its directives, a declared
     * nginx log_format — fuzzed the same way: their base lines are the generator's nginx requests written in
     * that format (a W3C file gets a #Fields: directive every ~200 lines, which mutations break too).
     */
    @ParameterizedTest
    @EnumSource(value = LogFormat.class, names = {"TRAEFIK", "W3C", "DECLARED"})
    @Timeout(value = 900, unit = TimeUnit.SECONDS)
    void formatsTheGeneratorDoesNotWriteAreFuzzedToo(LogFormat format) throws Exception {
        Path dir = tmp.resolve("from-nginx-" + format.cliName());
        LogGenerator.generate(GeneratorConfig.builder().outputDir(dir).days(1).perDay(5_000).seed(3)
                .format(LogFormat.NGINX).gzip(false).start(LocalDate.parse("2026-03-02")).build());
        LineParser nginx = Parsers.forFormat(LogFormat.NGINX);
        ParseResult r = new ParseResult();
        java.time.format.DateTimeFormatter clf = java.time.format.DateTimeFormatter
                .ofPattern("dd/MMM/yyyy:HH:mm:ss Z", java.util.Locale.ROOT).withZone(java.time.ZoneOffset.UTC);
        java.time.format.DateTimeFormatter w3c = java.time.format.DateTimeFormatter
                .ofPattern("yyyy-MM-dd HH:mm:ss", java.util.Locale.ROOT).withZone(java.time.ZoneOffset.UTC);
        String fields = "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port c-ip cs(User-Agent) sc-status"
                + " sc-substatus sc-win32-status time-taken";
        List<String> base = new ArrayList<>();
        if (format == LogFormat.W3C) {
            base.add("#Software: Microsoft Internet Information Services 10.0");
            base.add(fields);
        }
        try (var files = Files.walk(dir.resolve("nginx"))) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                for (String line : new String(Files.readAllBytes(f), StandardCharsets.UTF_8).lines().toList()) {
                    if (!nginx.parse(line, r) || !r.hasLatency()) {
                        base.add(line); // the generator's garbage stays garbage
                        continue;
                    }
                    java.time.Instant t = java.time.Instant.ofEpochMilli(r.epochMillis);
                    long ms = r.latencyUs / 1000;
                    base.add(switch (format) {
                        case TRAEFIK -> String.format(java.util.Locale.ROOT, "10.0.0.1 - - [%s] \"%s %s HTTP/1.1\" %d 512"
                                + " \"-\" \"Mozilla/5.0\" %d \"shop@docker\" \"http://172.17.0.3:80\" %dms", clf.format(t), r.method,
                                r.path, r.status, base.size(), ms);
                        case W3C -> String.format(java.util.Locale.ROOT, "%s 10.0.0.1 %s %s q=1 443 192.0.2.1 Mozilla/5.0+(X11)"
                                + " %d 0 0 %d", w3c.format(t), r.method, r.path, r.status, ms);
                        default -> String.format(java.util.Locale.ROOT, "10.0.0.1:443 203.0.113.9 - [%s] \"%s %s HTTP/1.1\""
                                + " %d 512 700 %d.%03d - https shop.example.com", clf.format(t), r.method, r.path, r.status,
                                ms / 1000, ms % 1000);
                    });
                    if (format == LogFormat.W3C && base.size() % 200 == 0) {
                        base.add(fields); // a restart writes the directives again
                    }
                }
            }
        }
        ParserOptions options = format == LogFormat.DECLARED
                ? ParserOptions.defaults().withDeclared(dev.sliflow.parse.DeclaredFormat.parse(
                        "nginx:$remote_addr:$server_port $http_x_forwarded_for - [$time_local] \"$request\" $status"
                                + " $body_bytes_sent $request_length $request_time $upstream_response_time $scheme $host", null))
                : ParserOptions.defaults();
        // the base lines parse as their format before they are mutated
        LineParser p = Parsers.forFormat(format, options);
        long ok = base.stream().filter(l -> p.parse(l, r)).count();
        assertThat(ok).as("base lines of %s that parse", format).isGreaterThan(base.size() * 9 / 10);
        fuzz(format, options, CatalogLoader.load(dir.resolve("journeys.yaml")), base);
    }

    private static void fuzz(LogFormat format, ParserOptions options, JourneyCatalog catalog, List<String> base) {
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
                assertThat(a.linesRead).isEqualTo(a.parsed + a.rejected + a.nonAccess);
                assertThat(a.parsed).isEqualTo(a.matched + a.excluded + a.unmatched + a.late);
            }

            @Override
            public void unmatched(UnmatchedRow u) {
                assertThat(u.requests).isPositive();
            }
        }).limitRejectsPerFile(Integer.MAX_VALUE).parserOptions(options);
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
        assertThat(c.parsed + c.rejected + c.nonAccess + c.outOfRange).isEqualTo(n);
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
