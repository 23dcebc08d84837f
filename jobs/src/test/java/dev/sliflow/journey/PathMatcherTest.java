package dev.sliflow.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PathMatcherTest {
    @Test
    void templates() {
        PathMatcher p = PathMatcher.template("/products/{id}");
        assertThat(p.matches("/products/1")).isTrue();
        assertThat(p.matches("/products/1/")).isFalse();
        assertThat(p.matches("/products")).isFalse();
        assertThat(p.matches("/products//")).isFalse();
        assertThat(p.matches("/productsX/1")).isFalse();
        PathMatcher rest = PathMatcher.template("/static/**");
        assertThat(rest.matches("/static/")).isTrue();
        assertThat(rest.matches("/static/a/b/c.js")).isTrue();
        assertThat(rest.matches("/staticx/a")).isFalse();
        PathMatcher root = PathMatcher.template("/");
        assertThat(root.matches("/")).isTrue();
        assertThat(root.matches("/a")).isFalse();
        PathMatcher mid = PathMatcher.template("/api/{v}/users/*/orders");
        assertThat(mid.matches("/api/v2/users/7/orders")).isTrue();
        assertThat(mid.matches("/api/v2/users/7/orders/1")).isFalse();
        assertThat(p.matches(null)).isFalse();
        assertThat(p.matches("")).isFalse();
    }

    @Test
    void invalidTemplates() {
        assertThatThrownBy(() -> PathMatcher.template("products")).hasMessageContaining("start with '/'");
        assertThatThrownBy(() -> PathMatcher.template("/a/{id")).hasMessageContaining("unbalanced");
        assertThatThrownBy(() -> PathMatcher.regex("(")).hasMessageContaining("invalid regex");
    }
}
