package dev.sliflow.parse;

/**
 * nginx access log: "combined" optionally followed by {@code $request_time} and
 * {@code $upstream_response_time} (seconds with a millisecond fraction; the upstream field may be
 * {@code -} or a list such as {@code 0.100, 0.004 : 0.2}), or the ingress-nginx controller format
 * ({@code ... "$http_user_agent" $request_length $request_time [$proxy_upstream_name] ...}).
 * An optional vhost may precede the remote address. latencyMs = request_time x 1000, else the sum
 * of the upstream times, else NaN.
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
        double requestTime = Chars.plainDecimalToken(s, a0, to);
        if (!Double.isNaN(requestTime)) {
            out.latencyMs = requestTime * 1000.0;
            return true;
        }
        int b0 = Chars.tokenEnd(s, a0, to);
        int a1 = Chars.skipSpaces(s, b0, to);
        int b1 = Chars.tokenEnd(s, a1, to);
        int a2 = Chars.skipSpaces(s, b1, to);
        if (Chars.allDigits(s, a0, b0) && Chars.isDottedDecimal(s, a1, b1) && a2 < to && s.charAt(a2) == '[') {
            out.latencyMs = Chars.parseDecimal(s, a1, b1) * 1000.0; // ingress-nginx
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
            out.latencyMs = Chars.parseDecimal(s, a0, b0) * 1000.0;
            return true;
        }
        double sum = upstreamSum(s, b0, to);
        if (sum < 0) {
            return out.reject(RejectReason.BAD_LATENCY, "bad upstream_response_time");
        }
        out.latencyMs = sum * 1000.0;
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
            double requestTime = Bytes.plainDecimalToken(b, a0, to);
            if (Double.isNaN(requestTime)) {
                return false;
            }
            double ms = requestTime * 1000.0;
            if (!(ms >= 0 && ms <= MAX_LATENCY_MS)) {
                return false;
            }
            out.latencyMs = ms;
        }
        return out.accept();
    }

    /**
     * Sum of an {@code $upstream_response_time} list starting at or after {@code p}: numbers separated
     * by ", " or " : ", "-" entries skipped. NaN when there are no numbers, -1 when malformed.
     */
    static double upstreamSum(String s, int p, int to) {
        double sum = 0;
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
                    return any ? sum : (Chars.isDigit(s.charAt(a)) ? -1 : Double.NaN);
                }
                sum += Chars.parseDecimal(s, a, b);
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
        return any ? sum : Double.NaN;
    }

    @Override
    protected boolean requiresAgent() {
        return true;
    }
}
