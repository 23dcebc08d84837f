package dev.sliflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.config.YamlNode;
import dev.sliflow.journey.CatalogLoader;
import dev.sliflow.journey.JourneyCatalog;
import dev.sliflow.parse.LogFormat;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Latencies at a threshold are compared exactly, from the log's text (issue 27, item 10): a request
 * whose latency equals the threshold is good, one a microsecond (or less) above it is not, however
 * the format writes or sums its timings. Through {@link IngestCore}: what {@code good_latency} says.
 */
class ExactLatencyTest {
    static JourneyCatalog catalog(String thresholds) {
        return CatalogLoader.fromYaml(YamlNode.parse("j.yaml", new StringReader(String.join("\n",
                "defaults: {latency_thresholds_ms: [" + thresholds + "]}",
                "journeys: [{name: x, match: {path: /x}}]", ""))));
    }

    /** Sums over every partial: {total, goodLatency[0], goodLatency[1], ...}. */
    static long[] run(LogFormat format, String thresholds, List<String> lines, boolean asBytes) {
        IngestCoreTest.Collect c = new IngestCoreTest.Collect();
        IngestCore core = new IngestCore(catalog(thresholds), format, DateRange.all(), 65536, c);
        long no = 0;
        for (String l : lines) {
            if (asBytes) {
                byte[] b = l.getBytes(StandardCharsets.UTF_8);
                core.line("f", 0, ++no, b, 0, b.length);
            } else {
                core.line("f", 0, ++no, l);
            }
        }
        core.finishAll();
        assertThat(c.rejects).as("no line rejected").isEmpty();
        int n = thresholds.split(",").length;
        long[] sum = new long[1 + n];
        for (SliPartial p : c.partials) {
            sum[0] += p.total;
            for (int i = 0; i < n; i++) {
                sum[1 + i] += p.goodLatency[i];
            }
        }
        return sum;
    }

    static final String ALB = "https 2023-04-26T19:53:46.679895Z app/my-lb/490d 192.168.1.13:44740 10.0.0.1:80 %s %s %s 200 200 167"
            + " 2 \"GET https://api.example.com:443/x?y HTTP/1.1\" \"ua\" - - arn \"Root=1\" \"-\" \"-\" 0"
            + " 2023-04-26T19:53:46.678000Z \"forward\"";

    static String secs(int ms) {
        return String.format(Locale.ROOT, "%d.%03d", ms / 1000, ms % 1000);
    }

    /**
     * Every way to split 300 ms into ALB's request, target and response processing times at 1 ms
     * steps (45,451 lines), and every split in two with the third time -1 (not dispatched): all are
     * within a 300 ms threshold. Summed as doubles, 0.019 + 0.281 s made 300.00000000000006 ms.
     */
    @Test
    void albTimingsSummingToTheThresholdAreWithinIt() {
        List<String> lines = new ArrayList<>();
        for (int a = 0; a <= 300; a++) {
            for (int b = 0; a + b <= 300; b++) {
                lines.add(String.format(ALB, secs(a), secs(b), secs(300 - a - b)));
            }
            lines.add(String.format(ALB, secs(a), secs(300 - a), "-1"));
            lines.add(String.format(ALB, secs(a), "-1", secs(300 - a)));
            lines.add(String.format(ALB, "-1", secs(a), secs(300 - a)));
        }
        long[] s = run(LogFormat.ALB, "300", lines, false);
        assertThat(s[0]).isEqualTo(lines.size());
        assertThat(s[1]).as("requests of exactly 300 ms within 300 ms").isEqualTo(lines.size());
    }

    /** A microsecond above the threshold is above it, whichever field holds it. */
    @Test
    void albOneMicrosecondAboveTheThresholdIsSlow() {
        List<String> lines = List.of(
                String.format(ALB, "0.100", "0.200", "0.000001"),
                String.format(ALB, "0.000001", "0.300", "-1"),
                String.format(ALB, "0.150001", "0.150", "0.000"),
                String.format(ALB, "0.100", "0.200", "0.000")); // the only one within
        assertThat(run(LogFormat.ALB, "300", lines, false)).containsExactly(4, 1);
    }

    static String nginx(String trailer) {
        return "203.0.113.9 - - [01/Mar/2026:10:00:00 +0000] \"GET /x HTTP/1.1\" 200 10 \"-\" \"curl/8\" " + trailer;
    }

    /**
     * nginx's {@code $upstream_response_time} lists (", " between tries, " : " between upstream groups)
     * summing to 300 ms: within a 300 ms threshold.
     */
    @Test
    void nginxUpstreamListsSummingToTheThresholdAreWithinIt() {
        List<String> lines = new ArrayList<>();
        for (int a = 0; a <= 300; a++) {
            lines.add(nginx("- " + secs(a) + ", " + secs(300 - a)));
            lines.add(nginx("- " + secs(a) + " : " + secs(300 - a)));
            int b = (300 - a) / 2;
            lines.add(nginx("- " + secs(a) + ", " + secs(b) + " : " + secs(300 - a - b)));
            lines.add(nginx("- " + secs(a) + ", - : " + secs(300 - a)));
        }
        lines.add(nginx("- 0.100, 0.150 : 0.050001")); // 300.001 ms
        for (boolean bytes : new boolean[] {false, true}) {
            long[] s = run(LogFormat.NGINX, "300", lines, bytes);
            assertThat(s[0]).isEqualTo(lines.size());
            assertThat(s[1]).as("all but the one at 300.001 ms").isEqualTo(lines.size() - 1);
        }
    }

