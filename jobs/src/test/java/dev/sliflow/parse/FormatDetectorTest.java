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
        "crowdsec-hub/nginx-http-malformed/nginx_http-logs.log, NGINX",
        "crowdsec-hub/apache2-logs/apache2-logs.log, APACHE",
        "crowdsec-hub/aws-alb-logs/aws-alb-logs.log, ALB",
        "crowdsec-hub/haproxy-logs/haproxy-logs.log, HAPROXY",
        "crowdsec-hub/caddy-logs/caddy-logs.log, JSON",
        "crowdsec-hub/traefik_json/traefik_json.log, JSON",
        // a CRI log of 6 Envoy JSON and 4 Envoy text lines: the majority wins
        "crowdsec-hub/envoy-logs/envoy.log, JSON",
        "elastic-beats/haproxy/haproxy.log, HAPROXY",
        "elastic-beats/nginx_ingress_controller/test.log, NGINX",
    })
    void detectsFixtureFormat(String resource, LogFormat expected) {
        assertThat(FormatDetector.detect(Fixtures.lines(resource))).isEqualTo(expected);
    }

    /**
     * nginx "combined" and Apache "combined" without a latency field are the same bytes; without an
     * error-log line as a hint either answer parses them identically (the preference order says NGINX).
     */
    @ParameterizedTest
    @CsvSource({
        "crowdsec-hub/apache2-malformed/apache2-logs.log",
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
    void latencyFieldsTellNginxFromApache() {
        String combined = "1.2.3.4 - - [05/Mar/2021:09:01:38 +0100] \"GET /a HTTP/1.1\" 200 12 \"-\" \"curl\"";
        assertThat(FormatDetector.detect(List.of(combined + " 0.123", combined + " 0.004 0.003")))
                .isEqualTo(LogFormat.NGINX);
        assertThat(FormatDetector.detect(List.of(combined + " 123456", combined + " 2500000")))
                .isEqualTo(LogFormat.APACHE);
        assertThat(FormatDetector.detect(List.of(combined + " 512"))).isEqualTo(LogFormat.APACHE);
    }

    @Test
    void nothingRecognisedIsNull() {
        assertThat(FormatDetector.detect(List.of())).isNull();
        assertThat(FormatDetector.detect(List.of("", "  "))).isNull();
        assertThat(FormatDetector.detect(List.of("hello world", "2021/12/01 13:53:33 [error] 31#31: oops"))).isNull();
    }
}
