package dev.sliflow.parse;

/**
 * nginx access log: "combined" optionally followed by {@code $request_time} and
 * {@code $upstream_response_time} (seconds with a millisecond fraction; the upstream field may be
 * {@code -} or a list such as {@code 0.100, 0.004 : 0.2}), or the ingress-nginx controller format
 * ({@code ... "$http_user_agent" $request_length $request_time [$proxy_upstream_name] ...}).
 * An optional vhost may precede the remote address. latency = request_time, else the sum of the
 * upstream times, else none; read exactly from the text (integers, see {@link ParseResult#latencyUs}).
 */
public final class NginxParser extends CombinedLogParser {
    private static final long serialVersionUID = 1L;

    public NginxParser() {
        this(DEFAULT_MAX_LINE_LENGTH);
    }

    public NginxParser(int maxLineLength) {
        super(maxLineLength);
    }

    @Override
    public LogFormat format() {
        return LogFormat.NGINX;
    }

    @Override
    protected boolean parseTrailer(String s, int p, int to, ParseResult out) {
        int a0 = Chars.skipSpaces(s, p, to);
        if (a0 >= to || s.charAt(a0) == '"') {
            return true; // no latency fields (or other custom quoted fields)
        }
        // The usual trailer starts with $request_time in seconds.millis: read it in one pass. Such a
        // token is not all digits (so not ingress-nginx's $request_length) and is the dotted decimal
        // the general path below would parse, after finding the next two tokens.
        long requestTime = Chars.plainDecimalMicros(s, a0, to);
        if (requestTime >= 0) {
            out.latencyUs = requestTime;
            return true;
        }
        int b0 = Chars.tokenEnd(s, a0, to);
        int a1 = Chars.skipSpaces(s, b0, to);
        int b1 = Chars.tokenEnd(s, a1, to);
        int a2 = Chars.skipSpaces(s, b1, to);
        if (Chars.allDigits(s, a0, b0) && Chars.isDottedDecimal(s, a1, b1) && a2 < to && s.charAt(a2) == '[') {
            out.latencyUs = Chars.decimalCeil(s, a1, b1, 6, false); // ingress-nginx
            return true;
        }
        if (!Chars.isDash(s, a0, b0)) {
            char c = s.charAt(a0);
            if (!Chars.isDigit(c) && c != '-' && c != '.') {
                return true; // some other custom field: no latency
            }
            if (!Chars.isDottedDecimal(s, a0, b0)) {
                return out.reject(RejectReason.BAD_LATENCY, "request_time is not seconds.millis");
            }
            out.latencyUs = Chars.decimalCeil(s, a0, b0, 6, false);
            return true;
        }
        long sum = upstreamMicros(s, b0, to);
        if (sum == Chars.NOT_DECIMAL) {
            return out.reject(RejectReason.BAD_LATENCY, "bad upstream_response_time");
        }
        out.latencyUs = sum;
        return true;
    }

    /**
     * The byte fast path: a plain combined line ({@link #parseCombinedPlain}) with nothing after the
     * user agent or a {@code $request_time} of {@code seconds.millis} first; any other line goes to
     * {@link #parse(String, ParseResult)} (the caller decodes it).
     */
    @Override
    public boolean parsePlain(byte[] b, int from, int to, ParseResult out) {
        out.reset();
        // lines needing trimming, and lines the string path may reject for their length, take the string path
        if (to <= from || to - from > maxLineLength() || (b[from] & 0xff) <= ' ' || (b[to - 1] & 0xff) <= ' ') {
            return false;
        }
        int p = parseCombinedPlain(b, from, to, out, true);
        if (p < 0) {
            return false;
        }
        int a0 = Bytes.skipSpaces(b, p, to);
        if (a0 < to && b[a0] != '"') {
            long us = Bytes.plainDecimalMicros(b, a0, to); // -1 when not that token
            if (us < 0 || us > MAX_LATENCY_US) {
                return false;
            }
            out.latencyUs = us;
        }
        return out.accept();
    }

    /**
     * Sum of an {@code $upstream_response_time} list starting at or after {@code p}: numbers separated
     * by ", " or " : ", "-" entries skipped; in microseconds rounded up from the exact sum (integer
     * nanoseconds, or BigDecimal for a time finer than that). {@link ParseResult#NO_LATENCY} when there
     * are no numbers, {@link Chars#NOT_DECIMAL} when malformed.
     */
    static long upstreamMicros(String s, int p, int to) {
        long ns = 0;
        java.math.BigDecimal finer = null;
        boolean any = false;
        while (true) {
            int a = Chars.skipSpaces(s, p, to);
            if (a >= to) {
                break;
            }
            int b = a;
            while (b < to && s.charAt(b) != ' ' && s.charAt(b) != ',') {
                b++;
            }
            if (!Chars.isDash(s, a, b)) {
                if (!Chars.isDottedDecimal(s, a, b) && !Chars.allDigits(s, a, b)) {
                    if (any) {
                        break;
                    }
                    return Chars.isDigit(s.charAt(a)) ? Chars.NOT_DECIMAL : ParseResult.NO_LATENCY;
                }
                long v = Chars.decimalCeil(s, a, b, 9, true);
                if (v == Chars.FINER) {
                    java.math.BigDecimal t = new java.math.BigDecimal(s.substring(a, b));
                    finer = finer == null ? t : finer.add(t);
                } else {
                    ns = Chars.addUnits(ns, v);
                }
                any = true;
            }
            // continue only across a list separator
            int n = Chars.skipSpaces(s, b, to);
            if (n < to && (s.charAt(n) == ',' || s.charAt(n) == ':')) {
                p = n + 1;
            } else {
                break;
            }
        }
        return any ? Chars.sumMicros(ns, finer) : ParseResult.NO_LATENCY;
    }

    @Override
    protected boolean requiresAgent() {
        return true;
    }
}
