package dev.sliflow.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The container log wrappers around a server's own line, which every format reads through:
 * <ul>
 *   <li>Kubernetes CRI: {@code 2026-03-01T10:00:00.123456789Z stdout F <line>} ({@link Cri});
 *   <li>Docker's json-file driver: {@code {"log":"<line>\n","stream":"stdout","time":"…"}} (the line is the
 *       decoded {@code log} value; the wrapper's own time is not the request's);
 *   <li>{@code docker compose logs}: {@code <service>  | <line>} (a service name, spaces, a bar, a space).
 * </ul>
 * A wrapper is recognised by its exact shape, never guessed from a part of it.
 */
final class Wrappers {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_SERVICE_NAME = 64;

    private Wrappers() {}

    /**
     * The line inside a wrapper of {@code s[from, to)}, or null when the line has none. A Docker json-file line
     * whose {@code log} cannot be decoded has none either (the line is then read, and rejected, as it is).
     */
    static String unwrap(String s, int from, int to) {
        char c = s.charAt(from);
        if (c == '{') {
            return s.startsWith("{\"log\":\"", from) ? dockerJsonLog(s, from, to) : null;
        }
        int cri = Cri.contentStart(s, from, to);
        if (cri > from) {
            return s.substring(cri, to);
        }
        int compose = composeContentStart(s, from, to);
        return compose > from ? s.substring(compose, to) : null;
    }

    /** Start of the line after a {@code docker compose} prefix ({@code web-1  | }), or {@code from} when none. */
    static int composeContentStart(String s, int from, int to) {
        int i = from;
        int end = Math.min(to, from + MAX_SERVICE_NAME);
        while (i < end) {
            char c = s.charAt(i);
            if (!(Chars.isLetter(c) || Chars.isDigit(c) || c == '-' || c == '_' || c == '.')) {
                break;
            }
            i++;
        }
        if (i == from || i >= to || s.charAt(i) != ' ') {
            return from;
        }
        while (i < to && s.charAt(i) == ' ') {
            i++;
        }
        if (i + 1 < to && s.charAt(i) == '|' && s.charAt(i + 1) == ' ') {
            return i + 2;
        }
        return from;
    }

    private static String dockerJsonLog(String s, int from, int to) {
        try (JsonParser p = JSON.createParser(s.substring(from, to))) {
            if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME
                    || p.nextToken() != JsonToken.VALUE_STRING) {
                return null;
            }
            String log = p.getText();
            // the rest must be a well-formed object too: a cut line is not unwrapped
            while (p.nextToken() != JsonToken.END_OBJECT) {
                if (p.currentToken() == null) {
                    return null;
                }
                p.skipChildren();
            }
            return log;
        } catch (IOException e) {
            return null;
        }
    }
}
