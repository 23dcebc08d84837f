package dev.sliflow.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Focused behaviour of each parser beyond the fixtures. */
class ParsersTest {
    private static final String COMBINED = "1.2.3.4 - - [05/Mar/2021:09:01:38 +0100] \"%s\" 200 12 \"-\" \"curl/8\"";
    private final ParseResult r = new ParseResult();

    private ParseResult nginx(String line) {
        Parsers.forFormat(LogFormat.NGINX).parse(line, r);
        return r;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GET /a/b?x=1&y=2 HTTP/1.1 | GET | /a/b | ",
        "GET /a#frag HTTP/1.1 | GET | /a | ",
        "GET /? HTTP/1.1 | GET | / | ",
        "GET http://example.com:8080/p/q?z HTTP/1.1 | GET | /p/q | example.com",
        "GET https://user@[::1]:443 HTTP/1.1 | GET | / | ::1",
        "OPTIONS * HTTP/1.1 | OPTIONS | * | ",
        "PROPFIND /dav/ HTTP/1.1 | PROPFIND | /dav/ | ",
    })
    void requestLineAndQueryStripping(String request, String method, String path, String host) {
        assertThat(nginx(String.format(COMBINED, request)).ok()).as(r.reason()).isTrue();
        assertThat(r.method).isEqualTo(method);
        assertThat(r.path).isEqualTo(path);
        assertThat(r.host).isEqualTo(host);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"HELP", "GET /a", "GET a HTTP/1.1", "\\x16\\x03\\x01 /a HTTP/1.1",
        "GETGETGETGETGETGETGET1 /a HTTP/1.1", "GET /a FTP/1.0", "- - -"})
    void badRequestLines(String request) {
        assertThat(nginx(String.format(COMBINED, request)).ok()).isFalse();
        assertThat(r.reasonCode()).isEqualTo(RejectReason.BAD_REQUEST_LINE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0.123 | 123",
        "0.123 0.100 | 123",
        "0.250 - | 250",
        "- 0.100 | 100",
        "- 0.100, 0.004 | 104",
        "- 0.100, - | 100",
        "- 0.100, 0.004 : 0.200 | 304",
        "- - | NaN",
        "\"-\" | NaN",
    })
    void nginxLatencyFields(String trailer, double expectedMs) {
        String line = String.format(COMBINED, "GET / HTTP/1.1") + " " + trailer;
        assertThat(nginx(line).ok()).as(r.reason()).isTrue();
        if (Double.isNaN(expectedMs)) {
            assertThat(r.latencyMs()).isNaN();
        } else {
            assertThat(r.latencyMs()).isCloseTo(expectedMs, within(1e-9));
        }
    }

    @Test
    void nginxBadLatency() {
        assertThat(nginx(String.format(COMBINED, "GET / HTTP/1.1") + " 1.2.3").reasonCode())
                .isEqualTo(RejectReason.BAD_LATENCY);
        assertThat(nginx(String.format(COMBINED, "GET / HTTP/1.1") + " 90000.000").reasonCode())
                .as("more than a day").isEqualTo(RejectReason.BAD_LATENCY);
        assertThat(nginx(String.format(COMBINED, "GET / HTTP/1.1") + " -0.5").reasonCode())
                .isEqualTo(RejectReason.BAD_LATENCY);
    }

    @Test
    void nginxVhostsAndUsers() {
        assertThat(nginx("host:80 1.2.3.4 - - [05/Mar/2021:09:01:38 +0100] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"").host)
                .isEqualTo("host");
        assertThat(nginx("10.0.0.2, 10.0.0.1, 127.0.0.1 - - [05/Mar/2021:09:01:38 +0100] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"").host)
                .isNull();
        assertThat(r.ok()).isTrue();
        assertThat(nginx("2a02:cf40::4e36 - - [05/Mar/2021:09:01:38 +0100] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"").ok()).isTrue();
        assertThat(r.host).isNull();
    }

    @Test
    void nginxCombinedAlwaysHasRefererAndAgentSoALineCutAfterTheBytesIsRejected() {
        String cut = "1.2.3.4 - - [05/Mar/2021:09:01:38 +0100] \"GET /search?q=x HTTP/1.1\" 200 52";
        assertThat(nginx(cut).reasonCode()).isEqualTo(RejectReason.NOT_AN_ACCESS_LINE);
        assertThat(nginx(cut + " \"-\"").reasonCode()).isEqualTo(RejectReason.NOT_AN_ACCESS_LINE);
        // Apache's common log format legitimately ends after the bytes
        assertThat(Parsers.forFormat(LogFormat.APACHE).parse(cut, r)).isTrue();
    }

    @Test
    void badStatus() {
        assertThat(nginx("1.2.3.4 - - [05/Mar/2021:09:01:38 +0100] \"GET / HTTP/1.1\" 000 1").reasonCode())
                .isEqualTo(RejectReason.BAD_STATUS);
        assertThat(nginx("1.2.3.4 - - [05/Mar/2021:09:01:38 +0100] \"GET / HTTP/1.1\" 600 1").reasonCode())
                .isEqualTo(RejectReason.BAD_STATUS);
        assertThat(nginx("1.2.3.4 - - [05/Mar/2021:09:01:38 +0100] \"GET / HTTP/1.1\" 2x0 1").reasonCode())
                .isEqualTo(RejectReason.BAD_STATUS);
        assertThat(nginx("1.2.3.4 - - [45/Mar/2021:09:01:38 +0100] \"GET / HTTP/1.1\" 200 1").reasonCode())
                .isEqualTo(RejectReason.BAD_TIMESTAMP);
    }

    /**
     * Container log wrappers around a server's line — docker compose's service prefix, Docker's json-file
     * object, Kubernetes' CRI prefix — are read through by every format, and auto detects the format inside;
     * the wrapped line gives exactly the fields of the bare one. The byte fast path never reads a wrapped line.
     */
    @Test
    void containerWrappersAreReadThrough() {
        String nginx = "203.0.113.7 - - [01/Mar/2026:10:00:00 +0000] \"GET /products/7?x=1 HTTP/1.1\" 200 512 \"-\""
                + " \"curl/8\" 0.042 0.040";
        String caddy = "{\"level\":\"info\",\"ts\":1772359200.5,\"logger\":\"http.log.access\",\"msg\":\"handled request\","
                + "\"request\":{\"method\":\"GET\",\"host\":\"shop.example.com\",\"uri\":\"/products/7?x=1\"},"
                + "\"duration\":0.042,\"status\":200}";
        String[][] cases = {
            {"nginx", nginx, "web-1  | " + nginx},
            {"nginx", nginx, "proxy_1     | " + nginx},
            {"nginx", nginx, "{\"log\":\"" + nginx.replace("\"", "\\\"") + "\\n\",\"stream\":\"stdout\",\"time\":\"2026-03-01T10:00:00.1Z\"}"},
            {"nginx", nginx, "2026-03-01T10:00:00.123456789Z stdout F " + nginx},
            {"json", caddy, "caddy-1  | " + caddy},
            {"json", caddy, "{\"log\":\"" + caddy.replace("\"", "\\\"") + "\\n\",\"stream\":\"stderr\",\"time\":\"2026-03-01T10:00:00.1Z\"}"},
        };
        ParseResult bare = new ParseResult();
        ParseResult r = new ParseResult();
        for (String[] c : cases) {
            LineParser p = Parsers.forFormat(LogFormat.valueOf(c[0].toUpperCase()));
            assertThat(p.parse(c[1], bare)).as(bare.reason()).isTrue();
            assertThat(p.parse(c[2], r)).as("%s: %s", r.reason(), c[2]).isTrue();
            assertThat(new Object[] {r.epochMillis, r.method, r.path, r.status, r.latencyUs, r.host})
                    .as(c[2]).containsExactly(bare.epochMillis, bare.method, bare.path, bare.status, bare.latencyUs, bare.host);
            assertThat(FormatDetector.detect(java.util.List.of(c[2], c[2], c[2]))).as(c[2]).isEqualTo(LogFormat.valueOf(c[0].toUpperCase()));
            byte[] b = c[2].getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (!c[2].equals(c[1])) {
                assertThat(p.parsePlain(b, 0, b.length, r)).as("byte path on %s", c[2]).isFalse();
            }
        }
        assertThat(r.latencyUs).isEqualTo(42_000);
        // not wrappers: a cut Docker object, a bar without the service name's shape
        LineParser p = Parsers.forFormat(LogFormat.NGINX);
        assertThat(p.parse("{\"log\":\"" + nginx.replace("\"", "\\\""), r)).isFalse();
        assertThat(Wrappers.unwrap("web 1 | " + nginx, 0, nginx.length() + 8)).as("a name with a space").isNull();
        assertThat(Wrappers.unwrap(nginx, 0, nginx.length())).as("a bare line").isNull();
    }

    /** Envoy's TCP proxy writes its connections in the HTTP layout with "- - -" as the request: no request, no reject. */
    @Test
    void envoyTcpProxyLinesAreNoRequests() {
        ParseResult r = new ParseResult();
        LineParser envoy = Parsers.forFormat(LogFormat.ENVOY);
        assertThat(envoy.parse("[2026-03-01T10:00:00.000Z] \"- - -\" 0 - 87 254 4 - \"-\" \"-\" \"-\" \"-\" \"10.0.0.2:5432\"", r))
                .isFalse();
        assertThat(r.nonAccess()).isTrue();
        assertThat(r.reasonCode()).isEqualTo(ServerMessages.TCP_CONNECTION);
        // an HTTP line of the same proxy still parses
        assertThat(envoy.parse("[2026-03-01T10:00:00.000Z] \"GET /a HTTP/1.1\" 200 - 0 12 4 3 \"-\" \"curl/8\" \"id\""
                + " \"shop\" \"10.0.0.2:80\"", r)).as(r.reason()).isTrue();
        assertThat(r.nonAccess()).isFalse();
    }

    /** Caddy's and Traefik's own runtime log lines, interleaved with the access log: no requests, no rejects. */
    @Test
    void jsonServersOwnLinesAreNoRequests() {
        ParseResult r = new ParseResult();
        LineParser json = Parsers.forFormat(LogFormat.JSON);
        assertThat(json.parse("{\"level\":\"debug\",\"ts\":1742400753.0547564,\"logger\":\"http.handlers.reverse_proxy\","
                + "\"msg\":\"selected upstream\",\"dial\":\"immich_server:2283\",\"total_upstreams\":1}", r)).isFalse();
        assertThat(r.nonAccess()).isTrue();
        assertThat(json.parse("{\"level\":\"info\",\"msg\":\"Configuration loaded from flags.\",\"time\":\"2026-03-01T10:00:00Z\"}", r))
                .isFalse();
        assertThat(r.nonAccess()).isTrue();
        // an access line without its method is a bad line, not a server message
        assertThat(json.parse("{\"level\":\"info\",\"logger\":\"http.log.access\",\"msg\":\"handled request\","
                + "\"request\":{\"uri\":\"/a\"},\"status\":200,\"duration\":0.1,\"ts\":1742400753.05}", r)).isFalse();
        assertThat(r.nonAccess()).isFalse();
        assertThat(r.reasonCode()).isEqualTo(RejectReason.NOT_AN_ACCESS_LINE);
    }

    /** Traefik's default access log (its docs' example line): the duration is the latency, the counter is not. */
    @Test
    void traefikClf() {
        LineParser p = Parsers.forFormat(LogFormat.TRAEFIK);
        String line = "192.168.1.10 - - [10/Oct/2023:13:55:36 +0000] \"GET /birthday?x=1 HTTP/2\" 200 352 \"-\" \"Nikto\" 244"
                + " \"test@docker -> leaf@docker\" \"http://172.17.0.3:80\" 42ms";
        assertThat(p.parse(line, r)).as(r.reason()).isTrue();
        assertThat(r.method).isEqualTo("GET");
        assertThat(r.path).isEqualTo("/birthday");
        assertThat(r.status).isEqualTo(200);
        assertThat(r.latencyUs).isEqualTo(42_000);
        assertThat(r.epochMillis).isEqualTo(Instant.parse("2023-10-10T13:55:36Z").toEpochMilli());
        assertThat(p.parse(line.replace(" 42ms", " 0ms"), r)).isTrue();
        assertThat(r.latencyUs).isZero();
        assertThat(p.parse(line.replace(" 244 ", " 244 \"a third quoted field\" "), r)).isFalse();
        for (String bad : new String[] {" 42", " 42s", " 4.2ms", " -1ms", " 42ms extra"}) {
            assertThat(p.parse(line.replace(" 42ms", bad), r)).as(bad).isFalse();
            assertThat(r.reasonCode()).as(bad).isEqualTo(RejectReason.BAD_LATENCY);
        }
        // a plain combined line (no counter, router, URL) is not Traefik's
        assertThat(p.parse(String.format(COMBINED, "GET / HTTP/1.1") + " 123456", r)).isFalse();
    }

    @Test
    void apacheMicroseconds() {
        LineParser p = Parsers.forFormat(LogFormat.APACHE);
        assertThat(p.parse(String.format(COMBINED, "GET / HTTP/1.1") + " 123456", r)).isTrue();
        assertThat(r.latencyMs()).isEqualTo(123.456);
        assertThat(p.parse(String.format(COMBINED, "GET / HTTP/1.1") + " 123456  ", r)).isTrue();
        // %D ends combined + %D: an integer followed by more fields is not known to be %D (Traefik's request
        // counter, nginx's $request_length before $request_time)
        assertThat(p.parse(String.format(COMBINED, "GET / HTTP/1.1") + " 244 \"api@docker\" \"http://10.0.0.4\" 42ms", r))
                .isFalse();
        assertThat(r.reasonCode()).isEqualTo(RejectReason.BAD_LATENCY);
        assertThat(r.reasonDetail()).contains("--format 'apache:<LogFormat>'");
        assertThat(p.parse(String.format(COMBINED, "GET / HTTP/1.1") + " 734 0.247 0.245 https x.example", r)).isFalse();
        assertThat(p.parse("[Thu Oct 13 12:24:49.880562 2022] [auth_basic:error] [pid 10] AH01618: x", r)).isFalse();
        assertThat(r.reasonCode()).isEqualTo(ServerMessages.SERVER_MESSAGE); // the error log in the access log: no request, no reject
        assertThat(r.nonAccess()).isTrue();
    }

    private static final String ALB = "https 2023-04-26T19:53:46.679895Z app/my-lb/490d 192.168.1.13:44740 %s %s %s %s %s - 204 167"
            + " \"GET https://api.example.com:443/x?y HTTP/1.1\" \"ua\" - - arn \"Root=1\" \"-\" \"-\" 0 2023-04-26T19:53:46.678000Z \"fixed-response\"";

    @ParameterizedTest
    @CsvSource({
        "10.0.0.1:80, 0.001, 0.020, 0.003, 200, 24",
        "-, -1, -1, -1, 404, NaN",
        "10.0.0.1:80, 0.001, -1, -1, 502, 1",
        "10.0.0.1:80, -1, 0.010, 0.002, 200, 12",
    })
    void albNotDispatchedTimes(String target, String req, String tgt, String resp, int status, double expected) {
        LineParser p = Parsers.forFormat(LogFormat.ALB);
        assertThat(p.parse(String.format(ALB, target, req, tgt, resp, status), r)).as(r.reason()).isTrue();
        assertThat(r.status).isEqualTo(status);
        assertThat(r.host).isEqualTo("api.example.com");
        assertThat(r.path).isEqualTo("/x");
        assertThat(r.origin).isEqualTo("app/my-lb/490d");
        assertThat(r.epochMillis).isEqualTo(Instant.parse("2023-04-26T19:53:46.679Z").toEpochMilli());
        if (Double.isNaN(expected)) {
            assertThat(r.latencyMs()).isNaN();
        } else {
            assertThat(r.latencyMs()).isCloseTo(expected, within(1e-9));
        }
    }

    @Test
    void albRejects() {
        LineParser p = Parsers.forFormat(LogFormat.ALB);
        assertThat(p.parse(String.format(ALB, "-", "-1", "-1", "-1", "-"), r)).isFalse();
        assertThat(r.reasonCode()).isEqualTo(RejectReason.BAD_STATUS);
        assertThat(p.parse(String.format(ALB, "-", "-2", "-1", "-1", "200"), r)).isFalse();
        assertThat(r.reasonCode()).isEqualTo(RejectReason.BAD_LATENCY);
        assertThat(p.parse(String.format(ALB, "-", "-1", "-1", "-1", "400").replace("GET https://api.example.com:443/x?y HTTP/1.1", "- - - "), r)).isFalse();
        assertThat(r.reasonCode()).isEqualTo(RejectReason.BAD_REQUEST_LINE);
    }

    @Test
    void envoyIstioVariantAndTrailingFields() {
        LineParser p = Parsers.forFormat(LogFormat.ENVOY);
        String istio = "[2020-11-25T21:26:18.409Z] \"GET /status/418 HTTP/1.1\" 418 - via_upstream - \"-\" 0 135 4 3 "
                + "\"-\" \"curl/7.73.0-DEV\" \"84961386-6d84-929d-98bd-c5aee93b5c88\" \"httpbin:8000\" "
                + "\"127.0.0.1:80\" inbound|8000|| 127.0.0.1:41854 10.44.1.27:80 10.44.1.23:37652 "
                + "outbound_.8000_._.httpbin.foo.svc.cluster.local default";
        assertThat(p.parse(istio, r)).as(r.reason()).isTrue();
        assertThat(r.status).isEqualTo(418);
        assertThat(r.latencyMs()).isEqualTo(4.0);
        assertThat(r.host).isEqualTo("httpbin");
        String dflt = "[2016-04-15T20:17:00.310Z] \"POST /api/v1/locations?x HTTP/2\" 204 - 154 0 226 100 \"10.0.35.28\" "
                + "\"nsq2http\" \"cc21d9b0\" \"locations\" \"tcp://10.0.2.1:80\"";
        assertThat(p.parse(dflt, r)).isTrue();
        assertThat(r.latencyMs()).isEqualTo(226.0);
        assertThat(r.path).isEqualTo("/api/v1/locations");
        assertThat(p.parse(dflt.replace("\" 204 ", "\" 0 "), r)).isFalse();
        assertThat(r.reasonCode()).isEqualTo(RejectReason.BAD_STATUS);
    }

    @Test
    void haproxyZoneTcpAndBadreq() {
        String line = "Jul 30 09:03:52 localhost haproxy[32450]: 1.128.3.4:38862 [30/Jul/2018:09:03:52.726] incoming~ "
                + "docs/docs 0/0/1/0/+2 304 168 - - ---- 6/6/0/0/0 0/0 \"GET /x?y HTTP/1.1\"";
        LineParser utc = Parsers.forFormat(LogFormat.HAPROXY);
        assertThat(utc.parse(line, r)).as(r.reason()).isTrue();
        assertThat(r.latencyMs()).isEqualTo(2.0);
        assertThat(r.origin).isEqualTo("incoming");
        assertThat(r.epochMillis).isEqualTo(Instant.parse("2018-07-30T09:03:52.726Z").toEpochMilli());
        LineParser berlin = Parsers.forFormat(LogFormat.HAPROXY,
                ParserOptions.defaults().withHaproxyZone(ZoneId.of("Europe/Berlin")));
        assertThat(berlin.parse(line, r)).isTrue();
        assertThat(r.epochMillis).isEqualTo(Instant.parse("2018-07-30T07:03:52.726Z").toEpochMilli());
        String tcp = "10.0.1.2:33313 [06/Feb/2009:12:12:51.443] fnt bck/srv1 0/0/5007 212 -- 0/0/0/0/3 0/0";
        assertThat(utc.parse(tcp, r)).isFalse();
        assertThat(r.reasonCode()).isEqualTo(RejectReason.NOT_AN_ACCESS_LINE);
        String badreq = "10.0.1.2:33317 [06/Feb/2009:12:12:51.443] fnt fnt/<NOSRV> -1/-1/-1/-1/0 400 187 - - PR-- "
                + "0/0/0/0/0 0/0 \"<BADREQ>\"";
        assertThat(utc.parse(badreq, r)).isFalse();
        assertThat(r.reasonCode()).isEqualTo(RejectReason.BAD_REQUEST_LINE);
    }

    @Test
    void jsonMappingsCriAndAuto() {
        LineParser auto = Parsers.forFormat(LogFormat.JSON);
        String caddy = "{\"ts\":1693840791.7564995,\"request\":{\"method\":\"GET\",\"host\":\"example.com:8080\","
                + "\"uri\":\"/a?b=c\",\"headers\":{\"X\":[\"y\"]}},\"duration\":0.25,\"status\":503}";
        assertThat(auto.parse(caddy, r)).as(r.reason()).isTrue();
        assertThat(r.latencyMs()).isEqualTo(250.0);
        assertThat(r.path).isEqualTo("/a");
        assertThat(r.host).isEqualTo("example.com");
        assertThat(r.status).isEqualTo(503);
        assertThat(r.epochMillis).isEqualTo(1693840791756L);
        String traefik = "2025-01-01T00:00:00.000000000+00:00 stdout F {\"DownstreamStatus\":200,\"Duration\":1500000,"
                + "\"RequestMethod\":\"POST\",\"RequestPath\":\"/api?x\",\"RequestHost\":\"h\",\"time\":\"2026-01-08T15:20:00+01:00\"}";
        assertThat(auto.parse(traefik, r)).as(r.reason()).isTrue();
        assertThat(r.latencyMs()).isCloseTo(1.5, within(1e-9));
        assertThat(r.epochMillis).isEqualTo(Instant.parse("2026-01-08T14:20:00Z").toEpochMilli());
        JsonFieldMapping custom = JsonFieldMapping.builder()
                .time(JsonFieldMapping.TimeKind.EPOCH_MILLIS, "t").method("http.m").path("http.url")
                .status("http.code").duration(JsonFieldMapping.DurationUnit.MICROSECONDS, "took_us").host("http.host")
                .build();
        LineParser p = Parsers.forFormat(LogFormat.JSON, ParserOptions.defaults().withJsonMapping(custom));
        assertThat(p.parse("{\"t\":1700000000123,\"http\":{\"m\":\"GET\",\"url\":\"https://x.org/p?q\",\"code\":\"204\"},"
                + "\"took_us\":1500}", r)).as(r.reason()).isTrue();
        assertThat(r.epochMillis).isEqualTo(1700000000123L);
        assertThat(r.latencyMs()).isEqualTo(1.5);
        assertThat(r.host).isEqualTo("x.org");
        assertThat(r.path).isEqualTo("/p");
        assertThat(p.parse("{\"t\":1700000000123,\"http\":{\"m\":\"GET\"", r)).isFalse();
        assertThat(r.reasonCode()).isEqualTo(RejectReason.BAD_JSON);
        assertThat(p.parse("{\"t\":\"yesterday\",\"http\":{\"m\":\"GET\",\"url\":\"/\",\"code\":200}}", r)).isFalse();
        assertThat(r.reasonCode()).isEqualTo(RejectReason.BAD_TIMESTAMP);
        assertThat(p.parse("not json", r)).isFalse();
        assertThat(r.reasonCode()).isEqualTo(RejectReason.NOT_AN_ACCESS_LINE);
        assertThat(JsonFieldMapping.preset("envoy-json")).isEqualTo(JsonFieldMapping.envoyJson());
        assertThatThrownBy(() -> JsonFieldMapping.builder().build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyLongAndAuto() {
        LineParser p = Parsers.forFormat(LogFormat.NGINX, ParserOptions.defaults().withMaxLineLength(100));
        assertThat(p.parse(null, r)).isFalse();
        assertThat(r.reasonCode()).isEqualTo(RejectReason.EMPTY_LINE);
        assertThat(p.parse(" \r", r)).isFalse();
        assertThat(r.reasonCode()).isEqualTo(RejectReason.EMPTY_LINE);
        assertThat(p.parse("x".repeat(101), r)).isFalse();
        assertThat(r.reasonCode()).isEqualTo(RejectReason.LINE_TOO_LONG);
        assertThat(p.parse(String.format(COMBINED, "GET / HTTP/1.1") + " 0.1\r", r)).isTrue();
        assertThatThrownBy(() -> Parsers.forFormat(LogFormat.AUTO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsersAreSerializable() throws Exception {
        for (LogFormat f : FormatDetector.PREFERENCE) {
            LineParser p = Parsers.forFormat(f);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(p);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                LineParser copy = (LineParser) in.readObject();
                assertThat(copy.format()).isEqualTo(f);
            }
        }
    }
}
