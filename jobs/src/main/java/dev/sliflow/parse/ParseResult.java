package dev.sliflow.parse;

/**
 * The outcome of parsing one access-log line: either the request fields, or a rejection with a
 * reason. Mutable and reused by the caller for every line, so that the hot path allocates nothing
 * beyond the strings it extracts.
 *
 * <p>Fields are normalised: {@link #epochMillis} is a UTC instant, {@link #path} never carries a
 * query string, {@link #latencyUs} is in whole microseconds ({@link #NO_LATENCY} when the format or
 * the line has none).
 */
public final class ParseResult {
    private boolean ok;
    private boolean nonAccess;
    private String reasonCode;
    private String reasonDetail;

    public long epochMillis;
    public String method;
    /** Request path without query string or fragment; never null when parsed. */
    public String path;
    /** Host the request was addressed to (Host header, vhost, ALB request URL), or null. */
    public String host;
    /** The proxy-side origin of the line: ALB name, HAProxy frontend, Envoy cluster; or null. */
    public String origin;
    public int status;
    /** {@link #latencyUs} of a line that carries no latency. */
    public static final long NO_LATENCY = -1;

    /**
     * Total request latency in whole microseconds, read exactly from the line's text (integers only,
     * sums included) and rounded up when the text is finer: for an integer threshold {@code T} µs,
     * {@code ceil(x) <= T} exactly when {@code x <= T}, so comparisons with whole-millisecond
     * thresholds ({@code T = ms × 1000}) are exact. {@link #NO_LATENCY} when the line carries none.
     */
    public long latencyUs;

    /** Clears every field; parsers call this first. */
    public ParseResult reset() {
        ok = false;
        nonAccess = false;
        reasonCode = null;
        reasonDetail = null;
        epochMillis = Long.MIN_VALUE;
        method = null;
        path = null;
        host = null;
        origin = null;
        status = 0;
        latencyUs = NO_LATENCY;
        return this;
    }

    /** Marks the line parsed; returns true so that parsers can {@code return out.accept();}. */
    public boolean accept() {
        ok = true;
        nonAccess = false;
        reasonCode = null;
        reasonDetail = null;
        return true;
    }

    /**
     * Marks the line rejected; returns false so that parsers can {@code return out.reject(...)}.
     *
     * @param code a stable, lower_snake_case reason (e.g. {@code bad_timestamp}) that analysts group by
     * @param detail a short human explanation, never a copy of the raw line
     */
    public boolean reject(String code, String detail) {
        ok = false;
        nonAccess = false;
        reasonCode = code;
        reasonDetail = detail;
        return false;
    }

    /**
     * Marks the line as no request at all — a W3C directive ({@code #Fields: …}), a server's own message
     * — counted apart from rejects (the audit's {@code non_access}); returns false like {@link #reject}.
     *
     * @param kind a stable, lower_snake_case kind (e.g. {@code directive})
     */
    public boolean notAccess(String kind) {
        ok = false;
        nonAccess = true;
        reasonCode = kind;
        reasonDetail = null;
        return false;
    }

    /** Whether the last line was {@link #notAccess no request} (then {@link #ok()} is false). */
    public boolean nonAccess() {
        return nonAccess;
    }

    public boolean ok() {
        return ok;
    }

    public String reasonCode() {
        return reasonCode;
    }

    public String reasonDetail() {
        return reasonDetail;
    }

    /** "code: detail" for people. */
    public String reason() {
        return reasonDetail == null ? reasonCode : reasonCode + ": " + reasonDetail;
    }

    public boolean hasLatency() {
        return latencyUs != NO_LATENCY;
    }

    /** The latency in milliseconds, NaN without one: for people and tests; thresholds compare {@link #latencyUs}. */
    public double latencyMs() {
        return latencyUs == NO_LATENCY ? Double.NaN : latencyUs / 1000.0;
    }
}
