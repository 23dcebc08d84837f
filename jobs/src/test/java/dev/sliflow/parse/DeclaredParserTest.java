package dev.sliflow.parse;

import static dev.sliflow.parse.DeclaredFormatTest.parser;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lines read with declared formats, field by field; lines that do not match are rejects with a reason. */
class DeclaredParserTest {
    /** The issue's nginx layout: $request_length (a byte count) sits where other layouts put a time. */
    static final String NGINX_ISSUE = "nginx:$remote_addr:$server_port $http_x_forwarded_for - [$time_local] \"$request\""
            + " $status $body_bytes_sent $request_length $request_time $upstream_response_time $scheme $host";
    static final String APACHE_D = "apache:%v:%p %h %l %u %t \"%r\" %>s %O \"%{Referer}i\" \"%{User-Agent}i\" %D";
    static final String APACHE_MS = "apache:%h %l %u %t \"%r\" %>s %b %{ms}T \"%{User-agent}i\" %{Host}i";

    /** ingress-nginx's log_format (with its own variables $proxy_upstream_name, $req_id). */
    static final String INGRESS_NGINX = "nginx:$remote_addr - $remote_user [$time_local] \"$request\" $status"
            + " $body_bytes_sent \"$http_referer\" \"$http_user_agent\" $request_length $request_time"
            + " [$proxy_upstream_name] [$proxy_alternative_upstream_name] $upstream_addr $upstream_response_length"
            + " $upstream_response_time $upstream_status $req_id";

    private final ParseResult r = new ParseResult();

    @Test
    void ingressNginx() {
        LineParser p = parser(INGRESS_NGINX, null);
        ok(p, "192.168.64.1 - - [07/Feb/2020:11:48:51 +0000] \"POST /products HTTP/1.1\" 200 59 \"-\" \"curl/7.54.0\" 89"
                + " 0.001 [default-web-8080] [] 172.17.0.5:8080 59 0.000 200 529a007902362a5f51385a5fa7049884");
        assertThat(r.latencyUs).as("$request_time, not $request_length").isEqualTo(1_000);
        assertThat(r.path).isEqualTo("/products");
        ok(p, "10.0.0.1 - - [07/Feb/2020:11:48:51 +0000] \"GET / HTTP/1.1\" 502 0 \"-\" \"curl/7.54.0\" 91 5.002"
                + " [default-web-8080] [] 10.0.0.2:8080, 10.0.0.3:8080 0, 0 5.000, 0.001 502, 502 68fa971c");
        assertThat(r.latencyUs).isEqualTo(5_002_000);
        assertThat(r.status).isEqualTo(502);
    }

    @Test
    void theIssuesNginxLayout() {
        LineParser p = parser(NGINX_ISSUE, null);
        assertThat(p).isInstanceOf(DeclaredParser.class);
        ok(p, "10.1.2.3:443 203.0.113.9, 10.0.0.1 - [05/Mar/2024:09:01:38 +0100] \"GET /api/orders?id=7 HTTP/1.1\""
                + " 200 512 734 0.125 0.100, 0.020 : 0.004 https shop.example.com");
        assertThat(r.method).isEqualTo("GET");
        assertThat(r.path).isEqualTo("/api/orders");
        assertThat(r.status).isEqualTo(200);
        assertThat(r.latencyUs).as("$request_time, not $request_length").isEqualTo(125_000);
        assertThat(r.epochMillis).isEqualTo(Instant.parse("2024-03-05T08:01:38Z").toEpochMilli());
        assertThat(r.host).isEqualTo("shop.example.com");

        ok(p, "[2001:db8::1]:443 - - [05/Mar/2024:09:01:38 +0100] \"POST /pay HTTP/2.0\" 502 0 1200 1.000 - http pay.example.com:8443");
        assertThat(r.method).isEqualTo("POST");
        assertThat(r.status).isEqualTo(502);
        assertThat(r.latencyUs).isEqualTo(1_000_000);
        assertThat(r.host).isEqualTo("pay.example.com");
    }

    @Test
    void anUpstreamLatencyIsTheSumOfTheTries() {
        LineParser p = parser(NGINX_ISSUE, "$upstream_response_time");
        ok(p, "10.1.2.3:443 - - [05/Mar/2024:09:01:38 +0100] \"GET / HTTP/1.1\" 200 512 734 0.125 0.100, 0.020 : 0.004 https h");
        assertThat(r.latencyUs).isEqualTo(124_000);
        ok(p, "10.1.2.3:443 - - [05/Mar/2024:09:01:38 +0100] \"GET / HTTP/1.1\" 200 512 734 0.125 - https h");
        assertThat(r.hasLatency()).as("no upstream: no latency").isFalse();
        ok(p, "10.1.2.3:443 - - [05/Mar/2024:09:01:38 +0100] \"GET / HTTP/1.1\" 504 512 734 3.001 -, 3.000 https h");
        assertThat(r.latencyUs).isEqualTo(3_000_000);
        reject(p, "10.1.2.3:443 - - [05/Mar/2024:09:01:38 +0100] \"GET / HTTP/1.1\" 200 512 734 0.125 abc https h",
                RejectReason.BAD_LATENCY);
    }

