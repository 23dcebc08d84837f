package dev.sliflow.journey;

import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Pattern;

/** One rule of the journey catalog: a match (method, path, host) and the journey's SLI settings. */
public final class Journey implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String name;
    /** Upper-case method, or null for any. */
    private final String method;
    private final PathMatcher path;
    /** Host pattern (full match, case-insensitive), or null for any. */
    private final Pattern host;
    private final StatusRule badStatus;
    private final int[] thresholdsMs;

    public Journey(String name, String method, PathMatcher path, Pattern host, StatusRule badStatus, int[] thresholdsMs) {
        this.name = name;
        this.method = method == null ? null : method.toUpperCase(Locale.ROOT).intern(); // parsers hand out interned methods
        this.path = path;
        this.host = host;
        this.badStatus = badStatus;
        this.thresholdsMs = thresholdsMs.clone();
    }

    /** After Java deserialization (Flink ships the catalog to its tasks): the method interned again. */
    private Object readResolve() {
        return new Journey(name, method, path, host, badStatus, thresholdsMs);
    }

    public boolean matches(String reqMethod, String reqHost, String reqPath) {
        if (method != null && method != reqMethod && !method.equalsIgnoreCase(reqMethod)) {
            return false;
        }
        if (host != null && (reqHost == null || !host.matcher(reqHost).matches())) {
            return false;
        }
        return path == null || path.matches(reqPath);
    }

    public String name() {
        return name;
    }

    /** Upper-case method, or null for any. */
    public String method() {
        return method;
    }

    /** The path rule (a template, or a regex whose {@link PathMatcher#describe()} starts with "regex:"), or null for any. */
    public PathMatcher path() {
        return path;
    }

    /** The host pattern (full match, case-insensitive), or null for any. */
    public Pattern host() {
        return host;
    }

    public StatusRule badStatus() {
        return badStatus;
    }

    /** Latency thresholds in ms, ascending, distinct. */
    public int[] thresholdsMs() {
        return thresholdsMs;
    }

    public String describe() {
        return (method == null ? "*" : method) + " " + (path == null ? "**" : path.describe())
                + (host == null ? "" : " host=" + host.pattern());
    }
}
