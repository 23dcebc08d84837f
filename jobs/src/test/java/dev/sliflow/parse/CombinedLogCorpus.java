package dev.sliflow.parse;

import dev.sliflow.gen.GeneratorConfig;
import dev.sliflow.gen.LogGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Seeded line sequences for {@link CombinedLogEquivalenceTest}: generated and committed nginx/Apache
 * lines in file order, the third-party fixtures, real lines mutated anywhere, lines composed from
 * pools of odd fields (prefixes, request lines, trailers), and runs of lines whose timestamps share
 * the minute prefix but differ in seconds, fraction or zone, alternate between minutes, or turn
 * invalid after valid ones (what a per-parser cache of the last minute sees).
 */
final class CombinedLogCorpus {
    private CombinedLogCorpus() {}

    /** A CLF timestamp in brackets: group 1 the date-time, group 2 the zone. */
    static final Pattern CLF = Pattern.compile("\\[(\\d\\d/[A-Za-z]{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d(?:[.,]\\d+)?) ([+-]\\d{4})\\]");

    static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static final String[] ODD_MONTHS = {"jan", "MAR", "dEc", "Foo", "Ja1", "J n", "Sept", "Ma", "", "Ma\u00ff", "ma\u0130",
        "Ju ", "\u0000ct"};
    static final String[] ZONES = {"+0000", "-0000", "+0100", "+0200", "-0500", "-0530", "+0530", "+0545", "+1400", "-1200",
        "+1800", "-1800", "+1859", "+1900", "+2400", "+0060", "-0099", "+05:30", "+05", "Z", "", "+00000", "0000", "+0O00",
        "++000", "-", "+12345", " +0000", "+0000 ", "+\u0661\u0662\u0660\u0660"};
    static final String[] VALID_ZONES = {"+0000", "-0000", "+0100", "+0200", "-0500", "-0530", "+0530", "+0545", "+1400",
        "-1200", "+1800", "-1800"};
    static final String[] FRACTIONS = {"", "", "", ".1", ".12", ".123", ".1234", ".123456", ".999999999999", ",5", ".000",
        ".", ",", ".x", "..1", ".1.2", ".-1", ". 1", ".1a", ".12345678901234567890"};
    static final String[] SECONDS = {"00", "01", "09", "10", "30", "58", "59", "60", "61", "69", "70", "99", "5x", " 5", "5",
        "x5", "-1", "\u0665\u0665", "5 "};
    static final String[] PREFIXES = {"1.2.3.4 - -", "1.2.3.4 - alice", "2001:db8::1 - -", "shop.example.com 1.2.3.4 - -",
        "shop.example.com:443 1.2.3.4 - bob", "10.0.0.1, 10.0.0.2 - -", "1.2.3.4 - \"a b\"", "1.2.3.4 x y", "1.2.3.4 -",
        "1.2.3.4", "", "host", "a,b 1.2.3.4 - -", "\"q\" 1.2.3.4 - -", "1.2.3.4  - -", "1.2.3.4 - - ", "[::1] - -",
        "fe80::1 - -", "dead:beef - -", "abc.def - -", "- - -", "1.2.3.4 - -,", "1.2.3.4 - a,b", "1.2.3.4 -- -",
        "user@host.example 1.2.3.4 - -", "[2001:db8::1]:8443 1.2.3.4 - -", "a b c d - -", "x - \"\"", " - -"};
    static final String[] REQUESTS = {"GET / HTTP/1.1", "GET /a?b=c HTTP/1.1", "GET /a#f HTTP/1.0",
        "POST http://host:8080/x?y HTTP/1.1", "GET https://user@[::1]:443/p HTTP/2.0", "OPTIONS * HTTP/1.1",
        "CONNECT host:443 HTTP/1.1", "G3T / HTTP/1.1", "get /x HTTP/1.1", "GET  /double HTTP/1.1", "GET /x  HTTP/1.1",
        "GET /x", "GET", "", "\\x16\\x03\\x01", "GET /a\\\"b HTTP/1.1", "PROPFIND /dav HTTP/1.1", "GET x HTTP/1.1",
        "GET ftp://a/ HTTP/1.1", "GET http:/x HTTP/1.1", "GET /x HTTPS/1.1", "GET /x HTTP/", "GET /x?y#z?w HTTP/1.1",
        "VERYLONGMETHODNAMEXYZW /x HTTP/1.1", "VERYLONGMETHODNAMEXYZ /x HTTP/1.1", "DELETE /api/v1/cart/7 HTTP/1.1",
        "PATCH /p HTTP/1.1", "HEAD /h HTTP/1.1", "PUT /u HTTP/1.1", "POST /api/v1/checkout HTTP/2.0",
        "GET http://a.example HTTP/1.1", "GET http://a.example?x HTTP/1.1", "GET http://u:p@a.example:80#f HTTP/1.1",
        "GET http:// HTTP/1.1", "GET /%20a%3Fb HTTP/1.1", "GET /\u00e9t\u00e9 HTTP/1.1", "GET /a b c HTTP/1.1",
        "GET HTTP/1.1", " GET / HTTP/1.1", "GET / HTTP/1.1 ", "GET /\"quoted\" HTTP/1.1", "-"};
    static final String[] STATUSES = {"200", "201", "204", "304", "404", "499", "500", "503", "599", "600", "099", "100",
        "000", "2000", "20", "-", "2x0", "", "0200", "999999999", "9999999999"};
    static final String[] BYTES = {"0", "512", "-", "12345678", "1x", "", "99999999999999999999", "--"};
    static final String[] AGENTS = {" \"-\" \"-\"", " \"https://shop.example.com/\" \"Mozilla/5.0 (X11; Linux x86_64)\"",
        " \"-\" \"curl/8.5.0\"", " \"-\"", "", " \"a\\\"b\" \"c\\\\\"", " \"a\\\\\\\"b\" \"ua, with comma\"", " \"-\" \"unterminated",
        " \"unterminated", " \"\" \"\"", " \"-\"  \"-\"", " \"-\"\"-\"", " \"r\" \"ua\" \"extra\"", "\"-\" \"-\""};
    static final String[] TRAILERS = {"", " 0.083 0.082", " 0.083", " -", " - -", " 0.000 -", " - 0.100, 0.004 : 0.2",
        " - 0.1,0.2", " - -, 0.3", " - abc", " - 1.x", " - 12", " - 0.1 , - : 0.2", " - 0.1 0.2", " - ,", " - :", " 12345678901.5",
        " 123456789.123456789", " 123456789.1234567891", " 1234567890.1", " 0.1234567890123456789", " 1.", " .5", " -1",
        " -0.5", " 1e3", " abc", " \"x\"", " 512 0.003 [default-svc-80] [] 10.0.0.1:80 0 0.003 200 abc",
        " 512 0.003 x", " 512 1 [up]", " 512 0.003 [", "  0.083", " 0.083  0.082", " 99999.999", " 86400.000",
        " 86400.001", " 0.5,", " 00.5", " 0.50000000000000000001", " 0.083,0.1", " 0.083\t0.1", " 0.0830000000000000000",
        " 000000000000000000.1", " 0.000000000000000001", " 1.5x", " 1.5-", " 15", " 1234567890123456", " 123",
        " 0.", " 0.0", " 5.000", " 0.001 0.001 extra", " +1.5", " 1.5.5", " 1\u0661.5", " \u0661.5"};
    static final String EDIT_CHARS = " \"[]-,.:/\\?#+0123456789aZ\t\u0000\u00e9";

