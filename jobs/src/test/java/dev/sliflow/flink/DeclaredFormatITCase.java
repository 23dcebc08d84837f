package dev.sliflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same requests written as nginx combined + $request_time (the built-in nginx format), as the issue's
 * custom nginx log_format, as an Apache LogFormat with %D and as one with %{ms}T, and as Traefik's CLF (detected by
 * auto), as JSON lines with a mapping declared on the command line and as IIS's W3C log (detected by auto), each
 * ingested in its own run (default parallelism): the seven runs give identical sli_minute rows, counts, percentiles and sketches alike.
 * A stream (--mode stream) reads a declared layout as a batch does.
 */
class DeclaredFormatITCase {
    static final String NGINX_CUSTOM = "nginx:$remote_addr:$server_port $http_x_forwarded_for - [$time_local] \"$request\""
            + " $status $body_bytes_sent $request_length $request_time $upstream_response_time $scheme $host";
    static final String APACHE_D = "apache:%v %h %l %u %t \"%r\" %>s %b %D \"%{User-Agent}i\"";
    static final String APACHE_MS = "apache:%h %l %u %t \"%r\" %>s %b %{ms}T \"%{Referer}i\" \"%{User-agent}i\"";
    static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.ofHours(1));
    static final String[] REQUESTS = {"GET /", "GET /products/17", "GET /products/4?color=red", "POST /api/v1/checkout",
        "GET /api/v1/search?q=shoes", "GET /unknown/path"};
    static final int N = 4000;

    @TempDir
    static Path tmp;
    static Path journeys;
    static List<Request> requests = new ArrayList<>();

    record Request(long epochMs, String request, int status, int latencyMs, int bytes) {}

    @BeforeAll
    static void requests() throws Exception {
        journeys = Files.writeString(tmp.resolve("journeys.yaml"), String.join("\n",
                "defaults:", "  latency_thresholds_ms: [100, 250, 1000]", "journeys:",
                "  - {name: home, match: {method: GET, path: \"/\"}}",
                "  - {name: product, match: {method: GET, path: \"/products/{id}\"}}",
                "  - {name: checkout, match: {method: POST, path: \"/api/v1/checkout\"}}",
                "  - {name: search, match: {method: GET, path: \"/api/v1/search\"}}", ""));
        Random rnd = new Random(28);
        long t = Instant.parse("2026-03-01T22:40:00Z").toEpochMilli(); // crosses midnight UTC: two dates
        for (int i = 0; i < N; i++) {
            t += rnd.nextInt(2500);
            int status = rnd.nextInt(20) == 0 ? 503 : rnd.nextInt(15) == 0 ? 404 : 200;
            int latency = rnd.nextInt(10) == 0 ? 1 + rnd.nextInt(5000) : 1 + rnd.nextInt(300); // whole ms
            requests.add(new Request(t, REQUESTS[rnd.nextInt(REQUESTS.length)], status, latency, rnd.nextInt(90_000)));
        }
    }

    @Test
    void sevenWaysOfWritingTheSameRequestsGiveTheSameMinutes() throws Exception {
        List<Map<String, Object>> combined = ingest("nginx", r -> String.format(Locale.ROOT,
                "10.0.0.%d - - [%s] \"%s HTTP/1.1\" %d %d \"-\" \"Mozilla/5.0 (X11; Linux)\" %s", r.bytes % 250,
                CLF.format(Instant.ofEpochMilli(r.epochMs)), r.request, r.status, r.bytes, seconds(r.latencyMs)));
        List<Map<String, Object>> custom = ingest(NGINX_CUSTOM, r -> String.format(Locale.ROOT,
                "10.0.0.%d:443 203.0.113.%d, 10.1.1.1 - [%s] \"%s HTTP/1.1\" %d %d %d %s %s https shop.example.com",
                r.bytes % 250, r.bytes % 200, CLF.format(Instant.ofEpochMilli(r.epochMs)), r.request, r.status, r.bytes,
                400 + r.bytes % 3000, seconds(r.latencyMs), r.bytes % 3 == 0 ? "-" : "0.002, " + seconds(r.latencyMs / 2) + " : -"));
        List<Map<String, Object>> apacheD = ingest(APACHE_D, r -> String.format(Locale.ROOT,
                "shop.example.com 192.0.2.%d - - [%s] \"%s HTTP/1.1\" %d %s %d \"curl/8.5.0\"", r.bytes % 250,
                CLF.format(Instant.ofEpochMilli(r.epochMs)), r.request, r.status, r.bytes == 0 ? "-" : r.bytes,
                r.latencyMs * 1000L));
        List<Map<String, Object>> apacheMs = ingest(APACHE_MS, r -> String.format(Locale.ROOT,
                "192.0.2.%d - frank [%s] \"%s HTTP/1.1\" %d %d %d \"https://shop.example.com/\" \"Mozilla/5.0 (Mac)\"",
                r.bytes % 250, CLF.format(Instant.ofEpochMilli(r.epochMs)), r.request, r.status, r.bytes, r.latencyMs));

        // Traefik's default (CLF) log, told apart by auto: the request counter is not the latency, the duration is
        List<Map<String, Object>> traefik = ingest("auto", r -> String.format(Locale.ROOT,
                "10.0.0.%d - - [%s] \"%s HTTP/1.1\" %d %d \"-\" \"Mozilla/5.0 (X11; Linux)\" %d \"shop@docker\""
                        + " \"http://172.17.0.3:80\" %dms", r.bytes % 250, CLF.format(Instant.ofEpochMilli(r.epochMs)),
                r.request, r.status, r.bytes, 1000 + requests.indexOf(r), r.latencyMs));

        // JSON lines with the user's own keys, mapped on the command line (the unit of the latency declared)
        List<Map<String, Object>> json = ingest("json:time=at|ts:iso8601,method=req.m,path=req.target,status=code,"
                + "latency=timing.total_ms:ms,host=req.host", r -> String.format(Locale.ROOT,
                "{\"at\":\"%s\",\"req\":{\"m\":\"%s\",\"target\":\"%s\",\"host\":\"shop.example.com\"},"
                        + "\"code\":%d,\"timing\":{\"total_ms\":%d},\"bytes\":%d}",
                Instant.ofEpochSecond(r.epochMs / 1000), r.request.substring(0, r.request.indexOf(' ')),
                r.request.substring(r.request.indexOf(' ') + 1), r.status, r.latencyMs, r.bytes));

        // IIS (W3C extended, UTC, time-taken in ms), detected by auto; each file starts with IIS's directives
        DateTimeFormatter w3c = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
        List<Map<String, Object>> iis = ingest("auto", "w3c", List.of("#Software: Microsoft Internet Information Services 10.0",
                "#Version: 1.0", "#Date: 2026-03-01 22:40:00",
                "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent)"
                        + " cs(Referer) sc-status sc-substatus sc-win32-status time-taken"), r -> {
                    String target = r.request.substring(r.request.indexOf(' ') + 1);
                    int q = target.indexOf('?');
                    return String.format(Locale.ROOT, "%s 10.0.0.1 %s %s %s 443 - 192.0.2.%d Mozilla/5.0+(X11;+Linux) - %d 0 0 %d",
                            w3c.format(Instant.ofEpochMilli(r.epochMs)), r.request.substring(0, r.request.indexOf(' ')),
                            q < 0 ? target : target.substring(0, q), q < 0 ? "-" : target.substring(q + 1), r.bytes % 250,
                            r.status, r.latencyMs);
                });

        assertThat(combined).hasSizeGreaterThan(100);
        long total = combined.stream().mapToLong(r -> ((Number) r.get("total")).longValue()).sum();
        long matched = requests.stream().filter(r -> !r.request.startsWith("GET /unknown")).count();
        assertThat(total).isEqualTo(matched);
        assertThat(combined.stream().mapToLong(r -> ((Number) r.get("with_latency")).longValue()).sum()).isEqualTo(matched);
        assertThat(custom).as("custom nginx log_format").isEqualTo(combined);
        assertThat(apacheD).as("Apache %D").isEqualTo(combined);
        assertThat(apacheMs).as("Apache %{ms}T").isEqualTo(combined);
        assertThat(traefik).as("Traefik CLF").isEqualTo(combined);
        assertThat(json).as("JSON with a declared mapping").isEqualTo(combined);
        assertThat(iis).as("IIS W3C").isEqualTo(combined);
    }

    /**
     * One folder, three servers' logs: the catalog's formats: gives the edge proxy's files their declared nginx
     * layout and the IIS files W3C, the others take --format (nginx). The minutes equal one run over the same
     * requests in one format; the audit names each file's format.
     */
    @Test
    void theCatalogGivesEachFileItsFormat() throws Exception {
        Path dir = Files.createTempDirectory(tmp, "mixed-");
        Path catalog = Files.writeString(tmp.resolve("journeys-formats.yaml"), Files.readString(journeys)
                + "formats:\n  - {path: \"edge/*.log\", format: '" + NGINX_CUSTOM + "'}\n  - {path: \"iis/**\", format: w3c}\n");
        DateTimeFormatter w3c = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
        List<String> edge = new ArrayList<>();
        List<String> iis = new ArrayList<>(List.of("#Software: Microsoft Internet Information Services 10.0",
                "#Fields: date time cs-method cs-uri-stem cs-uri-query sc-status time-taken"));
        List<String> nginx = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            Request r = requests.get(i);
            String method = r.request.substring(0, r.request.indexOf(' '));
            String target = r.request.substring(r.request.indexOf(' ') + 1);
            int q = target.indexOf('?');
            switch (i % 3) {
                case 0 -> edge.add(String.format(Locale.ROOT, "10.0.0.1:443 203.0.113.9 - [%s] \"%s HTTP/1.1\" %d %d 700 %s - https"
                        + " shop.example.com", CLF.format(Instant.ofEpochMilli(r.epochMs)), r.request, r.status, r.bytes,
                        seconds(r.latencyMs)));
                case 1 -> iis.add(String.format(Locale.ROOT, "%s %s %s %s %d %d", w3c.format(Instant.ofEpochMilli(r.epochMs)),
                        method, q < 0 ? target : target.substring(0, q), q < 0 ? "-" : target.substring(q + 1), r.status,
                        r.latencyMs));
                default -> nginx.add(String.format(Locale.ROOT, "10.0.0.1 - - [%s] \"%s HTTP/1.1\" %d %d \"-\" \"curl/8\" %s",
                        CLF.format(Instant.ofEpochMilli(r.epochMs)), r.request, r.status, r.bytes, seconds(r.latencyMs)));
            }
        }
        Files.createDirectories(dir.resolve("edge"));
        Files.createDirectories(dir.resolve("iis/W3SVC1"));
        Files.createDirectories(dir.resolve("nginx"));
        Files.write(dir.resolve("edge/access.log"), edge);
        Files.write(dir.resolve("iis/W3SVC1/u_ex260301.log"), iis);
        Files.write(dir.resolve("nginx/access.log"), nginx);
        Path out = tmp.resolve("out-mixed");
        assertThat(Main.execute("ingest", "--logs", dir.toString(), "--journeys", catalog.toString(), "--out", out.toString(),
                "--format", "nginx", "--quiet")).isZero();
        List<Map<String, Object>> audit = Tables.query("SELECT regexp_extract(file, '(edge|iis|nginx)/') AS dir, format,"
                + " CAST(SUM(rejected) AS BIGINT) AS rejected, CAST(SUM(non_access) AS BIGINT) AS non_access FROM "
                + Tables.scan(out, "ingest_audit") + " GROUP BY ALL ORDER BY dir");
        assertThat(audit).containsExactly(
                Map.of("dir", "edge/", "format", "declared", "rejected", 0L, "non_access", 0L),
                Map.of("dir", "iis/", "format", "w3c", "rejected", 0L, "non_access", 2L),
                Map.of("dir", "nginx/", "format", "nginx", "rejected", 0L, "non_access", 0L));
        List<Map<String, Object>> mixed = Tables.query("SELECT * REPLACE (CAST(good_latency AS VARCHAR) AS good_latency) FROM "
                + Tables.scan(out, "sli_minute") + " ORDER BY journey, region, \"minute\"");
        List<Map<String, Object>> combined = ingest("nginx", r -> String.format(Locale.ROOT,
                "10.0.0.%d - - [%s] \"%s HTTP/1.1\" %d %d \"-\" \"Mozilla/5.0 (X11; Linux)\" %s", r.bytes % 250,
                CLF.format(Instant.ofEpochMilli(r.epochMs)), r.request, r.status, r.bytes, seconds(r.latencyMs)));
        assertThat(mixed).hasSizeGreaterThan(100).isEqualTo(combined);
    }

    @Test
    void aStreamReadsADeclaredLayoutAsABatchDoes() throws Exception {
        Function<Request, String> apache = r -> String.format(Locale.ROOT,
                "192.0.2.%d - - [%s] \"%s HTTP/1.1\" %d %d %d \"-\" \"Mozilla/5.0 (Mac)\"", r.bytes % 250,
                CLF.format(Instant.ofEpochMilli(r.epochMs)), r.request, r.status, r.bytes, r.latencyMs);
        assertThat(ingest(APACHE_MS, apache, "--mode", "stream")).isEqualTo(ingest(APACHE_MS, apache));
    }

    static String seconds(int ms) {
        return String.format(Locale.ROOT, "%d.%03d", ms / 1000, ms % 1000);
    }

    /** Writes the requests in two files with {@code line}, ingests them with {@code format}; the sli_minute rows. */
    static List<Map<String, Object>> ingest(String format, Function<Request, String> line, String... more)
            throws Exception {
        // the combined layout reads with the built-in nginx parser, the others as declared
        String read = format.equals("nginx") ? "nginx" : format.equals("auto") ? "traefik"
                : format.startsWith("json:") ? "json" : "declared";
        return ingest(format, read, List.of(), line, more);
    }

    /** {@link #ingest(String, Function, String...)}: each file starts with {@code header}; the audit says {@code read}. */
    static List<Map<String, Object>> ingest(String format, String read, List<String> header, Function<Request, String> line,
            String... more) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "logs-");
        List<String> a = new ArrayList<>(header);
        List<String> b = new ArrayList<>(header);
        for (int i = 0; i < requests.size(); i++) {
            (i < requests.size() / 2 ? a : b).add(line.apply(requests.get(i)));
        }
        Files.write(dir.resolve("access-1.log"), a);
        Files.write(dir.resolve("access-2.log"), b);
        Path out = tmp.resolve("out-" + dir.getFileName());
        List<String> args = new ArrayList<>(List.of("ingest", "--logs", dir.toString(), "--journeys", journeys.toString(),
                "--out", out.toString(), "--format", format, "--quiet"));
        args.addAll(List.of(more));
        assertThat(Main.execute(args.toArray(new String[0]))).as(format).isEqualTo(0);
        List<Map<String, Object>> audit = Tables.query("SELECT format, CAST(SUM(rejected) AS BIGINT) AS rejected,"
                + " CAST(SUM(non_access) AS BIGINT) AS non_access FROM " + Tables.scan(out, "ingest_audit") + " GROUP BY format");
        assertThat(audit).as(format).containsExactly(Map.of("format", read, "rejected", 0L, "non_access", 2L * header.size()));
        return Tables.query("SELECT * REPLACE (CAST(good_latency AS VARCHAR) AS good_latency) FROM "
                + Tables.scan(out, "sli_minute") + " ORDER BY journey, region, \"minute\"");
    }
}
