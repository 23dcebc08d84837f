package dev.sliflow.gen;

import java.util.List;

/**
 * The synthetic web shop the generator simulates: its journeys (routes with latency and error
 * profiles), the excluded routes (health checks, static assets) and the routes no journey matches.
 */
public final class Catalog {
    private Catalog() {}

    /**
     * One critical user journey.
     *
     * @param name            journey name, as in journeys.yaml
     * @param method          HTTP method
     * @param template        path template as in journeys.yaml ({x} = one segment)
     * @param weight          relative share of traffic
     * @param medianMs        median latency (log-normal)
     * @param sigma           log-normal sigma (shape of the tail)
     * @param serverErrorRate baseline share of 5xx
     * @param rateLimitedRate baseline share of 429
     * @param clientErrorRate baseline share of other 4xx
     * @param clientErrorCode the 4xx this journey returns
     * @param okStatus        status of a successful request
     * @param thresholdsMs    latency thresholds declared for this journey in journeys.yaml (null = defaults)
     */
    public record Journey(String name, String method, String template, double weight, double medianMs,
                          double sigma, double serverErrorRate, double rateLimitedRate, double clientErrorRate,
                          int clientErrorCode, int okStatus, int[] thresholdsMs) {}

    public static final int[] DEFAULT_THRESHOLDS_MS = {100, 250, 500, 1000};

    public static final List<Journey> JOURNEYS = List.of(
            new Journey("home", "GET", "/", 8, 25, 0.45, 0.0005, 0.0002, 0.0, 404, 200, null),
            new Journey("login", "POST", "/api/v1/login", 6, 90, 0.50, 0.0010, 0.0030, 0.04, 401, 200, null),
            new Journey("logout", "POST", "/api/v1/logout", 1.5, 25, 0.40, 0.0005, 0.0, 0.002, 401, 204, null),
            new Journey("product", "GET", "/products/{id}", 26, 45, 0.55, 0.0008, 0.0005, 0.01, 404, 200, null),
            new Journey("search", "GET", "/api/v1/search", 16, 120, 0.60, 0.0020, 0.0040, 0.003, 400, 200,
                    new int[] {300, 1000}),
            new Journey("cart_view", "GET", "/api/v1/cart", 8, 40, 0.50, 0.0008, 0.0005, 0.005, 401, 200, null),
            new Journey("cart_add", "POST", "/api/v1/cart", 5, 65, 0.50, 0.0010, 0.0010, 0.005, 409, 201, null),
            new Journey("checkout", "POST", "/api/v1/checkout", 2, 200, 0.60, 0.0030, 0.0005, 0.02, 402, 201,
                    new int[] {300, 1000, 2500}),
            new Journey("account", "GET", "/api/v1/account", 3, 60, 0.50, 0.0008, 0.0005, 0.01, 401, 200, null),
            new Journey("order_status", "GET", "/api/v1/orders/{id}", 2.5, 85, 0.55, 0.0012, 0.0005, 0.01, 404, 200,
                    null));

    /** Traffic weights of the health checks and static assets (excluded routes) and unmatched routes. */
    static final double HEALTHZ_WEIGHT = 5;
    static final double STATIC_WEIGHT = 10;
    static final double UNMATCHED_WEIGHT = 1.0;

    /** Excluded route patterns, as written to journeys.yaml. */
    public static final List<String> EXCLUDED = List.of("/healthz", "/static/**");

    /** Requests that no journey matches and that are not excluded: method, path (+query), status. */
    record Unmatched(String method, String target, int status) {}

    static final Unmatched[] UNMATCHED = {
            new Unmatched("GET", "/favicon.ico", 200),
            new Unmatched("GET", "/robots.txt", 200),
            new Unmatched("GET", "/wp-login.php", 404),
            new Unmatched("GET", "/.env", 404),
            new Unmatched("OPTIONS", "/api/v1/checkout", 204),
            new Unmatched("PUT", "/api/v1/account", 405),
            new Unmatched("GET", "/api/v2/legacy/export?token=9f2c1e7a55d04b2b", 410),
            new Unmatched("HEAD", "/", 200),
            new Unmatched("GET", "/admin/config.php", 404),
            new Unmatched("GET", "/products/1234/reviews", 200),
    };

    static final String[] USER_AGENTS = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0",
            "ShopApp/5.12.1 (iOS 17.4; iPhone15,2)",
            "ShopApp/5.12.0 (Android 14; SM-S918B)",
            "okhttp/4.12.0",
            "curl/8.5.0",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    };

    static final String HEALTH_UA = "kube-probe/1.29";

    static final String[] SEARCH_TERMS = {
            "shoes", "red+dress", "laptop+bag", "running+shoes", "headphones", "coffee+maker", "winter+jacket",
            "usb-c+cable", "desk+lamp", "yoga+mat", "backpack", "sunglasses", "water+bottle", "t-shirt", "jeans",
            "sneakers", "phone+case", "wireless+mouse", "gift+card", "kids+toys"};

    static final String[] FIRST_NAMES = {"jane", "john", "alice", "bob", "maria", "wei", "li", "omar", "sofia",
            "raj", "emma", "lucas", "fatima", "noah", "yuki", "anna"};

    static final String[] REF_WORDS = {"abc", "newsletter", "home_banner", "search", "related", "email", "social"};

    static final String[] REFERERS = {"-", "-", "-", "https://shop.example.com/", "https://www.google.com/",
            "https://shop.example.com/api/v1/search", "https://shop.example.com/products/42"};

    static int[] thresholdsOf(Journey j) {
        return j.thresholdsMs() != null ? j.thresholdsMs() : DEFAULT_THRESHOLDS_MS;
    }

    static int indexOf(String journey) {
        for (int i = 0; i < JOURNEYS.size(); i++) {
            if (JOURNEYS.get(i).name().equals(journey)) return i;
        }
        throw new IllegalArgumentException("unknown journey " + journey);
    }
}
