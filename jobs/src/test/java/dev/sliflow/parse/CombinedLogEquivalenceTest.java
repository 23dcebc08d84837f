package dev.sliflow.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The optimised nginx and Apache parsers give exactly what the pre-optimisation implementation
 * ({@code dev.sliflow.parse.reference}, copied at commit f196bf7) gives: the returned boolean and every
 * field of {@link ParseResult}, reject reason code and detail included. One parser instance of each
 * implementation reads every line of a test in order, as an ingest subtask does, so that a per-parser
 * cache (the last timestamp's minute) sees the same sequences as in production: files in order,
 * lines of one minute after another, a zone change, an invalid line after valid ones.
 * Other seeds or sizes: {@code -Dsliflow.parse.seed=7 -Dsliflow.parse.cases=2000000}.
 */
class CombinedLogEquivalenceTest {
    static final long SEED = Long.getLong("sliflow.parse.seed", 20260415L);
    /** Lines of each of the seeded tests (mutated, timestamp runs, composed). */
    static final int CASES = Integer.getInteger("sliflow.parse.cases", 150_000);

    /**
     * Each format's current and reference parser, fed the same lines in the same order; and for
     * nginx the way ingest reads a file's bytes: the byte fast path ({@link LineParser#parsePlain}),
     * the decoded line through {@link LineParser#parse} when it declines, against the reference on
     * the decoded line.
     */
    static final class Pairs {
        final Pair nginx = new Pair(Parsers.forFormat(LogFormat.NGINX), new dev.sliflow.parse.reference.NginxParser());
        final Pair apache = new Pair(Parsers.forFormat(LogFormat.APACHE), new dev.sliflow.parse.reference.ApacheParser());
        final BytePair nginxBytes = new BytePair(Parsers.forFormat(LogFormat.NGINX), new dev.sliflow.parse.reference.NginxParser());

        void feed(String line) {
            nginx.feed(line);
            apache.feed(line);
            if (line != null) {
                nginxBytes.feed(line.getBytes(StandardCharsets.UTF_8));
            }
        }

        void assertSame(int minLines) {
            nginx.assertSame("nginx", minLines);
            apache.assertSame("apache", minLines);
            nginxBytes.assertSame("nginx bytes", 0);
        }
    }

    /** A parser reading lines as ingest does from bytes, and the reference on the decoded lines. */
    static final class BytePair {
        final Pair pair;
        /** Lines the fast path accepted (the others went to the string path). */
        int fast;

        BytePair(LineParser current, LineParser reference) {
            this.pair = new Pair(current, reference);
        }

        /** The line as bytes {@code b[1, b.length - 1)}: the fast path must respect the region's bounds. */
        void feed(byte[] line) {
            byte[] b = new byte[line.length + 2];
            b[0] = '"';
            b[b.length - 1] = '"';
            System.arraycopy(line, 0, b, 1, line.length);
            String decoded = new String(line, StandardCharsets.UTF_8);
            boolean w = pair.reference.parse(decoded, pair.want);
            boolean g = pair.current.parsePlain(b, 1, b.length - 1, pair.got);
            if (g) {
                fast++;
            } else {
                g = pair.current.parse(decoded, pair.got);
            }
            pair.record(decoded, w, g);
        }

        void assertSame(String name, int minLines) {
            pair.assertSame(name, minLines);
        }
    }

    static final class Pair {
        final LineParser current;
        final LineParser reference;
        final ParseResult got = new ParseResult();
        final ParseResult want = new ParseResult();
        final List<String> diffs = new ArrayList<>();
        int lines;
        int accepted;
        int different;

        Pair(LineParser current, LineParser reference) {
            this.current = current;
            this.reference = reference;
        }

        void feed(String line) {
            boolean w = reference.parse(line, want);
            boolean g = current.parse(line, got);
            record(line, w, g);
        }

        void record(String line, boolean w, boolean g) {
            lines++;
            if (w) {
                accepted++;
            }
            String d = difference(w, want, g, got);
            if (d != null && different++ < 10) {
                diffs.add("line #" + lines + " " + escape(line) + "\n  " + d);
            }
        }

        void assertSame(String name, int minLines) {
            assertThat(different).as(name + ": " + different + " of " + lines + " lines differ, e.g.\n"
                    + String.join("\n", diffs)).isZero();
            assertThat(lines).as(name + " lines compared").isGreaterThanOrEqualTo(minLines);
            assertThat(accepted).as(name + " lines accepted").isPositive().isLessThanOrEqualTo(lines);
        }
    }

    /** Null when both outcomes are equal in every field, else what differs. */
    static String difference(boolean w, ParseResult want, boolean g, ParseResult got) {
        List<String> d = new ArrayList<>();
        check(d, "returned", w, g);
        check(d, "ok", want.ok(), got.ok());
        check(d, "reasonCode", want.reasonCode(), got.reasonCode());
        check(d, "reasonDetail", want.reasonDetail(), got.reasonDetail());
        check(d, "reason", want.reason(), got.reason());
        check(d, "epochMillis", want.epochMillis, got.epochMillis);
        check(d, "method", want.method, got.method);
        check(d, "path", want.path, got.path);
        check(d, "host", want.host, got.host);
        check(d, "origin", want.origin, got.origin);
        check(d, "status", want.status, got.status);
        check(d, "latencyUs", want.latencyUs, got.latencyUs);
        check(d, "hasLatency", want.hasLatency(), got.hasLatency());
        return d.isEmpty() ? null : String.join("; ", d);
    }

    private static void check(List<String> d, String field, Object want, Object got) {
        if (!Objects.equals(want, got)) {
            d.add(field + ": expected " + want + " but was " + got);
        }
    }

    @Test
    void sameResultsOnGeneratedAndSampleLinesInFileOrder() {
        Pairs p = new Pairs();
        // the committed sample (UTC), then generated days with zones and garbage lines, nginx and Apache
        CombinedLogCorpus.sample().forEach(p::feed);
        CombinedLogCorpus.generated(LogFormat.NGINX, 40_000, 0.5, SEED).forEach(p::feed);
        CombinedLogCorpus.generated(LogFormat.APACHE, 20_000, 0.0, SEED + 1).forEach(p::feed);
        p.assertSame(150_000);
        // nginx rejects the Apache lines (their %D is no request_time) and Apache the nginx ones
        assertThat(p.nginx.accepted).as("nginx lines accepted").isGreaterThan(120_000);
        assertThat(p.apache.accepted).as("Apache lines accepted").isGreaterThan(15_000);
        // the byte fast path reads nearly every accepted nginx line (those with a vhost or odd fields go the string way)
        assertThat(p.nginxBytes.fast).as("nginx lines the byte fast path accepted")
                .isGreaterThan(p.nginxBytes.pair.accepted * 9 / 10).isLessThanOrEqualTo(p.nginxBytes.pair.accepted);
    }

    @Test
    void sameResultsOnLinesWithBytesMutated() {
        // invalid UTF-8 (lone continuation bytes, cut sequences), delimiters and controls anywhere
        BytePair p = new BytePair(Parsers.forFormat(LogFormat.NGINX), new dev.sliflow.parse.reference.NginxParser());
        List<String> real = realLines();
        SplittableRandom rnd = new SplittableRandom(SEED + 6);
        byte[] odd = {(byte) 0x80, (byte) 0xbf, (byte) 0xc3, (byte) 0xe2, (byte) 0xf0, (byte) 0xff, 0, '\t', ' ', '"', '\\',
            '[', ']', '-', ',', '.', '/', '?', '#', ':', '0', '9', 'A', 'z'};
        for (int i = 0; i < CASES; i++) {
            byte[] b = real.get(rnd.nextInt(real.size())).getBytes(StandardCharsets.UTF_8);
            if (rnd.nextInt(3) == 0) {
                p.feed(b.clone()); // the line unchanged first: the mutation meets a cache holding its minute
            }
            for (int k = 1 + rnd.nextInt(3); k > 0 && b.length > 0; k--) {
                int at = rnd.nextInt(b.length);
                if (rnd.nextInt(4) == 0) {
                    b = java.util.Arrays.copyOf(b, at); // cut
                } else {
                    b[at] = odd[rnd.nextInt(odd.length)];
                }
            }
            p.feed(b);
        }
        p.assertSame("nginx bytes", CASES);
        assertThat(p.fast).as("lines the fast path accepted").isPositive();
    }

    @Test
    void sameResultsOnTheThirdPartyFixtures() {
        Pairs p = new Pairs();
        List<String> fixtures = CombinedLogCorpus.fixtures();
        fixtures.forEach(p::feed);
        // twice, so that every line also follows every other one with a cache in a different state
        for (int i = fixtures.size() - 1; i >= 0; i--) {
            p.feed(fixtures.get(i));
        }
        p.assertSame(2 * 300);
    }

    @Test
    void sameResultsOnMutatedRealLines() {
        Pairs p = new Pairs();
        List<String> real = realLines();
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int i = 0; i < CASES; i++) {
            String base = real.get(rnd.nextInt(real.size()));
            String line = CombinedLogCorpus.mutate(base, rnd);
            if (rnd.nextInt(4) == 0) {
                line = CombinedLogCorpus.mutate(line, rnd);
            }
            if (rnd.nextInt(3) == 0) {
                p.feed(base); // the unmutated line first: the mutation meets a cache holding its minute
            }
            p.feed(line);
        }
        p.assertSame(CASES);
    }

    @Test
    void sameResultsOnRunsOfTimestampsSharingTheMinute() {
        Pairs p = new Pairs();
        List<String[]> templates = CombinedLogCorpus.templates(realLines());
        SplittableRandom rnd = new SplittableRandom(SEED + 2);
        for (int done = 0; done < CASES; done += 10_000) {
            CombinedLogCorpus.timestampRuns(templates, rnd, 10_000).forEach(p::feed);
        }
        p.assertSame(CASES);
        assertThat(p.nginx.accepted + p.apache.accepted).as("most run lines are valid").isGreaterThan(CASES / 2);
    }

    @Test
    void sameResultsOnComposedLines() {
        Pairs p = new Pairs();
        SplittableRandom rnd = new SplittableRandom(SEED + 3);
        String[] stamps = {"01/Mar/2026:00:00:15 +0000", "01/Mar/2026:00:00:16 +0000", "01/Mar/2026:00:01:16 +0000",
            "29/Feb/2024:23:59:60 -0530", "29/Feb/2024:23:59:60.5 -0530", "31/Dec/9999:23:59:59 -1800",
            "01/Jan/1970:00:00:00 +0000", "01/Jan/1970:00:00:00 +0100", "05/Mar/2021:09:01:38.123456 +0100"};
        for (int i = 0; i < CASES; i++) {
            p.feed(CombinedLogCorpus.composed(rnd, CombinedLogCorpus.pick(rnd, stamps)));
        }
        p.assertSame(CASES);
    }

    @Test
    void sameResultsOnHandPickedEdgeCases() {
        String base = "1.2.3.4 - - [10/Oct/2023:13:55:36 +0000] \"GET /a HTTP/1.1\" 200 5 \"-\" \"ua\" 0.010 0.009";
        String[] cases = {
            null, "", " ", "\t", "x".repeat(70_000), base, base, base.replace(":36 ", ":60 "), base,
            base.replace(":36 ", ":61 "), base, base.replace(":36 ", ":99 "), base.replace(":36 ", ":36.999 "),
            base.replace(":36 ", ":36,1 "), base.replace(":36 ", ":36. "), base.replace(":36 ", ":3 "),
            base.replace("+0000", "+2400"), base, base.replace("+0000", "-0530"), base.replace("+0000", "-0530"),
            base.replace(":55:36", ":56:00"), base, base.replace(":55:36", ":56:00"), base.replace("Oct", "oct"),
            base.replace("Oct", "OCT"), base.replace("10/Oct", "31/Sep"), base.replace("10/Oct/2023", "29/Feb/2023"),
            base.replace("10/Oct/2023", "29/Feb/2024"), base.replace(" +0000", "+0000"), base.replace(" +0000", "  +0000"),
            base.replace("+0000", "+00:00"), base.replace("+0000", "Z"), base.replace(":36 ", ":36:00 "),
            base.replace("0.010 0.009", "0.010"), base.replace("0.010 0.009", "- 0.1, 0.2 : 0.3"),
            base.replace("0.010 0.009", "512 0.003 [up] [] 1.1.1.1:80 5 0.003 200 id"),
            base.replace("0.010 0.009", "86400.001"), base.replace("0.010 0.009", "1234567890.5"),
            base.replace("0.010 0.009", "123456789.123456789"), base.replace("0.010 0.009", "0.1234567890123456789"),
            base.replace("0.010 0.009", "1.5x"), base.replace("0.010 0.009", "x"), base.replace("\"ua\"", "\"u\\\"a\""),
            base.replace("1.2.3.4 - -", "shop.example.com 1.2.3.4 - -"), base.replace("1.2.3.4 - -", "1.2.3.4, 5.6.7.8 - -"),
            base.replace("/a", "/a?b"), base.replace("/a", "http://h:1/a#x"), base.replace("/a", "*"),
            base.substring(0, 40), base.substring(0, 41), base.substring(0, 42), base.substring(0, 43),
            // a ']' inside the 26 bytes of the usual timestamp, with or without another 26 bytes on
            base.replace(":36 +0000]", ":3] +0000]"), base.replace("10/Oct", "1]/Oct"), base.replace(":36 +0000]", ":36]+0000]"),
            base.replace(":36 +0000]", ":36 +0000 ]"), base.replace(":36 +0000]", ":36.5 +0000]"),
        };
        Pairs p = new Pairs();
        for (String c : cases) {
            p.feed(c);
        }
        p.assertSame(cases.length);
    }

    /** Sample, generated (nginx with zones, Apache) and fixture lines. */
    private static List<String> realLines() {
        List<String> real = new ArrayList<>(CombinedLogCorpus.sample().subList(0, 20_000));
        real.addAll(CombinedLogCorpus.generated(LogFormat.NGINX, 10_000, 0.5, SEED + 4));
        real.addAll(CombinedLogCorpus.generated(LogFormat.APACHE, 5_000, 0.0, SEED + 5));
        real.addAll(CombinedLogCorpus.fixtures());
        return real;
    }

    static String escape(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length() && i < 400; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"') {
                b.append(c);
            } else if (c == '\\' || c == '"') {
                b.append('\\').append(c);
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.append(s.length() > 400 ? "\"... (" + s.length() + " chars)" : "\"").toString();
    }
}
