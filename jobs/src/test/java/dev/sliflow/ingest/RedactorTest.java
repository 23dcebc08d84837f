package dev.sliflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {
    @Test
    void masksIpsQueriesAgentsEmailsAndTokens() {
        String line = "203.0.113.7 - - [01/Mar/2026:00:00:01 +0000] \"GET /search?q=shoes&email=jane@example.com HTTP/1.1\" 200 12"
                + " \"https://ref.example.com/?a=b\" \"Mozilla/5.0 (X11; Linux)\" 0.012 garbage-token-abcdefghijklmnopqrstuvwxyz0123";
        String r = Redactor.redact(line);
        assertThat(r).doesNotContain("203.0.113.7", "shoes", "jane", "example.com/?a", "Mozilla", "abcdefghijklmnopqrstuvwxyz");
        assertThat(r).contains("<ip>", "GET /search?<query>", "\"<masked>\"");
        assertThat(r.length()).isLessThanOrEqualTo(Redactor.MAX);
    }

    @Test
    void masksJsonPrivateFieldsAndIpv6AndBinary() {
        String json = "{\"request\":{\"remote_ip\":\"2001:db8::1\",\"headers\":{\"User-Agent\":[\"curl/8\"]}},\"status\":\"x\u0000\u0007\"}";
        String r = Redactor.redact(json);
        assertThat(r).doesNotContain("2001:db8", "curl/8").doesNotContain("\u0000");
        assertThat(Redactor.redact(null)).isEmpty();
        assertThat(Redactor.redact("[01/Mar/2026:00:00:01 +0000] fe80::1ff:fe23:4567:890a x"))
                .isEqualTo("[01/Mar/2026:00:00:01 +0000] <ip> x");
        assertThat(Redactor.redact("x".repeat(1_000_000))).hasSizeLessThanOrEqualTo(Redactor.MAX);
    }

    @Test
    void masksCredentialsSpelledOut() {
        String r = Redactor.redact("Authorization: Bearer brr_7Gk2Wq token=abc123 \"api_key\":\"k-99x\" password=hunter2"
                + " curl -u admin:s3cr3t https://bob:pa55@host/x sid=S1d2");
        assertThat(r).doesNotContain("brr_7Gk2Wq", "abc123", "k-99x", "hunter2", "s3cr3t", "bob", "pa55", "S1d2");
        assertThat(r).contains("Authorization: <redacted> <token>", "token=<redacted>", "password=<redacted>", "-u <redacted>", "://<redacted>");
    }
}