    @Test
    void upstreamListsOfOpaqueVariablesKeepTheFieldsAligned() {
        LineParser p = parser("nginx:$time_iso8601 $upstream_addr $upstream_status \"$request\" $status"
                + " $upstream_response_time", null);
        ok(p, "2024-03-05T09:01:38+01:00 10.0.0.1:80, 10.0.0.2:80 : unix:/run/app.sock 502, 502 : 200"
                + " \"GET /x HTTP/1.1\" 200 0.012, 0.004 : 0.100");
        assertThat(r.latencyUs).as("$upstream_response_time when there is no $request_time").isEqualTo(116_000);
        assertThat(r.status).isEqualTo(200);
        assertThat(r.epochMillis).isEqualTo(Instant.parse("2024-03-05T08:01:38Z").toEpochMilli());
    }

    @Test
    void nginxMethodUriAndEpochMillis() {
        LineParser p = parser("nginx:${msec} ${request_method} ${request_uri} ${status} ${request_time} \"${http_user_agent}\"", null);
        ok(p, "1709625698.123 DELETE https://api.example.com/v1/items/9?x=1 204 0.007 \"curl/8.0 (x86_64)\"");
        assertThat(r.epochMillis).isEqualTo(1709625698123L);
        assertThat(r.method).isEqualTo("DELETE");
        assertThat(r.path).isEqualTo("/v1/items/9");
        assertThat(r.host).isEqualTo("api.example.com");
        assertThat(r.latencyUs).isEqualTo(7_000);
    }

    @Test
    void aQueryWrittenRightAfterThePathIsPartOfIt() {
        LineParser p = parser("nginx:[$time_local] $request_method $uri$is_args$args $status $request_time", null);
        ok(p, "[05/Mar/2024:09:01:38 +0000] GET /search?q=a+b 200 0.010");
        assertThat(r.path).isEqualTo("/search");
        assertThat(r.latencyUs).isEqualTo(10_000);
        ok(p, "[05/Mar/2024:09:01:38 +0000] GET /search 200 0.010");
        assertThat(r.path).isEqualTo("/search");
    }

    @Test
    void anNginxJsonLogFormat() {
        LineParser p = parser("nginx:escape=json '{\"time\":\"$time_iso8601\",\"request\":\"$request\",\"status\":$status,'"
                + " '\"rt\":\"$request_time\",\"urt\":\"$upstream_response_time\",\"ua\":\"$http_user_agent\"}'", null);
        ok(p, "{\"time\":\"2024-03-05T09:01:38+00:00\",\"request\":\"GET /a?b=1 HTTP/1.1\",\"status\":200,"
                + "\"rt\":\"0.250\",\"urt\":\"\",\"ua\":\"say \\\"hi\\\"\"}");
        assertThat(r.path).isEqualTo("/a");
        assertThat(r.latencyUs).isEqualTo(250_000);
        LineParser upstream = parser("nginx:{\"time\":\"$time_iso8601\",\"request\":\"$request\",\"status\":$status,"
                + "\"urt\":\"$upstream_response_time\"}", null);
        ok(upstream, "{\"time\":\"2024-03-05T09:01:38+00:00\",\"request\":\"GET / HTTP/1.1\",\"status\":200,\"urt\":\"\"}");
        assertThat(r.hasLatency()).as("escape=json writes no upstream as ''").isFalse();
    }

    @Test
    void aDeclarationWithoutLatencyCountsRequests() {
        LineParser p = parser("nginx:$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent", null);
        ok(p, "10.0.0.1 - alice [05/Mar/2024:09:01:38 +0000] \"GET /health HTTP/1.1\" 200 2");
        assertThat(r.hasLatency()).isFalse();
        assertThat(r.latencyUs).isEqualTo(ParseResult.NO_LATENCY);
        assertThat(r.path).isEqualTo("/health");
    }

    @Test
    void apacheWithD() {
        LineParser p = parser(APACHE_D, null);
        assertThat(p).isInstanceOf(DeclaredParser.class);
        ok(p, "www.example.com:443 192.0.2.7 - bob [10/Oct/2023:13:55:36 -0700] \"GET /a/b.html?q=1 HTTP/1.1\" 200 2326"
                + " \"http://ref.example/\" \"Mozilla/5.0 (X11; \\\"quoted\\\")\" 1234567");
        assertThat(r.host).isEqualTo("www.example.com");
        assertThat(r.method).isEqualTo("GET");
        assertThat(r.path).isEqualTo("/a/b.html");
        assertThat(r.status).isEqualTo(200);
        assertThat(r.latencyUs).isEqualTo(1_234_567);
        assertThat(r.epochMillis).isEqualTo(Instant.parse("2023-10-10T20:55:36Z").toEpochMilli());
    }

