package dev.sliflow.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sliflow.config.ConfigException;
import dev.sliflow.config.YamlNode;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class CatalogLoaderTest {
    static final String GOOD = String.join("\n",
            "defaults:",
            "  bad_status: [\"5xx\", 429]",
            "  latency_thresholds_ms: [100, 250, 500, 1000]",
            "journeys:",
            "  - name: checkout",
            "    match: {method: POST, path: /api/v1/checkout}",
            "  - name: product",
            "    match: {method: GET, path: \"/products/{id}\"}",
            "  - name: search",
            "    match: {method: GET, path: /api/v1/search}",
            "    latency_thresholds_ms: [300]",
            "  - name: admin",
            "    match: {regex: \"^/admin/.*$\", host: \"admin\\\\..*\"}",
            "exclude:",
            "  - {path: /healthz}",
            "  - {path: \"/static/**\"}",
            "");

    static JourneyCatalog parse(String yaml) {
        return CatalogLoader.fromYaml(YamlNode.parse("journeys.yaml", new StringReader(yaml)));
    }

    @Test
    void firstMatchWinsExcludesAndUnmatched() {
        JourneyCatalog c = parse(GOOD);
        assertThat(c.match("POST", null, "/api/v1/checkout")).isEqualTo(0);
        assertThat(c.match("GET", null, "/api/v1/checkout")).isEqualTo(JourneyCatalog.UNMATCHED);
        assertThat(c.match("GET", null, "/products/42")).isEqualTo(1);
        assertThat(c.match("GET", null, "/products/42/reviews")).isEqualTo(JourneyCatalog.UNMATCHED);
        assertThat(c.match("GET", null, "/products/")).isEqualTo(JourneyCatalog.UNMATCHED);
        assertThat(c.match("GET", null, "/healthz")).isEqualTo(JourneyCatalog.EXCLUDED);
        assertThat(c.match("GET", null, "/static/css/app.css")).isEqualTo(JourneyCatalog.EXCLUDED);
        assertThat(c.match("GET", "admin.example.com", "/admin/users")).isEqualTo(3);
        assertThat(c.match("GET", "www.example.com", "/admin/users")).isEqualTo(JourneyCatalog.UNMATCHED);
        assertThat(c.journey(2).thresholdsMs()).containsExactly(300);
        assertThat(c.journey(0).thresholdsMs()).containsExactly(100, 250, 500, 1000);
        assertThat(c.journey(0).badStatus().isBad(429)).isTrue();
        assertThat(c.journey(0).badStatus().isBad(503)).isTrue();
        assertThat(c.journey(0).badStatus().isBad(404)).isFalse();
    }

    private static void assertFails(String yaml, int line, String field, String text) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> {
                    ConfigException ce = (ConfigException) e;
                    assertThat(ce.file()).isEqualTo("journeys.yaml");
                    assertThat(ce.line()).isEqualTo(line);
                    assertThat(ce.field()).isEqualTo(field);
                })
                .hasMessageContaining(text)
                .hasMessageStartingWith("journeys.yaml:" + line + ": " + field + ": ");
    }

    /** formats: gives files a format by glob, first match wins; its mistakes name file, line and field. */
    @Test
    void formatsByPathGlob() {
        String yaml = GOOD + "formats:\n  - {path: \"iis/**\", format: w3c}\n"
                + "  - {path: \"**/edge-*.log*\", format: 'nginx:$remote_addr [$time_local] \"$request\" $status $upstream_response_time',"
                + " latency_field: $upstream_response_time}\n  - {path: \"*.json\", format: auto}\n";
        JourneyCatalog c = parse(yaml);
        assertThat(c.formatFor("/var/log/iis/W3SVC1/u_ex260301.log").spec().format()).isEqualTo(dev.sliflow.parse.LogFormat.W3C);
        assertThat(c.formatFor("file:/srv/logs/edge-1.log.gz").spec().format()).isEqualTo(dev.sliflow.parse.LogFormat.DECLARED);
        assertThat(c.formatFor("edge-2.log").spec().options().declared().latencyField()).isEqualTo("$upstream_response_time");
        assertThat(c.formatFor("/logs/app.json").spec().format()).isEqualTo(dev.sliflow.parse.LogFormat.AUTO);
        assertThat(c.formatFor("/logs/sub/app.json")).as("* stays within a folder, matched from a folder boundary")
                .isNotNull();
        assertThat(c.formatFor("/var/log/notiis/u_ex.log")).as("iis/** starts at a folder boundary").isNull();
        assertThat(c.formatFor("/var/log/nginx/access.log")).isNull();
        int line = (int) GOOD.lines().count() + 2; // the first rule's line
        assertFails(yaml.replace("format: w3c", "format: w3cc"), line, "formats[0].format", "unknown log format 'w3cc'");
        assertFails(yaml.replace("format: w3c}", "format: w3c, latency_field: $request_time}"), line,
                "formats[0].latency_field", "a latency field needs a declared format");
        assertFails(yaml.replace("path: \"iis/**\"", "path: \"/var/log/iis/**\""), line, "formats[0].path", "without a leading /");
    }

    @Test
    void unknownFieldNamesFileLineAndField() {
        assertFails(GOOD.replace("    latency_thresholds_ms: [300]", "    latency_treshold_ms: [300]"),
                11, "journeys[2].latency_treshold_ms", "unknown field");
    }

    @Test
    void badRegex() {
        assertFails(GOOD.replace("^/admin/.*$", "^/admin/(.*$"), 13, "journeys[3].match.regex", "invalid regex");
    }

    @Test
    void duplicateJourney() {
        assertFails(GOOD.replace("name: search", "name: checkout"), 9, "journeys[2].name", "duplicate journey 'checkout'");
    }

    @Test
    void thresholdMustBePositive() {
        assertFails(GOOD.replace("[300]", "[0]"), 11, "journeys[2].latency_thresholds_ms[0]", "must be > 0");
        assertFails(GOOD.replace("[100, 250, 500, 1000]", "[100, -5]"), 3, "defaults.latency_thresholds_ms[1]", "must be > 0");
    }

    @Test
    void otherMistakes() {
        assertFails(GOOD.replace("bad_status: [\"5xx\", 429]", "bad_status: [\"5xx\", 42]"), 2, "defaults.bad_status",
                "outside 100..599");
        assertFails(GOOD.replace("method: POST", "method: FETCH"), 6, "journeys[0].match.method", "unknown HTTP method");
        assertFails(GOOD.replace("path: /api/v1/search}", "path: \"/api/v1/search?q=x\"}"), 10, "journeys[2].match.path",
                "query string");
        assertFails(GOOD.replace("\"/static/**\"", "\"/static/**/x\""), 16, "exclude[1].path", "'**' may only be the last");
        assertFails("journeys: []\n", 1, "journeys", "at least one journey");
        assertFails("journeys:\n  - name: a\n    match: {method: GET, path: /a}\n  bogus: 1\n", 4, "(syntax)", "");
    }

    @Test
    void regionRules() {
        JourneyCatalog c = parse(GOOD + "region: {from: file, pattern: \"logs/{region}/**\"}\n");
        assertThat(c.region().forFile("/data/logs/eu-west-1/nginx/a.log.gz")).isEqualTo("eu-west-1");
        assertThat(c.region().forFile("/data/other/a.log")).isEmpty();
        JourneyCatalog h = parse(GOOD + "region: {from: host, pattern: \"^(?<region>[a-z]+)\\\\.\"}\n");
        assertThat(h.region().forValue("eu.shop.example.com")).isEqualTo("eu");
        assertFails(GOOD + "region: {from: moon}\n", 17, "region.from", "unknown region source");
    }

    @Test
    void maxRegionsDefaultsTo100AndIsValidated() {
        assertThat(parse(GOOD + "region: {from: host}\n").region().maxRegions())
                .isEqualTo(RegionRule.DEFAULT_MAX_REGIONS).isEqualTo(100);
        assertThat(parse(GOOD).region().maxRegions()).isEqualTo(100);
        assertThat(parse(GOOD + "region: {from: origin, max_regions: 1000}\n").region().maxRegions()).isEqualTo(1000);
        assertThat(parse(GOOD + "region:\n  from: file\n  pattern: \"logs/{region}/**\"\n  max_regions: 7\n")
                .region().maxRegions()).isEqualTo(7);
        assertFails(GOOD + "region:\n  from: host\n  max_regions: 0\n", 19, "region.max_regions", "must be in 1..1000");
        assertFails(GOOD + "region: {from: host, max_regions: 1001}\n", 17, "region.max_regions", "must be in 1..1000");
        assertFails(GOOD + "region: {from: host, max_regions: -5}\n", 17, "region.max_regions", "must be in 1..1000");
        assertFails(GOOD + "region: {from: host, max_regions: many}\n", 17, "region.max_regions", "expected a whole number");
        assertFails(GOOD + "region: {from: host, max_region: 5}\n", 17, "region.max_region", "max_region");
    }

    /** Journey names end up in tables and OpenSLO file names: nothing that could name a path elsewhere loads. */
    @Test
    void journeyNamesThatCouldEscapeAFolderAreRejected() {
        for (String bad : new String[] {"../etc", "..", ".hidden", "a/b", "/abs", "a\\\\b", "C:x", "a\\u0000b", "x".repeat(65),
                "-flag", "a b", "caf\u00e9"}) {
            String yaml = "journeys:\n  - name: \"" + bad + "\"\n    match: {path: /a}\n";
            assertFails(yaml, 2, "journeys[0].name", "is not a valid journey name (letters, digits, '_', '.', '-'; 1-64 chars)");
        }
        assertThat(parse("journeys:\n  - name: " + "a".repeat(64) + "\n    match: {path: /a}\n").journey(0).name())
                .hasSize(64);
    }

    @Test
    void atMostAThousandJourneys() {
        StringBuilder y = new StringBuilder("journeys:\n");
        for (int i = 0; i <= CatalogLoader.MAX_JOURNEYS; i++) {
            y.append("  - {name: j").append(i).append(", match: {path: /j").append(i).append("}}\n");
        }
        assertFails(y.toString(), 2, "journeys", "1001 journeys; at most 1000 are supported");
    }
}