    /** Lines of a generated day in file order, garbage lines included. */
    static List<String> generated(LogFormat format, int perDay, double nonUtcFraction, long seed) {
        try {
            Path tmp = Files.createTempDirectory("sliflow-parse-eq-");
            try {
                LogGenerator.generate(GeneratorConfig.builder().outputDir(tmp).days(1).perDay(perDay).format(format)
                        .seed(seed).garbageRate(0.02).nonUtcFraction(nonUtcFraction).gzip(false).threads(1)
                        .writeConfigs(false).start(LocalDate.parse("2024-02-28")).build());
                List<String> out = new ArrayList<>();
                try (Stream<Path> s = Files.walk(tmp)) {
                    for (Path f : s.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                        new String(Files.readAllBytes(f), StandardCharsets.UTF_8).lines().forEach(out::add);
                    }
                }
                return out;
            } finally {
                try (Stream<Path> s = Files.walk(tmp)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The committed sample's nginx lines (datasets/sample), in file order. */
    static List<String> sample() {
        Path dir = Path.of(System.getProperty("sliflow.repo", ".")).resolve("datasets/sample/nginx");
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".log.gz")).sorted().toList()) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(f)),
                        StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        out.add(l);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Every line of the third-party fixtures (all formats), in file order. */
    static List<String> fixtures() {
        List<String> out = new ArrayList<>();
        for (String f : List.of("crowdsec-hub/nginx_http-logs/nginx_http-logs.log",
                "crowdsec-hub/nginx-http-malformed/nginx_http-logs.log", "crowdsec-hub/apache2-logs/apache2-logs.log",
                "crowdsec-hub/apache2-malformed/apache2-logs.log", "crowdsec-hub/aws-alb-logs/aws-alb-logs.log",
                "crowdsec-hub/envoy-logs/envoy.log", "crowdsec-hub/haproxy-logs/haproxy-logs.log",
                "crowdsec-hub/caddy-logs/caddy-logs.log", "crowdsec-hub/traefik_json/traefik_json.log",
                "elastic-beats/haproxy/haproxy.log", "elastic-beats/nginx_access/test.log",
                "elastic-beats/nginx_ingress_controller/test.log", "elastic-examples/apache_logs_first200")) {
            out.addAll(Fixtures.lines(f));
        }
        return out;
    }

    /** Real lines mutated anywhere: truncated, characters edited, ranges cut or doubled, fields swapped. */
    static String mutate(String line, SplittableRandom rnd) {
        int n = line.length();
        switch (rnd.nextInt(14)) {
            case 0:
                return line;
            case 1:
            case 2: // truncated anywhere
                return line.substring(0, rnd.nextInt(n + 1));
            case 3:
            case 4: { // a few characters replaced by structural ones
                StringBuilder b = new StringBuilder(line);
                for (int k = 1 + rnd.nextInt(3); k > 0 && b.length() > 0; k--) {
                    b.setCharAt(rnd.nextInt(b.length()), EDIT_CHARS.charAt(rnd.nextInt(EDIT_CHARS.length())));
                }
                return b.toString();
            }
            case 5: { // characters inserted
                StringBuilder b = new StringBuilder(line);
                for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                    b.insert(rnd.nextInt(b.length() + 1), EDIT_CHARS.charAt(rnd.nextInt(EDIT_CHARS.length())));
                }
                return b.toString();
            }
            case 6: { // a range cut out
                int a = rnd.nextInt(n + 1);
                int b = Math.min(n, a + rnd.nextInt(12));
                return line.substring(0, a) + line.substring(b);
            }
            case 7: { // a range doubled
                int a = rnd.nextInt(n + 1);
                int b = Math.min(n, a + rnd.nextInt(30));
                return line.substring(0, b) + line.substring(a);
            }
            case 8: // a digit edited in the timestamp
            case 9:
                return editTimestamp(line, rnd);
            case 10: { // the trailer replaced
                int q = line.lastIndexOf('"');
                return q < 0 ? line : line.substring(0, q + 1) + pick(rnd, TRAILERS);
            }
            case 11: { // the request replaced
                int a = line.indexOf("] \"");
                int b = a < 0 ? -1 : line.indexOf("\" ", a + 3);
                return b < 0 ? line : line.substring(0, a + 3) + pick(rnd, REQUESTS) + line.substring(b);
            }
            case 12: { // the prefix replaced
                int a = line.indexOf(" [");
                return a < 0 ? line : pick(rnd, PREFIXES) + line.substring(a);
            }
            default: // surrounding whitespace and tabs
                return (rnd.nextBoolean() ? " \t" : "") + line + (rnd.nextBoolean() ? "\t \r" : "");
        }
    }

