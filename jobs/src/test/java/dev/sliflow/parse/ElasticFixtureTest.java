package dev.sliflow.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The Elastic fixtures: filebeat's nginx ingress-controller and HAProxy test logs against Elastic's
 * expected output ({@code expected-subset.jsonl}, keyed by byte offset, durations in ns), filebeat's
 * nginx access log, and an excerpt of elastic/examples' apache_logs.
 */
class ElasticFixtureTest {
    private final ParseResult r = new ParseResult();

    /** Flat top-level fields of each expected-subset line (nested values are skipped). */
    static List<Map<String, Object>> expected(String resource) throws IOException {
        JsonFactory f = new JsonFactory();
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (String line : Fixtures.lines(resource)) {
            Map<String, Object> m = new HashMap<>();
            try (JsonParser p = f.createParser(line)) {
                p.nextToken();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    JsonToken t = p.nextToken();
                    if (t.isStructStart()) {
                        p.skipChildren();
                    } else if (t.isNumeric()) {
                        m.put(k, p.getDoubleValue());
                    } else {
                        m.put(k, p.getText());
                    }
                }
            }
            out.add(m);
        }
        return out;
    }

    @Test
    void nginxIngressControllerMatchesElastic() throws IOException {
        Map<Long, String> lines = Fixtures.linesByOffset("elastic-beats/nginx_ingress_controller/test.log");
        LineParser p = Parsers.forFormat(LogFormat.NGINX);
        SoftAssertions soft = new SoftAssertions();
        List<Map<String, Object>> exp = expected("elastic-beats/nginx_ingress_controller/expected-subset.jsonl");
        assertThat(exp).hasSize(20);
        for (Map<String, Object> e : exp) {
            long off = ((Double) e.get("log.offset")).longValue();
            String line = lines.get(off);
            assertThat(line).as("offset %d", off).isNotNull();
            soft.assertThat(p.parse(line, r)).as("%s: %s", r.reason(), line).isTrue();
            soft.assertThat(r.method).isEqualTo(e.get("http.request.method"));
            soft.assertThat(r.path).isEqualTo(CrowdsecFixtureTest.stripQuery((String) e.get("url.original")));
            soft.assertThat(r.status).isEqualTo(((Double) e.get("http.response.status_code")).intValue());
            soft.assertThat(r.latencyMs()).isCloseTo((Double) e.get("request.time") * 1000, within(1e-9));
            soft.assertThat(r.epochMillis).isEqualTo(Instant.parse((String) e.get("@timestamp")).toEpochMilli());
        }
        // every line of the file parses, including those outside Elastic's subset (multi-upstream, IPv6, unix socket)
        for (String line : lines.values()) {
            soft.assertThat(p.parse(line, r)).as("%s: %s", r.reason(), line).isTrue();
            soft.assertThat(r.hasLatency()).isTrue();
        }
        soft.assertAll();
    }

    @Test
    void haproxyMatchesElastic() throws IOException {
        Map<Long, String> lines = Fixtures.linesByOffset("elastic-beats/haproxy/haproxy.log");
        LineParser p = Parsers.forFormat(LogFormat.HAPROXY);
        SoftAssertions soft = new SoftAssertions();
        List<Map<String, Object>> exp = expected("elastic-beats/haproxy/expected-subset.jsonl");
        assertThat(exp).hasSize(10);
        for (Map<String, Object> e : exp) {
            String line = lines.get(((Double) e.get("log.offset")).longValue());
            soft.assertThat(p.parse(line, r)).as("%s: %s", r.reason(), line).isTrue();
            soft.assertThat(r.method).isEqualTo(e.get("http.request.method"));
            soft.assertThat(r.path).isEqualTo(CrowdsecFixtureTest.stripQuery((String) e.get("url.original")));
            soft.assertThat(r.status).isEqualTo(((Double) e.get("http.response.status_code")).intValue());
            soft.assertThat(r.latencyMs()).isCloseTo((Double) e.get("event.duration_ns") / 1e6, within(1e-9));
        }
        // the last line (ISO syslog prefix, captured headers, trailing TLS fields) is outside the subset
        String last = Fixtures.nonEmptyLines("elastic-beats/haproxy/haproxy.log").get(10);
        soft.assertThat(p.parse(last, r)).as(r.reason()).isTrue();
        soft.assertThat(r.path).isEqualTo("/image.png");
        soft.assertThat(r.status).isEqualTo(304);
        soft.assertThat(r.latencyMs()).isEqualTo(27.0);
        soft.assertThat(r.origin).isEqualTo("frontendname");
        soft.assertThat(r.epochMillis).isEqualTo(Instant.parse("2021-12-15T16:55:17.995Z").toEpochMilli());
        // the host token between backend/server and the timers
        p.parse(Fixtures.nonEmptyLines("elastic-beats/haproxy/haproxy.log").get(1), r);
        soft.assertThat(r.host).isEqualTo("site.domain.com");
        soft.assertThat(r.origin).isEqualTo("www-https");
        soft.assertAll();
    }

    @Test
    void nginxAccessLog() {
        List<String> lines = Fixtures.nonEmptyLines("elastic-beats/nginx_access/test.log");
        LineParser p = Parsers.forFormat(LogFormat.NGINX);
        SoftAssertions soft = new SoftAssertions();
        for (int i = 0; i < 6; i++) {
            soft.assertThat(p.parse(lines.get(i), r)).as("%s: %s", r.reason(), lines.get(i)).isTrue();
            soft.assertThat(r.latencyMs()).isNaN();
            soft.assertThat(r.host).as("remote address lists are not vhosts").isNull();
        }
        p.parse(lines.get(4), r);
        soft.assertThat(r.path).isEqualTo("/assets/xxxx");
        p.parse(lines.get(0), r);
        soft.assertThat(r.epochMillis).isEqualTo(Instant.parse("2016-12-07T10:05:07Z").toEpochMilli());
        // `""` as the request line (Elastic keeps it without method or path)
        soft.assertThat(p.parse(lines.get(6), r)).isFalse();
        soft.assertThat(r.reasonCode()).isEqualTo(RejectReason.BAD_REQUEST_LINE);
        soft.assertAll();
    }

    @Test
    void apacheLogsExcerptAllParseWithoutLatency() {
        List<String> lines = Fixtures.nonEmptyLines("elastic-examples/apache_logs_first200");
        assertThat(lines).hasSize(200);
        LineParser p = Parsers.forFormat(LogFormat.APACHE);
        SoftAssertions soft = new SoftAssertions();
        for (String line : lines) {
            soft.assertThat(p.parse(line, r)).as("%s: %s", r.reason(), line).isTrue();
            soft.assertThat(r.latencyMs()).isNaN();
            soft.assertThat(r.path).startsWith("/").doesNotContain("?");
        }
        soft.assertAll();
        p.parse(lines.get(0), r);
        assertThat(r.epochMillis).isEqualTo(Instant.parse("2015-05-17T10:05:03Z").toEpochMilli());
        assertThat(r.path).isEqualTo("/presentations/logstash-monitorama-2013/images/kibana-search.png");
    }
}
