package dev.sliflow.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every line of every CrowdSec hub fixture against CrowdSec's own expected result for its parse stage
 * ({@code s01-parse} in {@code parser.assert}): method, path (query stripped), status, host, latency
 * and, where CrowdSec records it, the timestamp. Lines CrowdSec fails must be rejected; the lines we
 * deliberately treat differently are listed in {@link Case#deviations} with the reason code we give.
 */
class CrowdsecFixtureTest {
    private static final String BAD_REQ = RejectReason.BAD_REQUEST_LINE;
    private static final String NOT_ACCESS = RejectReason.NOT_AN_ACCESS_LINE;
    /** A server's own line (an error-log line, a connection message): no request, counted apart from rejects. */
    private static final String SERVER_MESSAGE = ServerMessages.SERVER_MESSAGE;

    record Case(String folder, String log, Function<String, LineParser> parserFor,
            ToDoubleFunction<Map<String, String>> latency, Map<Integer, String> deviations) {
        @Override
        public String toString() {
            return folder;
        }
    }

    private static Function<String, LineParser> always(LogFormat f) {
        LineParser p = Parsers.forFormat(f);
        return line -> p;
    }

    private static double nan(Map<String, String> e) {
        return Double.NaN;
    }

    private static double num(Map<String, String> e, String key) {
        String v = e.get(key);
        assertThat(v).as(key).isNotNull();
        return Double.parseDouble(v);
    }

    private static double alb(Map<String, String> e) {
        double sum = 0;
        boolean any = false;
        for (String k : List.of("request_processing_time", "target_processing_time", "response_processing_time")) {
            double v = num(e, "Evt.Parsed[\"" + k + "\"]");
            if (v != -1) {
                sum += v;
                any = true;
            }
        }
        return any ? sum * 1000 : Double.NaN;
    }

    private static Map<Integer, String> range(int from, int toInclusive, String code) {
        Map<Integer, String> m = new java.util.HashMap<>();
        for (int i = from; i <= toInclusive; i++) {
            m.put(i, code);
        }
        return m;
    }

    static Stream<Case> cases() {
        LineParser envoyText = Parsers.forFormat(LogFormat.ENVOY);
        LineParser envoyJson = new JsonLineParser(JsonFieldMapping.envoyJson());
        return Stream.of(
                // line 8 is an nginx *error* log line: it has a request but no status/latency
                new Case("nginx_http-logs", "nginx_http-logs.log", always(LogFormat.NGINX),
                        CrowdsecFixtureTest::nan, Map.of(8, SERVER_MESSAGE)),
                // binary junk / non-HTTP request lines that CrowdSec accepts as paths
                new Case("nginx-http-malformed", "nginx_http-logs.log", always(LogFormat.NGINX),
                        CrowdsecFixtureTest::nan, range(0, 11, BAD_REQ)),
                // lines 7 and 8 are Apache *error* log lines
                new Case("apache2-logs", "apache2-logs.log", always(LogFormat.APACHE), CrowdsecFixtureTest::nan,
                        Map.of(7, SERVER_MESSAGE, 8, SERVER_MESSAGE)),
                new Case("apache2-malformed", "apache2-logs.log", always(LogFormat.APACHE),
                        CrowdsecFixtureTest::nan, range(0, 10, BAD_REQ)),
                new Case("aws-alb-logs", "aws-alb-logs.log", always(LogFormat.ALB), CrowdsecFixtureTest::alb,
                        Map.of()),
                // lines 2 and 3 are HAProxy connection-error lines (SSL handshake failure), not requests
                new Case("haproxy-logs", "haproxy-logs.log", always(LogFormat.HAPROXY),
                        e -> num(e, "Evt.Parsed[\"time_duration\"]"), Map.of(2, SERVER_MESSAGE, 3, SERVER_MESSAGE)),
                // lines 0-6 have status 0 (the request never got a response)
                new Case("caddy-logs", "caddy-logs.log", line -> new JsonLineParser(JsonFieldMapping.caddy()),
                        e -> num(e, "Evt.Unmarshaled[\"caddy\"][\"duration\"]") * 1000,
                        range(0, 6, RejectReason.BAD_STATUS)),
                // Duration is nanoseconds (CrowdSec's docs say ms)
                new Case("traefik_json", "traefik_json.log", line -> new JsonLineParser(JsonFieldMapping.traefik()),
                        e -> num(e, "Evt.Unmarshaled[\"traefik\"][\"Duration\"]") / 1e6, Map.of()),
                // a CRI log mixing Envoy JSON and Envoy text lines: each line goes to its own parser
                new Case("envoy-logs", "envoy.log", line -> line.contains(" F {") ? envoyJson : envoyText,
                        e -> e.containsKey("Evt.Parsed[\"duration\"]") ? num(e, "Evt.Parsed[\"duration\"]")
                                : num(e, "Evt.Unmarshaled[\"envoy\"][\"duration\"]"),
                        Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesCrowdsec(Case c) {
        List<String> lines = Fixtures.nonEmptyLines("crowdsec-hub/" + c.folder() + "/" + c.log());
        Map<Integer, Map<String, String>> expected =
                Fixtures.crowdsecExpectations("crowdsec-hub/" + c.folder() + "/parser.assert");
        assertThat(expected).hasSize(lines.size());
        SoftAssertions soft = new SoftAssertions();
        ParseResult r = new ParseResult();
        int accepted = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Map<String, String> e = expected.get(i);
            boolean ok = c.parserFor().apply(line).parse(line, r);
            soft.assertThat(r.reasonCode()).as("line %d", i).isNotEqualTo(RejectReason.PARSER_ERROR);
            String deviation = c.deviations().get(i);
            if (!"true".equals(e.get("Success"))) {
                soft.assertThat(ok).as("line %d fails in CrowdSec: %s", i, line).isFalse();
                // not a request to us either: a bad line, or a server's own message counted apart
                soft.assertThat(r.reasonCode()).as("line %d", i).isIn(NOT_ACCESS, SERVER_MESSAGE);
                soft.assertThat(r.nonAccess()).as("line %d", i).isEqualTo(SERVER_MESSAGE.equals(r.reasonCode()));
                continue;
            }
            if (deviation != null) {
                soft.assertThat(ok).as("line %d (deliberate deviation): %s", i, line).isFalse();
                soft.assertThat(r.reasonCode()).as("line %d reason", i).isEqualTo(deviation);
                soft.assertThat(r.nonAccess()).as("line %d counted apart from rejects", i).isEqualTo(SERVER_MESSAGE.equals(deviation));
                continue;
            }
            soft.assertThat(ok).as("line %d should parse (%s): %s", i, r.reason(), line).isTrue();
            if (!ok) {
                continue;
            }
            accepted++;
            soft.assertThat(r.method).as("line %d method", i).isEqualTo(e.get("Evt.Meta[\"http_verb\"]"));
            soft.assertThat(r.path).as("line %d path", i).isEqualTo(stripQuery(e.get("Evt.Meta[\"http_path\"]")));
            soft.assertThat(r.status).as("line %d status", i)
                    .isEqualTo(Integer.parseInt(e.get("Evt.Meta[\"http_status\"]")));
            String fqdn = e.get("Evt.Meta[\"target_fqdn\"]");
            if (fqdn != null) {
                soft.assertThat(r.host).as("line %d host", i).isEqualTo(RequestLine.host(fqdn));
            }
            double lat = c.latency().applyAsDouble(e);
            if (Double.isNaN(lat)) {
                soft.assertThat(r.latencyMs()).as("line %d latency", i).isNaN();
            } else {
                soft.assertThat(r.latencyMs()).as("line %d latency", i).isCloseTo(lat, within(0.001));
            }
            Long t = expectedTime(e);
            if (t != null) {
                soft.assertThat(r.epochMillis).as("line %d time", i).isEqualTo(t);
            }
            soft.assertThat(r.epochMillis).as("line %d has a time", i).isGreaterThan(0L);
        }
        soft.assertAll();
        assertThat(accepted + c.deviations().size()).isPositive();
    }

    /** The time CrowdSec recorded, where the source field is the one we read. */
    private static Long expectedTime(Map<String, String> e) {
        String iso = e.get("Evt.Unmarshaled[\"envoy\"][\"start_time\"]");
        if (iso == null) {
            iso = e.get("Evt.Parsed[\"time\"]"); // envoy text START_TIME
        }
        if (iso == null) {
            iso = e.get("Evt.Unmarshaled[\"traefik\"][\"StartUTC\"]");
        }
        if (iso != null && iso.length() > 10 && iso.charAt(4) == '-') {
            return Instant.parse(iso).toEpochMilli();
        }
        String ts = e.get("Evt.Unmarshaled[\"caddy\"][\"ts\"]");
        if (ts != null) {
            return (long) Math.floor(Double.parseDouble(ts) * 1000); // CrowdSec rounds to microseconds
        }
        String local = e.get("Evt.Parsed[\"time_local\"]");
        if (local != null) {
            return java.time.OffsetDateTime.parse(local,
                    java.time.format.DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", java.util.Locale.ROOT))
                    .toInstant().toEpochMilli();
        }
        return null;
    }

    static String stripQuery(String p) {
        int q = p.indexOf('?');
        return q < 0 ? p : p.substring(0, q);
    }
}
