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

    /**
     * filebeat's IIS test log (three #Fields: layouts, one after each simulated restart) against Elastic's
     * expected output: the directives are no requests, every request line parses with the fields Elastic reads,
     * time-taken in milliseconds (Elastic's event.duration, ns). The file's last two lines are in its first
     * layout (15 fields) below its third #Fields: (22): a file IIS never writes (Elastic's patterns ignore the
     * directives). They are rejected as not fitting the layout in force, and parse as Elastic expects once their
     * own layout is declared again.
     */
    @Test
    void iisW3cMatchesElastic() throws IOException {
        Map<Long, String> lines = Fixtures.linesByOffset("elastic-beats/iis/test.log");
        LineParser p = Parsers.forFormat(LogFormat.W3C);
        SoftAssertions soft = new SoftAssertions();
        List<Map<String, Object>> exp = expected("elastic-beats/iis/expected-subset.jsonl");
        assertThat(exp).hasSize(5);
        Map<Long, Map<String, Object>> byOffset = new java.util.TreeMap<>();
        exp.forEach(e -> byOffset.put(((Double) e.get("log.offset")).longValue(), e));
        int directives = 0;
        String firstLayout = Fixtures.nonEmptyLines("elastic-beats/iis/test.log").get(3);
        assertThat(firstLayout).startsWith("#Fields: date time s-ip ");
        for (Map.Entry<Long, String> l : new java.util.TreeMap<>(lines).entrySet()) { // in file order: directives are state
            boolean ok = p.parse(l.getValue(), r);
            Map<String, Object> e = byOffset.get(l.getKey());
            if (l.getKey() >= 1445) {
                soft.assertThat(ok).isFalse();
                soft.assertThat(r.reason()).isEqualTo("not_an_access_line: 15 fields where #Fields: names 22");
                LineParser own = Parsers.forFormat(LogFormat.W3C);
                own.parse("#Software: Microsoft Internet Information Services 10.0", r);
                own.parse(firstLayout, r);
                ok = own.parse(l.getValue(), r);
            }
            if (e == null) {
                soft.assertThat(r.nonAccess()).as("a directive: %s", l.getValue()).isTrue();
                directives++;
                continue;
            }
            soft.assertThat(ok).as("%s: %s", r.reason(), l.getValue()).isTrue();
            soft.assertThat(r.method).isEqualTo(e.get("http.request.method"));
            soft.assertThat(r.path).isEqualTo(e.get("url.original"));
            soft.assertThat(r.host).isEqualTo(e.get("url.domain"));
            soft.assertThat(r.status).isEqualTo(((Double) e.get("http.response.status_code")).intValue());
            soft.assertThat(r.latencyMs()).isEqualTo((Double) e.get("event.duration") / 1e6);
            soft.assertThat(r.epochMillis).isEqualTo(Instant.parse((String) e.get("@timestamp")).toEpochMilli());
        }
        soft.assertThat(directives).isEqualTo(12);
        soft.assertAll();
    }

    /**
     * filebeat's Traefik CLF test log against Elastic's expected output: the first line in full (the duration, which
     * Elastic does not keep, is the line's {@code 2ms}); the second has an unbalanced quote after the router name
     * ({@code "Host-host1 "http://…"}), which Elastic's pattern reads leniently and sliflow rejects rather than guess
     * where the router name ends. auto detects the file as Traefik.
     */
    @Test
    void traefikClfMatchesElastic() throws IOException {
        Map<Long, String> lines = Fixtures.linesByOffset("elastic-beats/traefik/test.log");
        LineParser p = Parsers.forFormat(LogFormat.TRAEFIK);
        List<Map<String, Object>> exp = expected("elastic-beats/traefik/expected-subset.jsonl");
        assertThat(exp).hasSize(2);
        Map<String, Object> first = exp.get(0);
        assertThat(p.parse(lines.get(((Double) first.get("log.offset")).longValue()), r)).as(r.reason()).isTrue();
        assertThat(r.method).isEqualTo(first.get("http.request.method"));
        assertThat(r.path).isEqualTo(first.get("url.original"));
        assertThat(r.status).isEqualTo(((Double) first.get("http.response.status_code")).intValue());
        assertThat(r.epochMillis).isEqualTo(Instant.parse((String) first.get("@timestamp")).toEpochMilli());
        assertThat(r.latencyMs()).isEqualTo(2.0);
        assertThat(p.parse(lines.get(((Double) exp.get(1).get("log.offset")).longValue()), r)).isFalse();
        assertThat(r.reasonCode()).isEqualTo(RejectReason.NOT_AN_ACCESS_LINE);
        assertThat(FormatDetector.detect(Fixtures.lines("elastic-beats/traefik/test.log"))).isEqualTo(LogFormat.TRAEFIK);
    }

    /**
     * CloudFront's standard log (tab-separated, time-taken in seconds, written in the shape of the AWS
     * developer guide's example): the viewer's Host header is the host, the query is never part of the path.
     */
    @Test
    void cloudFrontW3c() {
        List<String> lines = Fixtures.nonEmptyLines("sliflow-cloudfront/access.log");
        LineParser p = Parsers.forFormat(LogFormat.W3C);
        assertThat(p.parse(lines.get(0), r)).isFalse();
        assertThat(r.nonAccess()).isTrue();
        assertThat(p.parse(lines.get(1), r)).isFalse();
        assertThat(r.nonAccess()).isTrue();
        assertThat(p.parse(lines.get(2), r)).as(r.reason()).isTrue();
        assertThat(r.epochMillis).isEqualTo(Instant.parse("2019-12-04T21:02:31Z").toEpochMilli());
        assertThat(r.path).isEqualTo("/index.html");
        assertThat(r.status).isEqualTo(200);
        assertThat(r.latencyUs).isEqualTo(1_000); // 0.001 s
        assertThat(r.host).isEqualTo("d111111abcdef8.cloudfront.net");
        assertThat(p.parse(lines.get(3), r)).as(r.reason()).isTrue();
        assertThat(r.latencyUs).isZero();
        assertThat(p.parse(lines.get(4), r)).as(r.reason()).isTrue();
        assertThat(r.method).isEqualTo("GET");
        assertThat(r.path).isEqualTo("/api/v1/checkout");
        assertThat(r.status).isEqualTo(502);
        assertThat(r.latencyUs).isEqualTo(1_317_000);
        assertThat(r.host).isEqualTo("shop.example.com");
    }

    /** A W3C file of another producer: time-taken's unit is unknown, so no latency is read — never a guess. */
    @Test
    void w3cOfAnUnknownProducerHasNoLatency() {
        LineParser p = Parsers.forFormat(LogFormat.W3C);
        p.parse("#Fields: date time cs-method cs-uri-stem sc-status time-taken", r);
        assertThat(p.parse("2026-03-01 10:00:00 GET /a 200 250", r)).as(r.reason()).isTrue();
        assertThat(r.hasLatency()).isFalse();
        // a line before any #Fields: is rejected, saying why
        LineParser fresh = Parsers.forFormat(LogFormat.W3C);
        assertThat(fresh.parse("2026-03-01 10:00:00 GET /a 200 250", r)).isFalse();
        assertThat(r.nonAccess()).isFalse();
        assertThat(r.reason()).contains("#Fields:");
        // a line with another number of fields than #Fields: names
        assertThat(p.parse("2026-03-01 10:00:00 GET /a 200", r)).isFalse();
        assertThat(r.reason()).contains("5 fields where #Fields: names 6");
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
