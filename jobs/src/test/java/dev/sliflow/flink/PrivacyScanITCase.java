package dev.sliflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.cli.CliRun;
import dev.sliflow.gen.GeneratorConfig;
import dev.sliflow.gen.LogGenerator;
import dev.sliflow.parse.LogFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The privacy promise over a whole run (jobs/OPERATIONS.md): logs seeded with e-mails, tokens and API
 * keys (in paths, query strings, referrers, Authorization-like text), passwords, session ids, IPv4 and
 * IPv6 client addresses and user agents — in matched lines, unmatched lines, rejected lines and pure
 * garbage — go through ingest, backtest and report; then every cell of every Parquet table under
 * {@code --out} (read by DuckDB, binary cells included) and every other file there (the HTML report,
 * the OpenSLO files) is searched for each seeded value and each of its 8-character pieces.
 */
class PrivacyScanITCase {
    @TempDir
    Path tmp;

    /** What must never come out: name -> value. Each value is distinctive in every 8-char piece. */
    static final Map<String, String> SECRETS = new LinkedHashMap<>();

    static {
        SECRETS.put("email", "zq7mailbox.k9@privacy-probe.test");
        SECRETS.put("email in a path", "wendy.kw5@probe-mail.test");
        SECRETS.put("query token", "tkn_Q9xZ2vB7nL4mW8rTsecretv");
        SECRETS.put("short query token", "qv_Hx81Kd0Lm");
        SECRETS.put("api key", "AKIAQ7ZP3XK9LM2N4R6T");
        SECRETS.put("bearer token", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwcm9iZSJ9.sIgNaTuReXyZ");
        SECRETS.put("short bearer token", "brr_7Gk2Wq");
        SECRETS.put("password", "Pw0rd-Zebra-77");
        SECRETS.put("session id", "SESSabc987zyxJ");
        SECRETS.put("path token", "pk_live_51HqZpRbKd3f9XyZ");
        SECRETS.put("ipv4", "198.51.100.237");
        SECRETS.put("ipv4 in a path", "192.0.2.199");
        SECRETS.put("ipv6", "2001:db8:8a2e:370:7334:ab12:cd34:ef56");
        SECRETS.put("user agent", "ProbeAgent/9.7 (leakcheck-ua)");
    }

    static String line(String ip, String ts, String request, int status, String referer, String agent) {
        return ip + " - - [" + ts + " +0000] \"" + request + "\" " + status + " 512 \"" + referer + "\" \"" + agent
                + "\" 0.042 0.040";
    }

    static List<String> seededLines() {
        String ip4 = SECRETS.get("ipv4");
        String ip6 = SECRETS.get("ipv6");
        String ua = SECRETS.get("user agent");
        String ref = "https://shop.example.com/account?email=" + SECRETS.get("email") + "&session=" + SECRETS.get("session id");
        List<String> l = new ArrayList<>();
        for (int day = 1; day <= 2; day++) {
            String ts = String.format("0%d/Mar/2026:12:%02d:00", day, 10);
            // matched journeys, secrets in the query string, referrer, agent and client address
            l.add(line(ip4, ts, "GET /api/v1/search?q=shoes&token=" + SECRETS.get("query token") + " HTTP/1.1", 200, ref, ua));
            l.add(line(ip6, ts, "GET /api/v1/account?api_key=" + SECRETS.get("api key") + "&x=" + SECRETS.get("short query token")
                    + " HTTP/1.1", 200, ref, ua));
            l.add(line(ip4, ts, "POST /api/v1/login?password=" + SECRETS.get("password") + " HTTP/1.1", 503, ref, ua));
            // unmatched routes with personal data and secrets in the path itself
            l.add(line(ip6, ts, "GET /users/" + SECRETS.get("email in a path") + "/profile HTTP/1.1", 200, ref, ua));
            l.add(line(ip4, ts, "GET /reset/" + SECRETS.get("path token") + " HTTP/1.1", 200, ref, ua));
            l.add(line(ip4, ts, "GET /proxy/" + SECRETS.get("ipv4 in a path") + "/status HTTP/1.1", 200, ref, ua));
            l.add(line(ip4, ts, "GET /cart;jsessionid=" + SECRETS.get("session id") + " HTTP/1.1", 200, ref, ua));
            l.add(line(ip4, ts, "GET /login/bearer/" + SECRETS.get("short bearer token") + " HTTP/1.1", 200, ref, ua));
            // rejected lines: a bad status, a bad timestamp, a broken request line
            l.add(line(ip4, ts, "GET /api/v1/cart?token=" + SECRETS.get("query token") + " HTTP/1.1", 999, ref, ua));
            l.add(ip6 + " - - [99/Foo/2026:12:10:00 +0000] \"GET /api/v1/account?email=" + SECRETS.get("email")
                    + " HTTP/1.1\" 200 1 \"-\" \"" + ua + "\" 0.1 0.1");
            l.add(ip4 + " - - [" + ts + " +0000] \"GET /u/" + SECRETS.get("email in a path") + " \" 200 1 \"-\" \"" + ua + "\"");
            // garbage: stack traces and headers that leaked into the access log
            l.add("Authorization: Bearer " + SECRETS.get("bearer token") + " from " + ip4);
            l.add("Authorization: Bearer " + SECRETS.get("short bearer token"));
            l.add("curl -H 'X-Api-Key: " + SECRETS.get("api key") + "' -u admin:" + SECRETS.get("password") + " " + ip6);
            l.add("login failed for " + SECRETS.get("email") + " password=" + SECRETS.get("password") + " sid="
                    + SECRETS.get("session id"));
            l.add("{\"remote_ip\":\"" + ip4 + "\",\"token\":\"" + SECRETS.get("short query token") + "\",\"user_agent\":\""
                    + ua + "\",\"msg\":\"" + SECRETS.get("email") + "\"");
            l.add(ua + " " + ip6 + " " + SECRETS.get("path token"));
        }
        return l;
    }

    @Test
    void noSeededPersonalOrSecretValueInAnyOutput() throws Exception {
        Path gen = tmp.resolve("gen");
        LogGenerator.generate(GeneratorConfig.builder().outputDir(gen).days(2).perDay(3_000).seed(5)
                .format(LogFormat.NGINX).start(LocalDate.parse("2026-03-01")).build());
        List<String> seeded = seededLines();
        Files.write(gen.resolve("nginx").resolve("access-2026-03-02-seeded.log"), seeded, StandardCharsets.UTF_8);
        Path out = tmp.resolve("out");
        CliRun ingest = CliRun.of("ingest", "--logs", gen.resolve("nginx").toString(), "--journeys",
                gen.resolve("journeys.yaml").toString(), "--out", out.toString(), "--format", "nginx", "--quiet");
        assertThat(ingest.rc()).as(ingest.err()).isZero();
        CliRun backtest = CliRun.of("backtest", "--out", out.toString(), "--slos", gen.resolve("slos.yaml").toString(),
                "--quiet");
        assertThat(backtest.rc()).as(backtest.err()).isZero();
        CliRun report = CliRun.of("report", "--out", out.toString());
        assertThat(report.rc()).as(report.err()).isZero();

        // the seeded lines did go where they should: rejects, unmatched paths, sli_minute
        long rejectedSeeded = ((Number) Tables.query("SELECT COUNT(*) AS n FROM " + Tables.scan(out, "rejects")
                + " WHERE file LIKE '%seeded.log'").get(0).get("n")).longValue();
        assertThat(rejectedSeeded).isEqualTo(2 * 9);
        assertThat(Tables.query("SELECT path FROM " + Tables.scan(out, "unmatched_paths")))
                .extracting(m -> m.get("path")).contains("/users/{id}/profile", "/reset/{id}", "/proxy/{id}/status",
                        "/{id}", "/login/bearer/{id}");

        List<String> tables = new ArrayList<>();
        long cells = 0;
        List<String> leaks = new ArrayList<>();
        try (Stream<Path> s = Files.list(out)) {
            for (Path t : s.sorted().toList()) {
                if (!Files.isDirectory(t) || t.getFileName().toString().startsWith(".") || !hasParquet(t)) {
                    continue;
                }
                tables.add(t.getFileName().toString());
                String scan = "read_parquet('" + t + "/**/*.parquet', hive_partitioning = true, union_by_name = true)";
                List<String> cols = new ArrayList<>();
                for (Map<String, Object> c : Tables.query("DESCRIBE SELECT * FROM " + scan)) {
                    cols.add("CAST(\"" + c.get("column_name") + "\" AS VARCHAR) AS \"" + c.get("column_name") + "\"");
                }
                for (Map<String, Object> row : Tables.query("SELECT " + String.join(", ", cols) + " FROM " + scan)) {
                    for (Map.Entry<String, Object> cell : row.entrySet()) {
                        if (cell.getValue() != null) {
                            cells++;
                            leak(t.getFileName() + "." + cell.getKey(), cell.getValue().toString(), leaks);
                        }
                    }
                }
            }
        }
        assertThat(tables).containsExactlyInAnyOrder("sli_minute", "sli_hour", "sli_day", "rejects", "ingest_audit", "unmatched_paths",
                "slo_daily", "alerts", "slo_summary", "slo_recommendation", "alert_quality");
        assertThat(cells).isGreaterThan(10_000);
        List<Path> files;
        try (Stream<Path> s = Files.walk(out)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".parquet")).toList();
        }
        assertThat(files).contains(out.resolve("report/index.html"));
        for (Path f : files) {
            leak(out.relativize(f).toString(), Files.readString(f, StandardCharsets.ISO_8859_1), leaks);
        }
        assertThat(leaks).as("seeded values found in the output").isEmpty();
    }

    static boolean hasParquet(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(p -> p.toString().endsWith(".parquet"));
        }
    }

    /** Adds to {@code leaks} every seeded value, or 8-character piece of one, found in {@code text}. */
    static void leak(String where, String text, List<String> leaks) {
        for (Map.Entry<String, String> e : SECRETS.entrySet()) {
            String v = e.getValue();
            for (int i = 0; i + 8 <= v.length(); i++) {
                String piece = v.substring(i, i + 8);
                if (text.contains(piece)) {
                    leaks.add(where + ": " + e.getKey() + " piece '" + piece + "' in: "
                            + text.substring(Math.max(0, text.indexOf(piece) - 40), Math.min(text.length(),
                                    text.indexOf(piece) + 48)));
                    break;
                }
            }
        }
    }
}
