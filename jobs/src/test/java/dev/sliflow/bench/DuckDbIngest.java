package dev.sliflow.bench;

import dev.sliflow.journey.CatalogLoader;
import dev.sliflow.journey.Journey;
import dev.sliflow.journey.JourneyCatalog;
import dev.sliflow.journey.PathMatcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The peers of the benchmark suite: DuckDB (JDBC, in this JVM) running one of the SQL files of
 * {@code sql/bench/} over the same files (plain or .gz). {@code duckdb_ingest.sql}, the full-fidelity
 * query: CSV reader, the same validation and journey matching as sliflow, per journey × minute counts
 * and exact percentiles, written to Parquet; its journey CASE, bad-status rule and latency thresholds
 * are generated from journeys.yaml. {@code duckdb_lean.sql}, the lean query a DuckDB user writes first
 * (issue 30): its CASE of LIKE prefixes is generated from journeys.yaml too ({@link #journeyLike}).
 * A template's placeholders ({@code ${NAME}}) are filled in when present; FILES and OUT are required.
 *
 * <pre>java -cp … dev.sliflow.bench.DuckDbIngest --sql sql/bench/duckdb_ingest.sql --journeys journeys.yaml
 *     --out minutes.parquet [--threads N] FILE…</pre>
 */
public final class DuckDbIngest {
    private DuckDbIngest() {}

    public static void main(String[] args) throws Exception {
        Path sqlFile = null;
        Path journeys = null;
        Path out = null;
        int threads = Runtime.getRuntime().availableProcessors();
        boolean print = false;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sql" -> sqlFile = Path.of(args[++i]);
                case "--journeys" -> journeys = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--print-sql" -> print = true;
                default -> files.add(Path.of(args[i]));
            }
        }
        if (sqlFile == null || journeys == null || out == null || files.isEmpty()) {
            System.err.println("usage: DuckDbIngest --sql FILE --journeys FILE --out FILE.parquet [--threads N] [--print-sql] FILE...");
            System.exit(2);
        }
        long t0 = System.nanoTime();
        String sql = sql(Files.readString(sqlFile), CatalogLoader.load(journeys), files, out, threads);
        if (print) {
            System.out.println(sql);
        }
        Files.deleteIfExists(out);
        long t1;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("SET threads = " + threads);
            st.execute("SET preserve_insertion_order = false");
            t1 = System.nanoTime();
            st.execute(sql);
        }
        long t2 = System.nanoTime();
        System.out.printf("duckdb finished in %.2f s (query %.2f s, %d thread(s)): %d file(s) -> %s, %s%n",
                (t2 - t0) / 1e9, (t2 - t1) / 1e9, threads, files.size(), out, dev.sliflow.cli.Memory.describe());
    }

    /** The placeholders a template must have. */
    static final List<String> REQUIRED = List.of("${FILES}", "${OUT}");

    /**
     * The SQL of {@code template} with its placeholders filled in for these files, this catalog and
     * {@code threads}: FILES and OUT (required), THREADS, JOURNEY, BAD, GOOD_LATENCY, JOURNEY_LIKE
     * (each when present); any other {@code ${…}} left is an error.
     */
    public static String sql(String template, JourneyCatalog catalog, List<Path> files, Path out, int threads) {
        Map<String, java.util.function.Supplier<String>> v = new LinkedHashMap<>();
        v.put("${FILES}", () -> "[" + files.stream().map(f -> str(f.toAbsolutePath().toString()))
                .collect(Collectors.joining(", ")) + "]");
        v.put("${OUT}", () -> str(out.toAbsolutePath().toString()));
        v.put("${THREADS}", () -> Integer.toString(threads));
        v.put("${JOURNEY}", () -> journeyCase(catalog));
        v.put("${BAD}", () -> bad(catalog));
        v.put("${GOOD_LATENCY}", () -> goodLatency(catalog));
        v.put("${JOURNEY_LIKE}", () -> journeyLike(catalog));
        for (String r : REQUIRED) {
            if (!template.contains(r)) {
                throw new IllegalArgumentException("the SQL template has no " + r);
            }
        }
        String s = template;
        for (Map.Entry<String, java.util.function.Supplier<String>> e : v.entrySet()) {
            if (s.contains(e.getKey())) {
                s = s.replace(e.getKey(), e.getValue().get());
            }
        }
        java.util.regex.Matcher left = java.util.regex.Pattern.compile("\\$\\{[A-Z_]+}").matcher(s);
        if (left.find()) {
            throw new IllegalArgumentException("the SQL template has an unknown placeholder " + left.group());
        }
        return s;
    }

    /**
     * The lean query's journeys: a CASE of LIKE prefixes over the request line ("GET /path?q HTTP/1.1"),
     * in the catalog's order (first match wins; excludes are left out, unmatched is NULL), as a DuckDB
     * user writes it first: the method, a space and the path's literal part up to its first parameter
     * or wildcard, then %: {@code /products/{id}} is {@code 'GET /products/%'}, {@code /api/v1/cart}
     * {@code 'POST /api/v1/cart%'}; the root path alone is {@code 'GET / %'} or {@code 'GET /?%'} (a
     * prefix '/' would match every path). No method: any method.
     */
    static String journeyLike(JourneyCatalog c) {
        StringBuilder b = new StringBuilder("CASE");
        for (Journey j : c.journeys()) {
            if (j.host() != null) {
                throw new IllegalArgumentException("host rules are not supported by the DuckDB peer: " + j.describe());
            }
            String method = j.method() == null ? "%" : j.method();
            String t = j.path() == null ? "/**" : j.path().describe();
            if (t.startsWith("regex:")) {
                throw new IllegalArgumentException("regex rules are not supported by the lean DuckDB query: " + j.describe());
            }
            int wild = t.length();
            for (String w : List.of("{", "*")) {
                int i = t.indexOf(w);
                if (i >= 0) {
                    wild = Math.min(wild, i);
                }
            }
            String prefix = t.substring(0, wild); // a _ or % in it matches itself too: a prefix, lean
            String cond = prefix.equals("/") && wild == t.length()
                    ? "request LIKE " + str(method + " / %") + " OR request LIKE " + str(method + " /?%")
                    : "request LIKE " + str(method + " " + prefix + "%");
            b.append("\n            WHEN ").append(cond).append(" THEN ").append(str(j.name()));
        }
        return b.append("\n        END").toString();
    }

    /** First match wins, excludes first (NULL), as JourneyCatalog.match. */
    static String journeyCase(JourneyCatalog c) {
        StringBuilder b = new StringBuilder("CASE");
        for (Journey x : c.excludes()) {
            b.append("\n            WHEN ").append(condition(x)).append(" THEN NULL");
        }
        for (Journey j : c.journeys()) {
            b.append("\n            WHEN ").append(condition(j)).append(" THEN ").append(str(j.name()));
        }
        return b.append("\n        END").toString();
    }

    /** The SQL condition over {@code method} and {@code path} of one rule. */
    static String condition(Journey j) {
        if (j.host() != null) {
            throw new IllegalArgumentException("host rules are not supported by the DuckDB peer: " + j.describe());
        }
        List<String> parts = new ArrayList<>();
        if (j.method() != null) {
            parts.add("method = " + str(j.method()));
        }
        PathMatcher p = j.path();
        if (p != null) {
            String t = p.describe();
            if (t.startsWith("regex:")) {
                parts.add("regexp_full_match(path, " + str(t.substring("regex:".length())) + ")");
            } else if (!t.contains("{") && !t.contains("*")) {
                parts.add("path = " + str(t));
            } else {
                parts.add("regexp_full_match(path, " + str(templateRegex(t)) + ")");
            }
        }
        return parts.isEmpty() ? "true" : String.join(" AND ", parts);
    }

    /** A path template as a full-match RE2 regex: {x} and * = one non-empty segment, trailing ** = the rest. */
    static String templateRegex(String template) {
        String[] segs = template.substring(1).split("/", -1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < segs.length; i++) {
            String s = segs[i];
            if (s.equals("**") && i == segs.length - 1) {
                b.append("(/.*)?");
            } else if (s.startsWith("{") || s.equals("*")) {
                b.append("/[^/]+");
            } else {
                b.append('/').append(quoteRegex(s));
            }
        }
        return b.toString();
    }

    private static String quoteRegex(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) {
            if ("\\.^$|?*+()[]{}".indexOf(ch) >= 0) {
                b.append('\\');
            }
            b.append(ch);
        }
        return b.toString();
    }

    /** The bad-status rule as SQL over {@code status} (and {@code journey} when journeys differ). */
    static String bad(JourneyCatalog c) {
        Map<String, String> byJourney = new LinkedHashMap<>();
        for (Journey j : c.journeys()) {
            byJourney.put(j.name(), statusRule(j.badStatus().spec()));
        }
        TreeSet<String> distinct = new TreeSet<>(byJourney.values());
        if (distinct.size() == 1) {
            return distinct.first();
        }
        StringBuilder b = new StringBuilder("CASE journey");
        byJourney.forEach((j, rule) -> b.append(" WHEN ").append(str(j)).append(" THEN ").append(rule));
        return b.append(" END").toString();
    }

    static String statusRule(List<String> spec) {
        List<String> or = new ArrayList<>();
        for (String s : spec) {
            String t = s.trim().toLowerCase(java.util.Locale.ROOT);
            if (t.length() == 3 && t.endsWith("xx")) {
                int base = (t.charAt(0) - '0') * 100;
                or.add("status BETWEEN " + base + " AND " + (base + 99));
            } else {
                or.add("status = " + Integer.parseInt(t));
            }
        }
        return or.isEmpty() ? "false" : "(" + String.join(" OR ", or) + ")";
    }

    /** Per journey, MAP {threshold: good requests with latency <= threshold} (good = not bad). */
    static String goodLatency(JourneyCatalog c) {
        Map<String, String> byJourney = new LinkedHashMap<>();
        for (Journey j : c.journeys()) {
            byJourney.put(j.name(), "MAP {" + Arrays.stream(j.thresholdsMs())
                    .mapToObj(t -> t + ": count(*) FILTER (WHERE NOT bad AND latency_ms <= " + t + ")")
                    .collect(Collectors.joining(", ")) + "}");
        }
        TreeSet<String> distinct = new TreeSet<>(byJourney.values());
        if (distinct.size() == 1) {
            return distinct.first();
        }
        StringBuilder b = new StringBuilder("CASE journey");
        byJourney.forEach((j, m) -> b.append("\n                WHEN ").append(str(j)).append(" THEN ").append(m));
        return b.append("\n            END").toString();
    }

    static String str(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
