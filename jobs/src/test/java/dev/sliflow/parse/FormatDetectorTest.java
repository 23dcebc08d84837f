package dev.sliflow.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FormatDetectorTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "crowdsec-hub/nginx_http-logs/nginx_http-logs.log, NGINX",
        "crowdsec-hub/apache2-logs/apache2-logs.log, APACHE",
        "crowdsec-hub/aws-alb-logs/aws-alb-logs.log, ALB",
        "crowdsec-hub/haproxy-logs/haproxy-logs.log, HAPROXY",
        "crowdsec-hub/caddy-logs/caddy-logs.log, JSON",
        "crowdsec-hub/traefik_json/traefik_json.log, JSON",
        // a CRI log of 6 Envoy JSON and 4 Envoy text lines: the majority wins
        "crowdsec-hub/envoy-logs/envoy.log, JSON",
        "elastic-beats/haproxy/haproxy.log, HAPROXY",
        "elastic-beats/nginx_ingress_controller/test.log, NGINX",
        // W3C extended: 12 directive lines (no requests: neither for nor against) and 5 IIS requests
        "elastic-beats/iis/test.log, W3C",
        "sliflow-cloudfront/access.log, W3C",
    })
    void detectsFixtureFormat(String resource, LogFormat expected) {
        assertThat(FormatDetector.detect(Fixtures.lines(resource))).isEqualTo(expected);
    }

    /**
     * nginx "combined" and Apache "combined" without a latency field are the same bytes; without an
     * error-log line as a hint either answer parses them identically (the preference order says NGINX).
     */
    /**
     * CrowdSec's malformed-line tests: no line parses in full, so no format clearly fits and auto refuses the
     * file (a run stops before its job); declared with --format, each line is a reject with its reason.
     */
    @ParameterizedTest
    @CsvSource({
        "crowdsec-hub/nginx-http-malformed/nginx_http-logs.log",
        "crowdsec-hub/apache2-malformed/apache2-logs.log",
    })
    void filesOfOnlyMalformedLinesFitNoFormat(String resource) {
        FormatDetector.Detection d = FormatDetector.examine(Fixtures.lines(resource), ParserOptions.defaults());
        assertThat(d.format()).isNull();
        assertThat(d.parsed().values()).containsOnly(0);
        assertThat(d.sampleLines()).isGreaterThan(5);
    }

    @ParameterizedTest
    @CsvSource({
        "elastic-beats/nginx_access/test.log",
        "elastic-examples/apache_logs_first200",
    })
    void combinedWithoutLatencyIsNginxOrApache(String resource) {
        assertThat(FormatDetector.detect(Fixtures.lines(resource))).isIn(LogFormat.NGINX, LogFormat.APACHE);
    }

    @Test
    void envoyTextLines() {
        List<String> text = Fixtures.lines("crowdsec-hub/envoy-logs/envoy.log").stream()
                .filter(l -> !l.contains(" F {")).collect(Collectors.toList());
        assertThat(text).hasSize(4);
        assertThat(FormatDetector.detect(text)).isEqualTo(LogFormat.ENVOY);
    }

    @Test
    void latencyFieldsTellNginxFromApacheButATrailingIntegerIsNeverGuessedToBeD() {
        String combined = "1.2.3.4 - - [05/Mar/2021:09:01:38 +0100] \"GET /a HTTP/1.1\" 200 12 \"-\" \"curl\"";
        assertThat(FormatDetector.detect(List.of(combined + " 0.123", combined + " 0.004 0.003")))
                .isEqualTo(LogFormat.NGINX);
        // %D, %T, $request_length or a request counter: the same bytes; auto refuses and says why
        for (List<String> lines : List.of(List.of(combined + " 123456", combined + " 2500000"), List.of(combined + " 512"))) {
            FormatDetector.Detection d = FormatDetector.examine(lines, ParserOptions.defaults());
            assertThat(d.format()).isNull();
            assertThat(d.refusal()).contains("%D", "does not guess a latency");
            assertThat(d.parsed()).containsEntry(LogFormat.APACHE, lines.size());
        }
        // plain combined lines read as Apache (its error lines say so) carry no latency: no guess, Apache fits
        assertThat(FormatDetector.detect(List.of(combined, "[Thu Oct 13 12:24:49.880562 2022] [core:error] [pid 1] x")))
                .isEqualTo(LogFormat.APACHE);
    }

    /**
     * Layouts from the field that auto used to read as Apache, a request counter or a length taken for %D: Traefik's
     * CLF is now a format of its own; a custom nginx layout and a TSV fit none.
     */
    @Test
    void traefikClfIsTraefikACustomNginxLayoutAndATsvFitNoFormat() {
        List<String> traefik = List.of(
                "192.168.1.10 - - [10/Oct/2023:13:55:36 +0000] \"GET /birthday HTTP/2\" 200 352 \"-\" \"Nikto\" 244"
                        + " \"test@docker -> leaf@docker\" \"http://172.17.0.3:80\" 42ms",
                "192.168.1.10 - - [10/Oct/2023:13:55:37 +0000] \"GET /api/x HTTP/1.1\" 404 19 \"-\" \"curl/8.0\" 245"
                        + " \"api@docker\" \"http://172.17.0.4:8080\" 3ms");
        List<String> nginxCustom = List.of(
                "10.0.0.1:443 203.0.113.5 - [10/Oct/2023:13:55:36 +0000] \"GET /api/items HTTP/1.1\" 200 512 734 0.247 0.245"
                        + " https shop.example.com",
                "10.0.0.1:443 - - [10/Oct/2023:13:55:37 +0000] \"POST /api/cart HTTP/1.1\" 201 88 1020 0.031 0.030 https"
                        + " shop.example.com");
        List<String> tsv = List.of("ts\tmetric\tvalue", "2026-03-01T00:00:00Z\tcpu\t0.5");
        FormatDetector.Detection t = FormatDetector.examine(traefik, ParserOptions.defaults());
        assertThat(t.format()).isEqualTo(LogFormat.TRAEFIK);
        assertThat(t.parsed()).containsEntry(LogFormat.TRAEFIK, 2).containsEntry(LogFormat.APACHE, 0)
                .containsEntry(LogFormat.NGINX, 0);
        for (List<String> lines : List.of(nginxCustom, tsv)) {
            FormatDetector.Detection d = FormatDetector.examine(lines, ParserOptions.defaults());
            assertThat(d.format()).as(lines.get(0)).isNull();
            assertThat(d.parsed().values()).as("no format parsed a line in full").containsOnly(0);
            assertThat(d.tried()).contains("nginx 0/" + lines.size(), "apache 0/" + lines.size());
        }
    }

    @Test
    void nothingRecognisedIsNull() {
        assertThat(FormatDetector.detect(List.of())).isNull();
        assertThat(FormatDetector.detect(List.of("", "  "))).isNull();
        assertThat(FormatDetector.detect(List.of("hello world", "2021/12/01 13:53:33 [error] 31#31: oops"))).isNull();
    }
}