    /** One timestamp field of the line's CLF timestamp replaced by a valid or invalid alternative. */
    static String editTimestamp(String line, SplittableRandom rnd) {
        Matcher m = CLF.matcher(line);
        if (!m.find()) {
            return line;
        }
        String ts = m.group(1);
        String zone = m.group(2);
        switch (rnd.nextInt(8)) {
            case 0:
                ts = ts.substring(0, 18) + pick(rnd, SECONDS) + ts.substring(20);
                break;
            case 1:
                ts = ts.substring(0, 20) + pick(rnd, FRACTIONS);
                break;
            case 2:
                zone = pick(rnd, ZONES);
                break;
            case 3:
                ts = ts.substring(0, 3) + (rnd.nextBoolean() ? pick(rnd, ODD_MONTHS) : pick(rnd, MONTHS)) + ts.substring(6);
                break;
            case 4: { // one digit anywhere
                StringBuilder b = new StringBuilder(ts);
                int[] digits = {0, 1, 7, 8, 9, 10, 12, 13, 15, 16, 18, 19};
                b.setCharAt(digits[rnd.nextInt(digits.length)], (char) ('0' + rnd.nextInt(10)));
                ts = b.toString();
                break;
            }
            case 5: // day and year
                ts = pick(rnd, new String[] {"00", "01", "28", "29", "30", "31", "32", "99"}) + ts.substring(2, 7)
                        + pick(rnd, new String[] {"1969", "1970", "2024", "2025", "2100", "2000", "9999", "0000"})
                        + ts.substring(11);
                break;
            case 6: // hour and minute
                ts = ts.substring(0, 12) + pick(rnd, new String[] {"00", "23", "24", "99", "1x"}) + ":"
                        + pick(rnd, new String[] {"00", "59", "60", "99", "x1"}) + ts.substring(17);
                break;
            default: { // a separator edited
                StringBuilder b = new StringBuilder(ts);
                int[] seps = {2, 6, 11, 14, 17};
                b.setCharAt(seps[rnd.nextInt(seps.length)], pick(rnd, new String[] {"-", " ", ":", "/", "."}).charAt(0));
                ts = b.toString();
                break;
            }
        }
        return line.substring(0, m.start()) + "[" + ts + (rnd.nextInt(20) == 0 ? "" : " ") + zone + "]"
                + line.substring(m.end());
    }

