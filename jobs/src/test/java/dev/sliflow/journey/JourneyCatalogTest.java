package dev.sliflow.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link JourneyCatalog#match} (an index of the rules) on hand-written cases of each template
 * semantic, each answer also checked against the linear scan of the rules with {@link Journey#matches}.
 */
class JourneyCatalogTest {
    static final int EX = JourneyCatalog.EXCLUDED;
    static final int UN = JourneyCatalog.UNMATCHED;

    /** A rule: path "/..." is a template, "re:..." a regex, null none; method and host null for any. */
    static Journey rule(String name, String method, String path, String host) {
        PathMatcher p = path == null ? null
                : path.startsWith("re:") ? PathMatcher.regex(path.substring(3)) : PathMatcher.template(path);
        Pattern h = host == null ? null : Pattern.compile(host, Pattern.CASE_INSENSITIVE);
        return new Journey(name, method, p, h, StatusRule.defaultRule(), new int[] {100});
    }

    static Journey path(String template) {
        return rule(template, null, template, null);
    }

    /** The reference: the exclude rules, then the journey rules, in order with {@link Journey#matches}. */
    static int linear(JourneyCatalog c, String method, String host, String path) {
        for (Journey e : c.excludes()) {
            if (e.matches(method, host, path)) {
                return EX;
            }
        }
        for (int i = 0; i < c.journeys().size(); i++) {
            if (c.journeys().get(i).matches(method, host, path)) {
                return i;
            }
        }
        return UN;
    }

    static JourneyCatalog catalog(List<Journey> journeys, List<Journey> excludes) {
        return new JourneyCatalog(journeys, excludes, null, "test");
    }

    /** match(method, host, path) for each path, after checking it equals the linear scan's answer. */
    static int[] matchAll(JourneyCatalog c, String method, String host, String... paths) {
        int[] r = new int[paths.length];
        for (int i = 0; i < paths.length; i++) {
            r[i] = c.match(method, host, paths[i]);
            assertThat(r[i]).as("%s %s %s", method, host, paths[i]).isEqualTo(linear(c, method, host, paths[i]));
        }
        return r;
    }

    /** Whether the single template matches each path, through a one-rule catalog. */
    static boolean[] one(String template, String... paths) {
        JourneyCatalog c = catalog(List.of(path(template)), List.of());
        int[] r = matchAll(c, "GET", "h", paths);
        boolean[] b = new boolean[r.length];
        for (int i = 0; i < r.length; i++) {
            b[i] = r[i] == 0;
        }
        return b;
    }

    @Test
    void pathMustStartWithSlash() {
        assertThat(one("/**", "/", "/a", "", null, "a", "a/b", " /a")).containsExactly(true, true, false, false, false, false, false);
        assertThat(one("/a", "/a", "a", "//a")).containsExactly(true, false, false);
    }

    @Test
    void emptySegmentsAreKept() {
        assertThat(one("/", "/", "//", "/a", "")).containsExactly(true, false, false, false);
        assertThat(one("/a/", "/a/", "/a", "/a//", "/a/b")).containsExactly(true, false, false, false);
        assertThat(one("/a//b", "/a//b", "/a/b", "/a///b")).containsExactly(true, false, false);
        assertThat(one("//", "//", "/", "///")).containsExactly(true, false, false);
    }

    @Test
    void literalsAreExactAndCaseSensitive() {
        assertThat(one("/api/v1/orders", "/api/v1/orders", "/API/v1/orders", "/api/v1/order", "/api/v1/ordersX",
                "/api/v1/orders/", "/api/v1", "/apix/v1/orders")).containsExactly(true, false, false, false, false, false, false);
    }

    @Test
    void paramAndStarMatchOneNonEmptySegment() {
        for (String p : new String[] {"{id}", "*"}) {
            assertThat(one("/products/" + p, "/products/1", "/products/", "/products", "/products/1/", "/products//",
                    "/products/a.b-c")).as(p).containsExactly(true, false, false, false, false, true);
            assertThat(one("/" + p + "/x", "/a/x", "//x", "/x", "/a/b/x")).as(p).containsExactly(true, false, false, false);
        }
        assertThat(one("/api/{v}/users/*/orders", "/api/v2/users/7/orders", "/api/v2/users/7/orders/1",
                "/api/v2/users//orders")).containsExactly(true, false, false);
    }

    @Test
    void restMatchesTheRestPossiblyEmpty() {
        assertThat(one("/static/**", "/static", "/static/", "/static/x/y", "/static//", "/staticx", "/stati", "/", "/x/static"))
                .containsExactly(true, true, true, true, false, false, false, false);
        assertThat(one("/a/b/**", "/a", "/a/", "/a/b", "/a/b/", "/a/bc")).containsExactly(false, false, true, true, false);
        assertThat(one("/{x}/**", "/a", "/a/b", "/", "//a")).containsExactly(true, true, false, false);
        assertThat(one("/**", "/", "//", "/a/b/c")).containsExactly(true, true, true);
    }

    @Test
    void withoutRestThePathIsConsumedExactly() {
        assertThat(one("/a/b", "/a/b", "/a/b/", "/a/b/c", "/a")).containsExactly(true, false, false, false);
    }

    @Test
    void firstMatchWinsExcludesFirst() {
        JourneyCatalog c = catalog(
                List.of(path("/api/**"), path("/api/v1/orders/{id}"), path("/api/v1/orders/latest"), path("/**")),
                List.of(path("/api/v1/orders/internal"), path("/healthz")));
        assertThat(matchAll(c, "GET", null, "/api/v1/orders/7", "/api/v1/orders/internal", "/healthz", "/healthz/",
                "/other", "x")).containsExactly(0, EX, EX, 3, 3, UN);
        c = catalog(List.of(path("/api/v1/orders/latest"), path("/api/v1/orders/{id}"), path("/api/**"), path("/**")),
                List.of());
        assertThat(matchAll(c, "GET", null, "/api/v1/orders/latest", "/api/v1/orders/7", "/api/v1/orders", "/api", "/"))
                .containsExactly(0, 1, 2, 2, 3);
        // a later literal does not hide an earlier parameter on the same segment, nor the reverse
        c = catalog(List.of(path("/{a}/x"), path("/b/{c}"), path("/b/x")), List.of());
        assertThat(matchAll(c, "GET", null, "/b/x", "/b/y", "/z/x")).containsExactly(0, 1, 0);
    }

    @Test
    void methodsAndHosts() {
        JourneyCatalog c = catalog(List.of(
                rule("cart_add", "POST", "/api/v1/cart", null),
                rule("cart_view", "get", "/api/v1/cart", null),
                rule("admin", null, "/api/**", "admin\\..*"),
                rule("any_post", "POST", null, null),
                rule("host_only", null, null, "web")),
                List.of(rule("opt", "OPTIONS", "/**", null)));
        assertThat(matchAll(c, "POST", null, "/api/v1/cart", "/x", "")).containsExactly(0, 3, 3);
        assertThat(matchAll(c, new String("post"), "web", "/api/v1/cart")).containsExactly(0); // not interned, other case
        assertThat(matchAll(c, "GET", null, "/api/v1/cart", "/api/v2", null)).containsExactly(1, UN, UN);
        assertThat(matchAll(c, "GET", "ADMIN.example", "/api/v1/cart", "/api/v2", "/x")).containsExactly(1, 2, UN);
        assertThat(matchAll(c, "GET", "WEB", "/x", null)).containsExactly(4, 4);
        assertThat(matchAll(c, "OPTIONS", "web", "/api/v1/cart", "x")).containsExactly(EX, 4);
        assertThat(matchAll(c, null, "web", "/api/v1/cart")).containsExactly(4);
        assertThat(matchAll(c, null, null, "/api/v1/cart")).containsExactly(UN);
    }

    @Test
    void regexAndPathlessRulesKeepTheirPlace() {
        JourneyCatalog c = catalog(List.of(
                path("/a/{x}"),
                rule("re", null, "re:/a/b.*", null),
                path("/a/bc"),
                rule("get", "GET", null, null),
                path("/**")),
                List.of(rule("re_ex", null, "re:.*\\.php", null)));
        assertThat(matchAll(c, "POST", null, "/a/b", "/a/bc/d", "/a/bc", "/x.php", "/c", "no-slash", null))
                .containsExactly(0, 1, 0, EX, 4, UN, UN);
        assertThat(matchAll(c, "GET", null, "/a/bx/y", "/a/", "/c", "no-slash", null, "")).containsExactly(1, 3, 3, 3, 3, 3);
    }

    @Test
    void manyLiteralChildrenUseTheHashedLookup() {
        List<Journey> js = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 3 * MatchIndex.LINEAR_MAX; i++) {
            js.add(path("/api/r" + i + "/{id}"));
            js.add(path("/api/r" + i));
            paths.addAll(List.of("/api/r" + i + "/7", "/api/r" + i, "/api/r" + i + "/", "/api/R" + i));
        }
        js.add(path("/api/{any}/**"));
        paths.addAll(List.of("/api/", "/api/Aa", "/api/BB", "/api//x", "/api/x/y/z")); // "Aa" and "BB": the same hash
        js.add(1, path("/api/Aa"));
        JourneyCatalog c = catalog(js, List.of());
        int[] r = matchAll(c, "GET", null, paths.toArray(new String[0]));
        assertThat(r[0]).isEqualTo(0);
        assertThat(r[paths.size() - 4]).isEqualTo(1);
        assertThat(r[paths.size() - 3]).isEqualTo(js.size() - 1);
        assertThat(Arrays.stream(r).filter(x -> x == UN).count()).isEqualTo(2); // "/api/" and "/api//x"
    }

    @Test
    void theIndexIsRebuiltAfterJavaSerialization() throws Exception {
        JourneyCatalog c = catalog(List.of(rule("o", "GET", "/api/v1/orders/{id}", "shop\\..*"), path("/**")),
                List.of(path("/healthz")));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(c);
        }
        JourneyCatalog d;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            d = (JourneyCatalog) in.readObject();
        }
        assertThat(d.journeys()).hasSize(2);
        assertThat(d.source()).isEqualTo("test");
        assertThat(d.journey(0).method()).isSameAs("GET");
        assertThat(matchAll(d, "GET", "shop.example", "/api/v1/orders/7", "/healthz", "/x", "x")).containsExactly(0, EX, 1, UN);
        assertThat(matchAll(d, "get", "other", "/api/v1/orders/7")).containsExactly(1);
    }
}
