package dev.sliflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The optimised {@link Redactor} returns exactly what the pre-optimisation implementation
 * ({@link RedactorReference}) returns, on a large seeded corpus ({@link RedactorCorpus}): real lines of
 * every format, mutated, with secrets inserted, random soup of the patterns' fragments, random ASCII,
 * unicode and bytes, long lines, empty and null. More or other inputs:
 * {@code -Dsliflow.redactor.inputs=2000000 -Dsliflow.redactor.seed=7}.
 */
class RedactorEquivalenceTest {
    static final int INPUTS = Integer.getInteger("sliflow.redactor.inputs", 250_000);
    static final long SEED = Long.getLong("sliflow.redactor.seed", 20260302L);

    @Test
    void sameOutputAsTheReferenceOnASeededCorpus() {
        List<String> real = RedactorCorpus.realLines(2_000);
        List<String> inputs = new ArrayList<>(RedactorCorpus.inputs(real, SEED, INPUTS));
        inputs.addAll(real);
        inputs.addAll(Arrays.asList(RedactorCorpus.SECRETS));
        inputs.addAll(Arrays.asList(RedactorCorpus.FRAGMENTS));
        List<String> diffs = new ArrayList<>();
        int different = 0;
        for (String in : inputs) {
            String want = RedactorReference.redact(in);
            String got = Redactor.redact(in);
            if (!want.equals(got)) {
                if (different++ < 10) {
                    diffs.add("input    " + escape(in) + "\nexpected " + escape(want) + "\nactual   " + escape(got));
                }
            }
        }
        assertThat(inputs.size()).isGreaterThan(INPUTS);
        assertThat(different).as(different + " of " + inputs.size() + " inputs differ, e.g.\n" + String.join("\n\n", diffs))
                .isZero();
    }

    @Test
    void sameOutputOnHandPickedEdgeCases() {
        String[] cases = {
            null, "", " ", "\"", "{", "{\"", "?", "@", ":", "::", ":::", ".", "/", "=", "<", "x".repeat(639), "x".repeat(640),
            "x".repeat(641), "a".repeat(1_000_000), "1.2.3.4", "1.2.3.4.5", "a1.2.3.4", "1.2.3.4a", "_1.2.3.4", "1.2.3.4_",
            "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "g1:2:3:4:5:6:7:8", "::1", "a::", "fe80::1%eth0", "12345::", "x:y::z",
            "a@b.cc", "a@b.c", ".@..cc", "a@b.cc.dd", "a@-.xx", "%@%.xx", "Bearer x", "Bearer <x", "bearer  ", "xbearer y",
            "_bearer y", "token=1", "token=<x", "mytoken=1", "token\" = \"x", "\"token\":\"x\"", "token=\"", "token=", "code:x",
            "curl/8.5.0 (x)", "HTTP/1.1", "xHTTP/1.1", "http/1.1", "a/1 (", "a/1 ()", "a/1 (b", "/a/1", "_a/1", "<a/1",
            "a.b-c_d/1.2.3.", "A".repeat(23), "A".repeat(24), "=" + "A".repeat(24), "<" + "A".repeat(24), "\"x\" \"y\" \"z",
            "{\"a\" \"b\"", "\"user_agent\":\"x\\\"y\"", "\"agent\":[1,2]", "\"agent\": x}", "\"agent\":", " -u a:b@c",
            "--user=a:b", "--user a:b", "://a:b@c", "://:b", "://a:@", "\tBearer\tx", "\u0000Bearer x", "x\u00e9y",
            "?" + "a".repeat(700), "\"first\" " + "\"" + "z".repeat(700), "{\"k\":\"" + "1.2.3.4 ".repeat(100) + "\"}",
        };
        for (String in : cases) {
            assertThat(Redactor.redact(in)).as(escape(in)).isEqualTo(RedactorReference.redact(in));
        }
    }

    static String escape(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length() && i < 1_000; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"') {
                b.append(c);
            } else if (c == '\\' || c == '"') {
                b.append('\\').append(c);
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.append(s.length() > 1_000 ? "\"... (" + s.length() + " chars)" : "\"").toString();
    }
}
