package dev.sliflow.gen;

import dev.sliflow.parse.LogFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yaml.snakeyaml.Yaml;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class LogGeneratorTest {

    private static final String MON = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
    private static final DateTimeFormatter HAP =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

    // Independent, strict per-format patterns. Groups: ts, method, target, status, latency.
    private static final Pattern NGINX = Pattern.compile("^\\S+ - \\S+ \\[(\\d{2}/" + MON + "/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4})\\] "
            + "\"([A-Z]+) (/\\S*) HTTP/[12]\\.[01]\" ([1-5]\\d\\d) (\\d+) \"[^\"]*\" \"[^\"]*\" (\\d+\\.\\d{3}) (\\d+\\.\\d{3}|-)$");
    private static final Pattern APACHE = Pattern.compile("^\\S+ - \\S+ \\[(\\d{2}/" + MON + "/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000)\\] "
            + "\"([A-Z]+) (/\\S*) HTTP/[12]\\.[01]\" ([1-5]\\d\\d) (\\d+|-) \"[^\"]*\" \"[^\"]*\" (\\d+)$");
    private static final Pattern ALB = Pattern.compile("^(?:https|http|h2) (\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z) \\S+ \\S+:\\d+ \\S+ "
            + "(-1|\\d+\\.\\d{3}) (-1|\\d+\\.\\d{3}) (-1|\\d+\\.\\d{3}) ([1-5]\\d\\d) (?:[1-5]\\d\\d|-) \\d+ \\d+ "
            + "\"([A-Z]+) https://shop\\.example\\.com:443(/\\S*) HTTP/[12]\\.[01]\" \"[^\"]*\" \\S+ \\S+ \\S+ \"Root=1-[0-9a-f]{8}-[0-9a-f]{24}\" "
            + "\"[^\"]*\" \"[^\"]*\" \\d+ \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z \"[^\"]*\" \"[^\"]*\" \"[^\"]*\" \"[^\"]*\" \"[^\"]*\" \"[^\"]*\" \"[^\"]*\"$");
    private static final Pattern ENVOY = Pattern.compile("^\\[(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z)\\] "
            + "\"([A-Z]+) (/\\S*) HTTP/[0-9.]+\" ([1-5]\\d\\d) \\S+ \\d+ \\d+ (\\d+) (?:\\d+|-) \"[^\"]*\" \"[^\"]*\" "
            + "\"[0-9a-f-]{36}\" \"[^\"]*\" \"[^\"]*\"$");
    private static final Pattern HAPROXY = Pattern.compile("^" + MON + " [ \\d]\\d \\d{2}:\\d{2}:\\d{2} \\S+ haproxy\\[\\d+\\]: \\S+:\\d+ "
            + "\\[(\\d{2}/" + MON + "/\\d{4}:\\d{2}:\\d{2}:\\d{2}\\.\\d{3})\\] \\S+ \\S+ -?\\d+/-?\\d+/-?\\d+/-?\\d+/(\\d+) ([1-5]\\d\\d) \\d+ "
            + "\\S+ \\S+ \\S{4} \\d+/\\d+/\\d+/\\d+/\\d+ \\d+/\\d+ \"([A-Z]+) (/\\S*) HTTP/1\\.1\"$");
    private static final Pattern JSON = Pattern.compile("^\\{\"level\":\"info\",\"ts\":(\\d+\\.\\d+),\"logger\":\"http\\.log\\.access\","
            + "\"msg\":\"handled request\",\"request\":\\{.*\"method\":\"([A-Z]+)\",\"host\":\"[^\"]+\",\"uri\":\"(/[^\"]*)\","
            + ".*\"duration\":(\\d+\\.\\d+),\"size\":\\d+,\"status\":([1-5]\\d\\d)\\}$");

    /** One parsed line: UTC epoch millis, method, path (no query), status, latency ms. */
    record Line(long epochMillis, String method, String path, int status, double latencyMs) {}

    static Line parse(LogFormat f, String s) {
        Matcher m;
        switch (f) {
            case NGINX -> {
                if (!(m = NGINX.matcher(s)).matches()) return null;
                return line(clf(m.group(1)), m.group(3), m.group(4),
                        m.group(5), Double.parseDouble(m.group(7)) * 1000);
            }
            case APACHE -> {
                if (!(m = APACHE.matcher(s)).matches()) return null;
                return line(clf(m.group(1)), m.group(3), m.group(4),
                        m.group(5), Double.parseDouble(m.group(7)) / 1000);
            }
            case ALB -> {
                if (!(m = ALB.matcher(s)).matches()) return null;
                double lat = m.group(3).equals("-1") ? Double.NaN
                        : (Double.parseDouble(m.group(2)) + Double.parseDouble(m.group(3)) + Double.parseDouble(m.group(4))) * 1000;
                return line(Instant.parse(m.group(1)).toEpochMilli(), m.group(6), m.group(7), m.group(5), lat);
            }
            case ENVOY -> {
                if (!(m = ENVOY.matcher(s)).matches()) return null;
                return line(Instant.parse(m.group(1)).toEpochMilli(), m.group(2), m.group(3), m.group(4),
                        Double.parseDouble(m.group(5)));
            }
            case HAPROXY -> {
                if (!(m = HAPROXY.matcher(s)).matches()) return null;
                return line(Instant.from(HAP.parse(m.group(2))).toEpochMilli(), m.group(6), m.group(7), m.group(5),
                        Double.parseDouble(m.group(4)));
            }
            case JSON -> {
                if (!(m = JSON.matcher(s)).matches()) return null;
                return line((long) (Double.parseDouble(m.group(1)) * 1000), m.group(2), m.group(3), m.group(5),
                        Double.parseDouble(m.group(4)) * 1000);
            }
            default -> throw new IllegalArgumentException();
        }
    }

    private static final List<String> MONTHS = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
            "Sep", "Oct", "Nov", "Dec");

    /** dd/MMM/yyyy:HH:mm:ss +hhmm to epoch millis (hand-rolled: fast, independent of the generator). */
    static long clf(String t) {
        int d = Integer.parseInt(t.substring(0, 2));
        int mon = MONTHS.indexOf(t.substring(3, 6)) + 1;
        int y = Integer.parseInt(t.substring(7, 11));
        int hh = Integer.parseInt(t.substring(12, 14));
        int mm = Integer.parseInt(t.substring(15, 17));
        int ss = Integer.parseInt(t.substring(18, 20));
        int sign = t.charAt(21) == '-' ? -1 : 1;
        int off = sign * (Integer.parseInt(t.substring(22, 24)) * 3600 + Integer.parseInt(t.substring(24, 26)) * 60);
        long epochDay = LocalDate.of(y, mon, d).toEpochDay();
        return (epochDay * 86400L + hh * 3600L + mm * 60L + ss - off) * 1000L;
    }

    private static Line line(long ms, String method, String target, String status, double lat) {
        int q = target.indexOf('?');
        return new Line(ms, method, q < 0 ? target : target.substring(0, q), Integer.parseInt(status), lat);
    }

    private static final List<Pattern> ROUTES = Catalog.JOURNEYS.stream()
            .map(j -> Pattern.compile("^" + j.template().replaceAll("\\{[^}]+}", "[^/]+") + "$")).toList();

    /** Independent route classification following journeys.yaml semantics. */
    static String classify(Line l) {
        if (l.path().equals("/healthz")) return "excluded";
        if (l.path().startsWith("/static/")) return "excluded";
        for (int i = 0; i < Catalog.JOURNEYS.size(); i++) {
            Catalog.Journey j = Catalog.JOURNEYS.get(i);
            if (j.method().equals(l.method()) && ROUTES.get(i).matcher(l.path()).matches()) return j.name();
        }
        return "unmatched";
    }

    static List<String> readLines(Path p) throws IOException {
        InputStream in = Files.newInputStream(p);
        if (p.toString().endsWith(".gz")) in = new GZIPInputStream(in, 1 << 16);
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1))) {
            for (String s; (s = r.readLine()) != null; ) out.add(s);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> groundTruth(Path dir) throws IOException {
        return (Map<String, Object>) new Yaml().load(Files.readString(dir.resolve(LogGenerator.GROUND_TRUTH)));
    }

    static long num(Object o) {
        return ((Number) o).longValue();
    }

    static GeneratorConfig.Builder small(Path dir) {
        return GeneratorConfig.builder().outputDir(dir).days(2).perDay(10_000).seed(7).threads(2);
    }

    static String hashTree(Path dir) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path p : files) {
            md.update(dir.relativize(p).toString().getBytes(StandardCharsets.UTF_8));
            md.update(Files.readAllBytes(p));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void sameSeedGivesByteIdenticalOutputAndOtherSeedDiffers(@TempDir Path tmp) throws Exception {
        LogGenerator.generate(small(tmp.resolve("a")).build());
        LogGenerator.generate(small(tmp.resolve("b")).threads(1).build());
        LogGenerator.generate(small(tmp.resolve("c")).seed(8).build());
        assertThat(hashTree(tmp.resolve("a"))).isEqualTo(hashTree(tmp.resolve("b")));
        assertThat(hashTree(tmp.resolve("a"))).isNotEqualTo(hashTree(tmp.resolve("c")));
    }

    @ParameterizedTest
    @EnumSource(value = LogFormat.class, names = {"NGINX", "APACHE", "ALB", "ENVOY", "HAPROXY", "JSON"})
    @SuppressWarnings("unchecked")
    void everyLineParsesExceptTheCountedGarbage(LogFormat format, @TempDir Path tmp) throws Exception {
        LogGenerator.Result res = LogGenerator.generate(small(tmp).format(format).garbageRate(0.01).build());
        Map<String, Object> gt = groundTruth(tmp);
        List<Map<String, Object>> files = (List<Map<String, Object>>) gt.get("files");
        assertThat(files).hasSize(2);
        long totalGarbage = 0;
        for (Map<String, Object> f : files) {
            Path p = tmp.resolve((String) f.get("path"));
            assertThat(p.toString()).endsWith(format.cliName() + "/access-" + f.get("date") + ".log.gz");
            List<String> lines = readLines(p);
            assertThat((long) lines.size()).isEqualTo(num(f.get("lines")));
            long bad = 0;
            long prev = Long.MIN_VALUE;
            Map<String, Long> byJourney = new TreeMap<>();
            LocalDate day = LocalDate.parse((String) f.get("date"));
            long dayStart = day.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            for (String s : lines) {
                Line l = parse(format, s);
                if (l == null) {
                    bad++;
                    continue;
                }
                assertThat(l.epochMillis()).as("time order in %s: %s", p, s).isGreaterThanOrEqualTo(prev);
                assertThat(l.epochMillis()).isBetween(dayStart, dayStart + 86_400_000L - 1);
                prev = l.epochMillis();
                if (!Double.isNaN(l.latencyMs())) assertThat(l.latencyMs()).isBetween(0.0, 130_000.0);
                byJourney.merge(classify(l), 1L, Long::sum);
            }
            assertThat(bad).as("unparseable lines in %s", p).isEqualTo(num(f.get("garbage_lines")));
            assertThat(bad).isGreaterThan(0).isLessThanOrEqualTo((long) (0.01 * lines.size()));
            Map<String, Object> journeys = (Map<String, Object>) f.get("journeys");
            for (Catalog.Journey j : Catalog.JOURNEYS) {
                long expected = num(((Map<String, Object>) journeys.get(j.name())).get("total"));
                assertThat(byJourney.getOrDefault(j.name(), 0L)).as(j.name()).isEqualTo(expected);
            }
            assertThat(byJourney.getOrDefault("excluded", 0L))
                    .isEqualTo(num(((Map<String, Object>) f.get("excluded")).get("total")));
            assertThat(byJourney.getOrDefault("unmatched", 0L)).isEqualTo(num(f.get("unmatched")));
            totalGarbage += bad;
        }
        assertThat(totalGarbage).isEqualTo(res.garbageLines());
    }

    @Test
    void headlineIncidentsLieInsideEvenShortRanges() {
        for (int days = 1; days <= 10; days++) {
            GeneratorConfig cfg = GeneratorConfig.builder().days(days).outputDir(Path.of("unused")).build();
            Scenario s = Scenario.plan(cfg);
            long start = cfg.start().atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
            long end = cfg.endExclusive().atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
            for (Scenario.Incident i : s.all()) {
                assertThat(i.startMicros()).isGreaterThanOrEqualTo(start);
                assertThat(i.endMicros()).isLessThanOrEqualTo(end).isGreaterThan(i.startMicros());
            }
            assertThat(s.incidents()).extracting(Scenario.Incident::kind)
                    .contains(Scenario.Kind.OUTAGE, Scenario.Kind.ERROR_BURST, Scenario.Kind.LATENCY_REGRESSION);
            assertThat(s.maintenance().journeyName()).isEqualTo("checkout");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void outageShowsInTheLogsAndDiurnalShapeHolds(@TempDir Path tmp) throws Exception {
        // A Monday, one day, no garbage.
        GeneratorConfig cfg = GeneratorConfig.builder().outputDir(tmp).days(1).perDay(30_000).seed(3)
                .start(LocalDate.of(2026, 3, 2)).garbageRate(0).build();
        LogGenerator.generate(cfg);
        Map<String, Object> gt = groundTruth(tmp);
        Map<String, Object> outage = ((List<Map<String, Object>>) gt.get("incidents")).stream()
                .filter(i -> i.get("kind").equals("outage")).findFirst().orElseThrow();
        long os = Instant.parse((String) outage.get("start")).toEpochMilli();
        long oe = Instant.parse((String) outage.get("end")).toEpochMilli();
        assertThat(outage.get("journey")).isEqualTo("login");
        List<String> lines = readLines(tmp.resolve(LogGenerator.relativePath(cfg, cfg.start(), null)));
        long[] perHour = new long[24];
        long loginInOutage = 0;
        for (String s : lines) {
            Line l = parse(LogFormat.NGINX, s);
            assertThat(l).as(s).isNotNull();
            perHour[(int) ((l.epochMillis() / 3_600_000L) % 24)]++;
            // nginx logs whole seconds: strictly inside the window
            if (classify(l).equals("login") && l.epochMillis() >= os && l.epochMillis() < oe - 1000) {
                loginInOutage++;
                assertThat(l.status()).isEqualTo(503);
            }
        }
        assertThat(loginInOutage).isGreaterThan(0);
        assertThat(num(outage.get("injected_errors"))).isEqualTo(num(outage.get("requests_in_window")));
        assertThat(perHour[3]).isLessThan(perHour[15] / 2);
        assertThat(perHour[4]).isLessThan(perHour[14] / 2);
    }

    @Test
    void nonUtcOffsetsAndRegions(@TempDir Path tmp) throws Exception {
        GeneratorConfig cfg = GeneratorConfig.builder().outputDir(tmp).days(1).perDay(5_000).regions(2)
                .nonUtcFraction(1.0).garbageRate(0).gzip(false).build();
        LogGenerator.Result r = LogGenerator.generate(cfg);
        assertThat(r.files()).extracting(p -> tmp.relativize(p).toString().replace('\\', '/')).containsExactly(
                "logs/us-east-1/nginx/access-2026-03-01.log", "logs/eu-west-1/nginx/access-2026-03-01.log");
        long dayStart = cfg.start().atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        for (Path p : r.files()) {
            List<String> lines = readLines(p);
            assertThat(lines).isNotEmpty();
            for (String s : lines) {
                assertThat(s).containsAnyOf(" +0200] ", " -0500] ");
                Line l = parse(LogFormat.NGINX, s);
                assertThat(l).isNotNull();
                assertThat(l.epochMillis()).isBetween(dayStart, dayStart + 86_399_999L);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void sampleConfigsAreValidYamlCoveringEveryJourney(@TempDir Path tmp) throws Exception {
        LogGenerator.writeSampleConfigs(tmp);
        Map<String, Object> j = new Yaml().load(Files.readString(tmp.resolve("journeys.yaml")));
        assertThat(((Map<String, Object>) j.get("defaults")).get("bad_status")).isEqualTo(List.of("5xx"));
        List<Map<String, Object>> js = (List<Map<String, Object>>) j.get("journeys");
        assertThat(js).extracting(m -> m.get("name"))
                .containsExactlyElementsOf(Catalog.JOURNEYS.stream().map(Catalog.Journey::name).toList());
        assertThat(js.get(3).get("match")).isEqualTo(Map.of("method", "GET", "path", "/products/{id}"));
        assertThat((List<Object>) j.get("exclude")).hasSize(2);
        Map<String, Object> s = new Yaml().load(Files.readString(tmp.resolve("slos.yaml")));
        assertThat((List<Object>) s.get("candidates")).hasSize(Catalog.JOURNEYS.size());
        assertThat(s).containsKeys("windows", "budgeting", "alerting", "policy", "maintenance", "recommend");
        Map<String, Object> m = ((List<Map<String, Object>>) s.get("maintenance")).get(0);
        assertThat(m.get("start").toString()).isNotEmpty();
        assertThat(Files.readString(tmp.resolve("slos.yaml"))).contains("{start: 2026-03-01T02:00:00Z, end: 2026-03-01T03:00:00Z}");
    }

    @Test
    void bundledSampleConfigsMatchTheGenerator() throws Exception {
        try (InputStream j = LogGeneratorTest.class.getResourceAsStream("/sample/journeys.yaml");
             InputStream s = LogGeneratorTest.class.getResourceAsStream("/sample/slos.yaml")) {
            assertThat(new String(j.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(LogGenerator.journeysYaml());
            GeneratorConfig def = GeneratorConfig.builder().build();
            assertThat(new String(s.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(LogGenerator.slosYaml(Scenario.plan(def), def.days()));
        }
    }

    @Test
    void privacyBaitIsPresent(@TempDir Path tmp) throws Exception {
        GeneratorConfig cfg = small(tmp).days(1).build();
        LogGenerator.generate(cfg);
        String all = String.join("\n", readLines(tmp.resolve(LogGenerator.relativePath(cfg, cfg.start(), null))));
        assertThat(all).contains("token=", "email=", "@example.com", "access_token=", "Mozilla/5.0");
    }
}
