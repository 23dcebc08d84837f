package dev.sliflow.parse.reference;

import dev.sliflow.parse.LogFormat;
import dev.sliflow.parse.ParseResult;
import dev.sliflow.parse.RejectReason;

/**
 * The pre-optimisation implementation of {@code dev.sliflow.parse.NginxParser} (commit f196bf7), copied
 * verbatim (package and imports aside) and kept as an oracle of {@code CombinedLogEquivalenceTest}: the
 * optimised parsers must give exactly the same {@link dev.sliflow.parse.ParseResult} for every line. Do not
 * change it (except its latency lines: since issue 27 item 10 the latency is exact integer microseconds, computed
 * here with BigDecimal, independently of the product's integer scanner — see {@link Chars#micros}).
 *
 * <p>nginx access log: "combined" optionally followed by {@code $request_time} and
 * {@code $upstream_response_time} (seconds with a millisecond fraction; the upstream field may be
 * {@code -} or a list such as {@code 0.100, 0.004 : 0.2}), or the ingress-nginx controller format
 * ({@code ... "$http_user_agent" $request_length $request_time [$proxy_upstream_name] ...}).
 * An optional vhost may precede the remote address. latencyUs = request_time x 10^6 rounded up, else
 * the exact sum of the upstream times so rounded, else none.
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
        int b0 = Chars.tokenEnd(s, a0, to);
        int a1 = Chars.skipSpaces(s, b0, to);
        int b1 = Chars.tokenEnd(s, a1, to);
        int a2 = Chars.skipSpaces(s, b1, to);
        if (Chars.allDigits(s, a0, b0) && Chars.isDottedDecimal(s, a1, b1) && a2 < to && s.charAt(a2) == '[') {
            out.latencyUs = Chars.micros(new java.math.BigDecimal(s.substring(a1, b1))); // ingress-nginx
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
            out.latencyUs = Chars.micros(new java.math.BigDecimal(s.substring(a0, b0)));
            return true;
        }
        java.math.BigDecimal sum = upstreamSum(s, b0, to);
        if (sum == MALFORMED) {
            return out.reject(RejectReason.BAD_LATENCY, "bad upstream_response_time");
        }
        out.latencyUs = sum == null ? ParseResult.NO_LATENCY : Chars.micros(sum);
        return true;
    }

    /**
     * Sum of an {@code $upstream_response_time} list starting at or after {@code p}: numbers separated
     * by ", " or " : ", "-" entries skipped. Null when there are no numbers, MALFORMED when malformed.
     */
    static java.math.BigDecimal upstreamSum(String s, int p, int to) {
        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
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
                    return any ? sum : (Chars.isDigit(s.charAt(a)) ? MALFORMED : null);
                }
                sum = sum.add(new java.math.BigDecimal(s.substring(a, b)));
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
        return any ? sum : null;
    }

    private static final java.math.BigDecimal MALFORMED = java.math.BigDecimal.valueOf(-1);

    @Override
    protected boolean requiresAgent() {
        return true;
    }
}
