package dev.sliflow.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random garbage, binary, mutated real lines and very long lines: no parser may throw or hit
 * its {@code parser_error} safety net, and anything it accepts must be well-formed.
 */
class RobustnessTest {
    private static final int LINES = 100_000;

    private static final List<String> SEEDS = new ArrayList<>();

    static {
        for (String f : List.of("crowdsec-hub/nginx_http-logs/nginx_http-logs.log",
                "crowdsec-hub/aws-alb-logs/aws-alb-logs.log", "crowdsec-hub/envoy-logs/envoy.log",
                "crowdsec-hub/haproxy-logs/haproxy-logs.log", "crowdsec-hub/caddy-logs/caddy-logs.log",
                "crowdsec-hub/traefik_json/traefik_json.log", "elastic-beats/haproxy/haproxy.log",
                "elastic-beats/nginx_ingress_controller/test.log", "crowdsec-hub/apache2-logs/apache2-logs.log",
                "sliflow-traefik-clf/access.log", "elastic-beats/iis/test.log", "sliflow-cloudfront/access.log")) {
            SEEDS.addAll(Fixtures.nonEmptyLines(f));
        }
    }

    @ParameterizedTest
    @EnumSource(value = LogFormat.class, names = {"AUTO", "DECLARED"}, mode = EnumSource.Mode.EXCLUDE)
    void randomAndMutatedLinesNeverThrow(LogFormat format) {
        neverThrows(Parsers.forFormat(format), 42 + format.ordinal());
    }

    /** Declared layouts that the built-in parsers do not take over: the declared parser reads them. */
    @ParameterizedTest
    @ValueSource(strings = {
        "nginx:$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\""
                + " \"$http_user_agent\"",
        DeclaredParserTest.INGRESS_NGINX,
        "apache:%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\"",
    })
    void declaredLayoutsNeverThrow(String declaration) {
        LineParser p = Parsers.forFormat(LogFormat.DECLARED,
                ParserOptions.defaults().withDeclared(DeclaredFormat.parse(declaration, null)));
        assertThat(p).isInstanceOf(DeclaredParser.class);
        neverThrows(p, declaration.hashCode());
    }

    private static void neverThrows(LineParser p, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ParseResult r = new ParseResult();
        int accepted = 0;
        for (int i = 0; i < LINES; i++) {
            String line = line(rnd, i);
            boolean ok = p.parse(line, r);
            assertThat(r.reasonCode()).as("line %d: %s", i, line).isNotEqualTo(RejectReason.PARSER_ERROR);
            assertThat(ok).isEqualTo(r.ok());
            if (ok) {
                accepted++;
                assertThat(r.method).isNotNull();
                assertThat(r.path).isNotNull().doesNotContain("?");
                assertThat(r.status).isBetween(100, 599);
                assertThat(r.epochMillis).isNotEqualTo(Timestamps.INVALID);
                if (r.hasLatency()) {
                    assertThat(r.latencyUs).isBetween(0L, 86_400_000_000L);
                }
            } else {
                assertThat(r.reasonCode()).matches("[a-z_]+");
            }
        }
        assertThat(accepted).as("mutations keep some lines valid").isPositive();
    }

    private static String line(SplittableRandom rnd, int i) {
        switch (i % 6) {
            case 0: { // random bytes as ISO-8859-1, including NULs and control characters
                char[] c = new char[rnd.nextInt(300)];
                for (int k = 0; k < c.length; k++) {
                    c[k] = (char) rnd.nextInt(256);
                }
                return new String(c);
            }
            case 1: { // random UTF-16, including lone surrogates
                char[] c = new char[rnd.nextInt(200)];
                for (int k = 0; k < c.length; k++) {
                    c[k] = (char) rnd.nextInt(65536);
                }
                return new String(c);
            }
            case 2: { // truncated real line
                String t = seed(rnd);
                return t.substring(0, rnd.nextInt(t.length() + 1));
            }
            case 3: { // real line with random single-character edits
                StringBuilder sb = new StringBuilder(seed(rnd));
                int edits = 1 + rnd.nextInt(4);
                for (int k = 0; k < edits && sb.length() > 0; k++) {
                    int at = rnd.nextInt(sb.length());
                    String palette = " \"[]{}/:-.,0123456789\\\u0000x";
                    char c = palette.charAt(rnd.nextInt(palette.length()));
                    switch (rnd.nextInt(3)) {
                        case 0:
                            sb.setCharAt(at, c);
                            break;
                        case 1:
                            sb.insert(at, c);
                            break;
                        default:
                            sb.deleteCharAt(at);
                    }
                }
                return sb.toString();
            }
            case 4: // real line, unchanged (must parse in its own format, be rejected cleanly in others)
                return seed(rnd);
            default: { // long lines: a real prefix then a long tail, sometimes over the limit
                String s = seed(rnd);
                int extra = rnd.nextInt(10) == 0 ? 70_000 : rnd.nextInt(5_000);
                return s + " " + "9".repeat(extra) + (rnd.nextBoolean() ? "\"" : "");
            }
        }
    }

    private static String seed(SplittableRandom rnd) {
        return SEEDS.get(rnd.nextInt(SEEDS.size()));
    }

    @ParameterizedTest
    @EnumSource(value = LogFormat.class, names = {"AUTO", "DECLARED"}, mode = EnumSource.Mode.EXCLUDE)
    void hugeLinesAreRejectedCheaply(LogFormat format) {
        LineParser p = Parsers.forFormat(format);
        ParseResult r = new ParseResult();
        String huge = "{\"a\":\"" + "x".repeat(10_000_000) + "\"}";
        assertThat(p.parse(huge, r)).isFalse();
        assertThat(r.reasonCode()).isEqualTo(RejectReason.LINE_TOO_LONG);
        char[] nul = new char[60_000];
        assertThat(p.parse(new String(nul), r)).isFalse();
        assertThat(r.reasonCode()).isEqualTo(RejectReason.EMPTY_LINE);
        String deep = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
        p.parse(deep, r);
        assertThat(r.reasonCode()).isNotEqualTo(RejectReason.PARSER_ERROR);
    }
}
