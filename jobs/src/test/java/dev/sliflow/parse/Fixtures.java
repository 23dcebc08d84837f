package dev.sliflow.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loads the third-party fixtures under test resources {@code fixtures/} (see its README.md). */
final class Fixtures {
    private Fixtures() {}

    static byte[] bytes(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource fixtures/" + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All lines (without the final empty one after a trailing newline). */
    static List<String> lines(String resource) {
        String text = new String(bytes(resource), StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** Non-empty lines, in order (CrowdSec numbers its results this way). */
    static List<String> nonEmptyLines(String resource) {
        List<String> out = new ArrayList<>();
        for (String l : lines(resource)) {
            if (!l.isBlank()) {
                out.add(l);
            }
        }
        return out;
    }

    /** Line text by byte offset of its start (Elastic's {@code log.offset}). */
    static Map<Long, String> linesByOffset(String resource) {
        byte[] b = bytes(resource);
        Map<Long, String> out = new LinkedHashMap<>();
        int start = 0;
        for (int i = 0; i <= b.length; i++) {
            if (i == b.length || b[i] == '\n') {
                if (i > start) {
                    out.put((long) start, new String(b, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return out;
    }

    private static final Pattern ASSERT = Pattern.compile(
            "^(?:FloatApproxEqual\\()?results\\[\"s01-parse\"\\]\\[\"[^\"]*\"\\]\\[(\\d+)\\]\\.(\\S+?)(?: == (.*)|, (.*)\\))$");

    /**
     * CrowdSec's expectations for the parse stage (s01-parse) of a {@code parser.assert}: line index
     * to expression ({@code Success}, {@code Evt.Meta["http_path"]}, ...) to value (strings unquoted).
     */
    static Map<Integer, Map<String, String>> crowdsecExpectations(String resource) {
        Map<Integer, Map<String, String>> out = new TreeMap<>();
        for (String line : lines(resource)) {
            Matcher m = ASSERT.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            int idx = Integer.parseInt(m.group(1));
            String value = m.group(3) != null ? m.group(3) : m.group(4);
            out.computeIfAbsent(idx, k -> new HashMap<>()).put(m.group(2), unquote(value.strip()));
        }
        return out;
    }

    private static String unquote(String v) {
        if (v.length() < 2 || v.charAt(0) != '"') {
            return v;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < v.length() - 1; i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length() - 1) {
                char n = v.charAt(++i);
                sb.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