    /**
     * A single {@code $request_time} at the threshold is within it, on the byte fast path and the
     * string path; above it by a microsecond or by less than a nanosecond (digits a double drops:
     * 0.30000000000000000001 s read as a double is 0.3 s) it is not.
     */
    @Test
    void nginxRequestTimeAtTheThreshold() {
        List<String> lines = new ArrayList<>();
        for (String t : new String[] {"0.300", "0.3", "0.300000000"}) {
            lines.add(nginx(t));           // the byte fast path's token
            lines.add(nginx(t + " " + t)); // request_time then upstream time
            lines.add(nginx("- " + t));    // upstream time only
        }
        String[] above = {"0.300001", "0.3000001", "0.30000000000000000001"};
        for (String t : above) {
            lines.add(nginx(t));
            lines.add(nginx("- " + t));
        }
        for (boolean bytes : new boolean[] {false, true}) {
            long[] s = run(LogFormat.NGINX, "300, 301", lines, bytes);
            assertThat(s[0]).isEqualTo(lines.size());
            assertThat(s[1]).as("within 300 ms").isEqualTo(9);
            assertThat(s[2]).as("within 301 ms").isEqualTo(lines.size());
        }
    }

    /** Apache's %D (µs), Envoy's DURATION and HAProxy's Tt (ms): at the threshold, and just above. */
    @Test
    void integerFormatsAtTheThreshold() {
        String apache = "203.0.113.9 - - [01/Mar/2026:10:00:00 +0000] \"GET /x HTTP/1.1\" 200 10 \"-\" \"curl/8\" ";
        assertThat(run(LogFormat.APACHE, "300", List.of(apache + "300000", apache + "300001", apache + "299999"), false))
                .containsExactly(3, 2);
        String envoy = "[2016-04-15T20:17:00.310Z] \"GET /x HTTP/2\" 200 - 154 0 %s 100 \"10.0.35.28\" "
                + "\"nsq2http\" \"cc21d9b0\" \"locations\" \"tcp://10.0.2.1:80\"";
        assertThat(run(LogFormat.ENVOY, "300", List.of(String.format(envoy, "300"), String.format(envoy, "301")), false))
                .containsExactly(2, 1);
        String haproxy = "10.0.1.2:33317 [06/Feb/2009:12:12:51.443] fnt bck/srv1 0/0/1/0/%s 200 187 - - ---- "
                + "0/0/0/0/0 0/0 \"GET /x HTTP/1.1\"";
        assertThat(run(LogFormat.HAPROXY, "300", List.of(String.format(haproxy, "300"), String.format(haproxy, "+301")), false))
                .containsExactly(2, 1);
    }

    /**
     * JSON durations in seconds (Caddy, with nanosecond digits), nanoseconds (Traefik) and
     * milliseconds (Envoy JSON): at the threshold within, a nanosecond above not.
     */
    @Test
    void jsonDurationsAtTheThreshold() {
        String caddy = "{\"ts\":1693840791.75,\"request\":{\"method\":\"GET\",\"host\":\"h\",\"uri\":\"/x\"},"
                + "\"duration\":%s,\"status\":200}";
        List<String> caddyLines = new ArrayList<>();
        for (int ms = 0; ms <= 300; ms++) {
            caddyLines.add(String.format(caddy, secs(ms)));
        }
        caddyLines.add(String.format(caddy, "0.300000001"));
        caddyLines.add(String.format(caddy, "3.00000001e-1"));
        caddyLines.add(String.format(caddy, "0.30000000000000001")); // a double reads 0.3
        caddyLines.add(String.format(caddy, "3e-1"));
        assertThat(run(LogFormat.JSON, "300", caddyLines, false)).containsExactly(caddyLines.size(), caddyLines.size() - 3);

        String traefik = "{\"DownstreamStatus\":200,\"Duration\":%s,\"RequestMethod\":\"GET\",\"RequestPath\":\"/x\","
                + "\"time\":\"2026-01-08T15:20:00+01:00\"}";
        List<String> traefikLines = new ArrayList<>();
        for (int ms = 0; ms <= 300; ms++) {
            traefikLines.add(String.format(traefik, ms * 1_000_000L));
        }
        traefikLines.add(String.format(traefik, "300000001"));
        assertThat(run(LogFormat.JSON, "300", traefikLines, false))
                .containsExactly(traefikLines.size(), traefikLines.size() - 1);

        String envoy = "{\"start_time\":\"2026-01-08T15:20:00Z\",\"method\":\"GET\",\"path\":\"/x\",\"response_code\":200,"
                + "\"duration\":%s}";
        assertThat(run(LogFormat.JSON, "300", List.of(String.format(envoy, "300"), String.format(envoy, "300.0"),
                String.format(envoy, "300.000001")), false)).containsExactly(3, 2);
    }
}
