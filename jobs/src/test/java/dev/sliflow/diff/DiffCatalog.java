package dev.sliflow.diff;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The small journey catalog of the differential scenarios, once as the YAML the product reads and once as
 * plain values the {@link Reference} matches with its own regular expressions (no product class involved).
 * It covers what the catalog contract (SPEC, "Journey catalog") promises: first match wins, {@code {x}} is
 * one path segment and {@code **} the rest, the query string is never part of a match, a journey's own
 * {@code bad_status} and thresholds override the defaults, excluded routes are not journeys.
 */
final class DiffCatalog {
    private DiffCatalog() {}

    /** One journey: the method, the path as a regex of the whole path (query removed), what is bad, thresholds. */
    record Journey(String name, String method, Pattern path, Set<Integer> badExtra, int[] thresholdsMs) {
        boolean bad(int status) {
            return (status >= 500 && status <= 599) || badExtra.contains(status);
        }
    }

    static final int[] DEFAULT_THRESHOLDS = {100, 250, 1000};

    /** In catalog order: first match wins (checkout-status would match /api/v1/checkout/{id} too). */
    static final List<Journey> JOURNEYS = List.of(
            new Journey("checkout", "POST", Pattern.compile("/api/v1/checkout"), Set.of(), new int[] {300, 1000}),
            new Journey("checkout-status", "GET", Pattern.compile("/api/v1/checkout/[^/]+"), Set.of(), DEFAULT_THRESHOLDS),
            new Journey("product", "GET", Pattern.compile("/products/[^/]+"), Set.of(), DEFAULT_THRESHOLDS),
            new Journey("search", "GET", Pattern.compile("/api/v1/search"), Set.of(429), new int[] {200}),
            new Journey("login", "POST", Pattern.compile("/api/v1/login"), Set.of(), DEFAULT_THRESHOLDS),
            new Journey("docs", "GET", Pattern.compile("/docs/.*"), Set.of(), DEFAULT_THRESHOLDS));

    /** Excluded paths (any method), checked before the journeys as jobs/INGEST.md's catalog describes. */
    static final List<Pattern> EXCLUDED = List.of(Pattern.compile("/healthz"), Pattern.compile("/static/.*"));

    static final String YAML = """
            defaults:
              bad_status: ["5xx"]
              latency_thresholds_ms: [100, 250, 1000]
            journeys:
              - name: checkout
                match: {method: POST, path: /api/v1/checkout}
                latency_thresholds_ms: [300, 1000]
              - name: checkout-status
                match: {method: GET, path: "/api/v1/checkout/{id}"}
              - name: product
                match: {method: GET, path: "/products/{id}"}
              - name: search
                match: {method: GET, path: /api/v1/search}
                bad_status: ["5xx", 429]
                latency_thresholds_ms: [200]
              - name: login
                match: {method: POST, path: /api/v1/login}
              - name: docs
                match: {method: GET, path: "/docs/**"}
            exclude:
              - {path: /healthz}
              - {path: "/static/**"}
            """;
}