    @Test
    void apacheWithMillisecondT() {
        LineParser p = parser(APACHE_MS, null);
        ok(p, "192.0.2.7 - - [10/Oct/2023:13:55:36 +0000] \"PUT /cart HTTP/1.1\" 201 - 250 \"Mozilla/5.0 (X11)\" shop.example:8080");
        assertThat(r.method).isEqualTo("PUT");
        assertThat(r.status).isEqualTo(201);
        assertThat(r.latencyUs).as("%{ms}T in µs").isEqualTo(250_000);
        assertThat(r.host).isEqualTo("shop.example");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "%{sec}t \"%r\" %>s %T; 1696946136 \"GET / HTTP/1.1\" 200 2; 2023-10-10T13:55:36Z; 2000000",
        "%{msec}t \"%r\" %>s %{us}T; 1696946136250 \"GET / HTTP/1.1\" 200 1500; 2023-10-10T13:55:36.250Z; 1500",
        "%{end:usec}t \"%r\" %>s %{s}T; 1696946136250999 \"GET / HTTP/1.1\" 200 0; 2023-10-10T13:55:36.250Z; 0",
        "[%{%Y-%m-%d %H:%M:%S %z}t] \"%r\" %>s %D; [2023-10-10 15:55:36 +0200] \"GET / HTTP/1.1\" 200 9; 2023-10-10T13:55:36Z; 9",
        "%{%FT%T}t %m %U%q %>s %D; 2023-10-10T13:55:36 GET /x?y=1 200 9; 2023-10-10T13:55:36Z; 9",
        "%{[%d/%b/%Y:%H:%M:%S %z]}t \"%r\" %>s %D; [10/Oct/2023:15:55:36 +0200] \"GET / HTTP/1.1\" 200 9; 2023-10-10T13:55:36Z; 9",
    })
    void apacheTimes(String format, String line, String time, long latencyUs) {
        ok(parser("apache:" + format, null), line);
        assertThat(r.epochMillis).isEqualTo(Instant.parse(time).toEpochMilli());
        assertThat(r.latencyUs).isEqualTo(latencyUs);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = ';', value = {
        "10.0.0.1:443 - - [05/Mar/2024:09:01:38 +0100] \"GET / HTTP/1.1\" 200 512 734 0.125 - https; not_an_access_line",
        "10.0.0.1:443 - - 05/Mar/2024:09:01:38 +0100 \"GET / HTTP/1.1\" 200 512 734 0.125 - https h; not_an_access_line",
        "10.0.0.1:443 - - [05/Mar/2024:09:01:38 +0100] \"GET / HTTP/1.1\" 200 512 734 0.125 - https h extra; not_an_access_line",
        "10.0.0.1:443 - - [05/Mar/2024:09:01:38 +0100] \"GET / HTTP/1.1\" - 512 734 0.125 - https h; bad_status",
        "10.0.0.1:443 - - [05/Mar/2024:09:01:38 +0100] \"GET / HTTP/1.1\" 200 512 734 fast - https h; bad_latency",
        "10.0.0.1:443 - - [05/Mar/2024:09:01:38 +0100] \"GET / HTTP/1.1\" 200 512 734 -0.5 - https h; bad_latency",
        "10.0.0.1:443 - - [35/Mar/2024:09:01:38 +0100] \"GET / HTTP/1.1\" 200 512 734 0.125 - https h; bad_timestamp",
        "10.0.0.1:443 - - [05/Mar/2024:09:01:38 +0100] \"\\x16\\x03\\x01\" 400 0 0 0.001 - https h; bad_request_line",
        "2024/03/05 09:01:38 [error] 123#0: *1 connect() failed; not_an_access_line",
    })
    void linesThatDoNotMatchAreRejectsWithAReason(String line, String reason) {
        reject(parser(NGINX_ISSUE, null), line, reason);
    }

    @Test
    void apacheRejects() {
        LineParser p = parser(APACHE_MS, null);
        reject(p, "192.0.2.7 - - [10/Oct/2023:13:55:36 +0000] \"PUT /cart HTTP/1.1\" 201 - 0.25 \"x\" h", RejectReason.BAD_LATENCY);
        reject(p, "192.0.2.7 - - [10/Oct/2023:13:55:36 +0000] \"PUT /cart HTTP/1.1\" 201 - 250 \"x\"", RejectReason.NOT_AN_ACCESS_LINE);
        reject(p, "192.0.2.7 - - 10/Oct/2023:13:55:36 \"PUT /cart HTTP/1.1\" 201 - 250 \"x\" h", RejectReason.NOT_AN_ACCESS_LINE);
    }

    private void ok(LineParser p, String line) {
        assertThat(p.parse(line, r)).as(r.reason() + " for " + line).isTrue();
    }

    private void reject(LineParser p, String line, String reason) {
        assertThat(p.parse(line, r)).as(line).isFalse();
        assertThat(r.reasonCode()).as(r.reason()).isEqualTo(reason);
        assertThat(r.reasonDetail()).isNotBlank();
    }
}
