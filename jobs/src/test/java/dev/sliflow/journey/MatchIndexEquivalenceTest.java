package dev.sliflow.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Property: on seeded random catalogs (literal, parameter, {@code *} and {@code **} templates over a
 * small alphabet, regex and path-less rules, methods, host patterns, excludes and journeys) and random
 * paths (from the same alphabet, odd ones included), {@link JourneyCatalog#match} answers exactly as
 * the linear scan of the rules with {@link Journey#matches} does.
 */
class MatchIndexEquivalenceTest {
    static final int CATALOGS = 2_000;
    static final int PATHS_PER_CATALOG = 150;

    /** Template segments: "" included, "Aa"/"BB" share a String hash, "*a" is a literal. */
    static final String[] LITERALS = {"", "a", "b", "ab", "ba", "A", "Aa", "BB", "x", "xy", "api", "v1", "c.d", "*a"};
    static final String[] PARAMS = {"{id}", "{x}", "*"};
    static final String[] REGEXES = {"/a/.*", ".*b", "/(a|b)/?", "/api/v1/[a-z]+", "", "/", "[^/].*", "/[^/]*"};
    static final String[] RULE_METHODS = {"GET", "POST", "get", "DELETE"};
    static final String[] RULE_HOSTS = {"api\\..*", "WEB", "(api|web)\\.example", ""};
    static final String[] REQ_HOSTS = {null, "api.x", "API.example", "web", "web.example", "", "other"};
    /** Path segments: the literals, a few others, and template syntax that is literal text in a path. */
    static final String[] PATH_SEGMENTS = {"", "a", "b", "ab", "ba", "A", "Aa", "BB", "x", "xy", "api", "v1", "c.d", "*a",
            "7", "abc", "*", "**", "{id}", "a?q=1"};

    @Test
    void indexAnswersAsTheLinearScan() throws Exception {
        long pairs = 0;
        int[] kinds = new int[3]; // excluded, journey, unmatched
        for (int seed = 0; seed < CATALOGS; seed++) {
            Random rnd = new Random(seed * 0x9E3779B97F4A7C15L + 17);
            List<Journey> excludes = rules(rnd, rnd.nextInt(4), "ex");
            int nj = rnd.nextInt(10) == 0 ? 20 + rnd.nextInt(40) : 1 + rnd.nextInt(15);
            List<Journey> journeys = rules(rnd, nj, "j");
            JourneyCatalog c = new JourneyCatalog(journeys, excludes, null, "seed " + seed);
            if (seed % 100 == 0) {
                c = roundTrip(c);
            }
            for (int p = 0; p < PATHS_PER_CATALOG; p++) {
                String path = path(rnd, c);
                String method = reqMethod(rnd);
                String host = REQ_HOSTS[rnd.nextInt(REQ_HOSTS.length)];
                int want = JourneyCatalogTest.linear(c, method, host, path);
                int got = c.match(method, host, path);
                if (got != want) {
                    fail("seed %d: match(%s, %s, %s) = %d, the linear scan says %d%n excludes: %s%n journeys: %s", seed,
                            method, host, quote(path), got, want, describe(c.excludes()), describe(c.journeys()));
                }
                kinds[want == JourneyCatalog.EXCLUDED ? 0 : want == JourneyCatalog.UNMATCHED ? 2 : 1]++;
                pairs++;
            }
        }
        assertThat(pairs).isEqualTo((long) CATALOGS * PATHS_PER_CATALOG);
        // the cases are not all of one kind
        for (int k : kinds) {
            assertThat(k).isGreaterThan((int) (pairs / 20));
        }
    }

    static List<Journey> rules(Random rnd, int n, String prefix) {
        List<Journey> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String method = rnd.nextInt(3) == 0 ? RULE_METHODS[rnd.nextInt(RULE_METHODS.length)] : null;
            Pattern host = rnd.nextInt(5) == 0
                    ? Pattern.compile(RULE_HOSTS[rnd.nextInt(RULE_HOSTS.length)], Pattern.CASE_INSENSITIVE) : null;
            int kind = rnd.nextInt(20);
            PathMatcher path = kind < 2 ? null
                    : kind < 5 ? PathMatcher.regex(REGEXES[rnd.nextInt(REGEXES.length)])
                    : PathMatcher.template(template(rnd));
            out.add(new Journey(prefix + i, method, path, host, StatusRule.defaultRule(), new int[] {100}));
        }
        return out;
    }

    static String template(Random rnd) {
        int n = rnd.nextInt(5);
        List<String> segs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            segs.add(rnd.nextInt(4) == 0 ? PARAMS[rnd.nextInt(PARAMS.length)] : LITERALS[rnd.nextInt(LITERALS.length)]);
        }
        if (rnd.nextInt(4) == 0) {
            segs.add("**");
        }
        return "/" + String.join("/", segs);
    }

    static String reqMethod(Random rnd) {
        switch (rnd.nextInt(6)) {
            case 0:
                return null;
            case 1:
                return new String("get"); // not interned, lower case
            case 2:
                return "POST";
            case 3:
                return "DELETE";
            default:
                return "GET";
        }
    }

    /** A random path: odd ones, free ones from the alphabet, or one of a catalog template's (often mutated). */
    static String path(Random rnd, JourneyCatalog c) {
        switch (rnd.nextInt(12)) {
            case 0:
                return null;
            case 1:
                return "";
            case 2:
                return "//";
            case 3:
                return segments(rnd, 1 + rnd.nextInt(3)); // no leading slash
            case 4:
            case 5:
            case 6: {
                String p = "/" + segments(rnd, rnd.nextInt(6));
                return rnd.nextInt(4) == 0 ? p + "/" : p;
            }
            default:
                return fromTemplate(rnd, c);
        }
    }

    static String segments(Random rnd, int n) {
        List<String> segs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            segs.add(PATH_SEGMENTS[rnd.nextInt(PATH_SEGMENTS.length)]);
        }
        return String.join("/", segs);
    }

    static String fromTemplate(Random rnd, JourneyCatalog c) {
        List<Journey> all = new ArrayList<>(c.excludes());
        all.addAll(c.journeys());
        Journey j = all.get(rnd.nextInt(all.size()));
        String t = j.path() == null || j.path().describe().startsWith("regex:") ? "/a/{x}/**" : j.path().describe();
        String[] segs = t.substring(1).split("/", -1);
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < segs.length; i++) {
            String s = segs[i];
            String v;
            if (s.equals("**")) {
                v = rnd.nextInt(3) == 0 ? null : segments(rnd, rnd.nextInt(4)); // null: the path ends before it
            } else if (s.startsWith("{") || s.equals("*")) {
                v = rnd.nextInt(8) == 0 ? "" : PATH_SEGMENTS[1 + rnd.nextInt(PATH_SEGMENTS.length - 1)];
            } else {
                v = rnd.nextInt(12) == 0 ? PATH_SEGMENTS[rnd.nextInt(PATH_SEGMENTS.length)] : s;
            }
            if (v != null) {
                p.append('/').append(v);
            }
        }
        String path = p.length() == 0 ? "/" : p.toString();
        switch (rnd.nextInt(10)) {
            case 0:
                return path + "/";
            case 1:
                return path + "/" + PATH_SEGMENTS[rnd.nextInt(PATH_SEGMENTS.length)];
            case 2:
                return path.substring(0, path.lastIndexOf('/') == 0 ? 1 : path.lastIndexOf('/'));
            case 3:
                return path.substring(1);
            default:
                return path;
        }
    }

    static JourneyCatalog roundTrip(JourneyCatalog c) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(c);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (JourneyCatalog) in.readObject();
        }
    }

    static String describe(List<Journey> rules) {
        return rules.stream().map(Journey::describe).collect(Collectors.joining(" | ", "[", "]"));
    }

    static String quote(String s) {
        return s == null ? "null" : '"' + s + '"';
    }
}
