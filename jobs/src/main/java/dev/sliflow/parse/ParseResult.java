package dev.sliflow.parse;

/**
 * The outcome of parsing one access-log line: either the request fields, or a rejection with a
 * reason. Mutable and reused by the caller for every line, so that the hot path allocates nothing
 * beyond the strings it extracts.
 *
 * <p>Fields are normalised: {@link #epochMillis} is a UTC instant, {@link #path} never carries a
 * query string, {@link #latencyMs} is in milliseconds ({@code NaN} when the format or the line has
 * no latency).
 */
public final class ParseResult {
    private boolean ok;
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
    /** Total request latency in milliseconds; NaN when the line carries none. */
    public double latencyMs;

    /** Clears every field; parsers call this first. */
    public ParseResult reset() {
        ok = false;
        reasonCode = null;
        reasonDetail = null;
        epochMillis = Long.MIN_VALUE;
        method = null;
        path = null;
        host = null;
        origin = null;
        status = 0;
        latencyMs = Double.NaN;
        return this;
    }

    /** Marks the line parsed; returns true so that parsers can {@code return out.accept();}. */
    public boolean accept() {
        ok = true;
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
        reasonCode = code;
        reasonDetail = detail;
        return false;
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
        return !Double.isNaN(latencyMs);
    }
}