    /** A line composed from the pools (odd prefixes, requests, statuses, referer/agent shapes, trailers). */
    static String composed(SplittableRandom rnd, String timestamp) {
        StringBuilder b = new StringBuilder();
        b.append(usual(rnd, PREFIXES)).append(rnd.nextInt(30) == 0 ? "[" : " [").append(timestamp).append("] \"")
                .append(usual(rnd, REQUESTS)).append(rnd.nextInt(30) == 0 ? "\"" : "\" ").append(usual(rnd, STATUSES))
                .append(' ').append(usual(rnd, BYTES)).append(usual(rnd, AGENTS)).append(pick(rnd, TRAILERS));
        return b.toString();
    }

    /** The pool's first (usual) value half of the time, so that enough composed lines get to their last fields. */
    private static String usual(SplittableRandom rnd, String[] pool) {
        return rnd.nextBoolean() ? pool[0] : pick(rnd, pool);
    }

    /**
     * Runs of lines (taken from {@code templates}, their timestamp replaced) whose timestamps mostly
     * share the minute and the zone, as in a real file, with seconds 60 and 61..99, fractions, zone
     * changes, jumps to another minute and back, month spelling, invalid days and broken separators
     * mixed in: {@code n} lines in all.
     */
    static List<String> timestampRuns(List<String[]> templates, SplittableRandom rnd, int n) {
        List<String> out = new ArrayList<>(n);
        while (out.size() < n) {
            int day = 1 + rnd.nextInt(28);
            int month = rnd.nextInt(12);
            int year = 2020 + rnd.nextInt(8);
            int hour = rnd.nextInt(24);
            int minute = rnd.nextInt(60);
            String zone = rnd.nextInt(3) == 0 ? pick(rnd, VALID_ZONES) : rnd.nextInt(10) == 0 ? pick(rnd, ZONES) : "+0000";
            String previous = null;
            int sec = rnd.nextInt(60);
            for (int k = 1 + rnd.nextInt(60); k > 0 && out.size() < n; k--) {
                sec = Math.min(59, sec + rnd.nextInt(3));
                String secs = twoDigits(sec);
                String frac = rnd.nextInt(5) == 0 ? pick(rnd, FRACTIONS) : "";
                String z = zone;
                String mon = MONTHS[month];
                String dd = twoDigits(day);
                String yyyy = Integer.toString(year);
                int r = rnd.nextInt(100);
                if (r < 6) {
                    secs = pick(rnd, SECONDS);
                } else if (r < 10) {
                    z = pick(rnd, rnd.nextBoolean() ? VALID_ZONES : ZONES);
                } else if (r < 13) { // the zone changes for good (another file or a DST switch)
                    zone = pick(rnd, VALID_ZONES);
                    z = zone;
                } else if (r < 18) { // next minute
                    minute++;
                    if (minute == 60) {
                        minute = 0;
                        hour = (hour + 1) % 24;
                    }
                    sec = 0;
                    secs = "00";
                } else if (r < 22 && previous != null) { // a line of the previous minute (out of order)
                    out.add(previous);
                    continue;
                } else if (r < 24) {
                    mon = pick(rnd, ODD_MONTHS);
                } else if (r < 26) {
                    dd = pick(rnd, new String[] {"00", "29", "30", "31", "32", "0x", " 1"});
                    if (rnd.nextBoolean()) {
                        mon = "Feb";
                    }
                } else if (r < 27) {
                    yyyy = pick(rnd, new String[] {"1969", "1970", "9999", "0000", "2024", "2023", "20x4"});
                }
                String hh = twoDigits(hour);
                String mm = twoDigits(minute);
                if (r == 27) {
                    hh = pick(rnd, new String[] {"24", "99", " 1", "-1"});
                } else if (r == 28) {
                    mm = pick(rnd, new String[] {"60", "99", " 1", "1-"});
                }
                String ts = dd + "/" + mon + "/" + yyyy + ":" + hh + ":" + mm + ":" + secs + frac;
                if (r == 29) { // a separator edited
                    StringBuilder b = new StringBuilder(ts);
                    int[] seps = {2, 6, 11, 14, 17};
                    int at = seps[rnd.nextInt(seps.length)];
                    if (at < b.length()) {
                        b.setCharAt(at, pick(rnd, new String[] {"-", " ", ".", "/", ":"}).charAt(0));
                    }
                    ts = b.toString();
                }
                String sep = r == 30 ? "" : r == 31 ? "  " : " ";
                String stamp = ts + sep + z;
                String line;
                if (rnd.nextInt(10) == 0) {
                    line = composed(rnd, stamp);
                } else {
                    String[] t = templates.get(rnd.nextInt(templates.size()));
                    line = t[0] + stamp + t[1];
                }
                if (rnd.nextInt(25) == 0) {
                    line = mutate(line, rnd);
                }
                previous = line;
                out.add(line);
            }
        }
        return out;
    }

    /**
     * Lines of {@code real} that carry a CLF timestamp, as templates for {@link #timestampRuns}: the
     * text up to and including '[', and from ']' on.
     */
    static List<String[]> templates(List<String> real) {
        List<String[]> out = new ArrayList<>();
        for (String l : real) {
            Matcher m = CLF.matcher(l);
            if (m.find()) {
                out.add(new String[] {l.substring(0, m.start() + 1), l.substring(m.end() - 1)});
            }
        }
        return out;
    }

    private static String twoDigits(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    static String pick(SplittableRandom rnd, String[] pool) {
        return pool[rnd.nextInt(pool.length)];
    }
}
