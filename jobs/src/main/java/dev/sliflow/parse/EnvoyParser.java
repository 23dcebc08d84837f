package dev.sliflow.parse;

/**
 * Envoy's default text access log:
 * {@code [%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE%
 * %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)%
 * "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%"}.
 * Also tolerates the Istio-style variant with {@code %RESPONSE_CODE_DETAILS%
 * %CONNECTION_TERMINATION_DETAILS% "%UPSTREAM_TRANSPORT_FAILURE_REASON%"} before the byte counts,
 * extra trailing fields, and a Kubernetes CRI prefix. latency = {@code %DURATION%} ms; host = authority.
 */
public final class EnvoyParser extends AbstractLineParser {
    private static final long serialVersionUID = 1L;

    public EnvoyParser() {
        this(DEFAULT_MAX_LINE_LENGTH);
    }

    public EnvoyParser(int maxLineLength) {
        super(maxLineLength);
    }

    @Override
    public LogFormat format() {
        return LogFormat.ENVOY;
    }

    @Override
    protected boolean parse(String s, int from, int to, ParseResult out) {
        int p = from; // container wrappers are unwrapped before (AbstractLineParser)
        if (s.charAt(p) != '[') {
            return out.reject(RejectReason.NOT_AN_ACCESS_LINE, "no [START_TIME]");
        }
        int close = Chars.indexOf(s, ']', p + 1, Math.min(to, p + 64));
        if (close < 0 || close + 2 >= to || s.charAt(close + 1) != ' ' || s.charAt(close + 2) != '"') {
            return out.reject(RejectReason.NOT_AN_ACCESS_LINE, "no quoted request after [START_TIME]");
        }
        int rq = close + 2;
        int rqEnd = Chars.closingQuote(s, rq, to);
        if (rqEnd < 0) {
            return out.reject(RejectReason.NOT_AN_ACCESS_LINE, "unterminated request");
        }
        if (rqEnd - rq == 6 && s.startsWith("\"- - -\"", rq)) {
            return out.notAccess(ServerMessages.TCP_CONNECTION); // a TCP proxy's connection: no HTTP request
        }
        int ss = Chars.skipSpaces(s, rqEnd + 1, to);
        int se = Chars.tokenEnd(s, ss, to);
        if (ss >= to || !Chars.allDigits(s, ss, se)) {
            return out.reject(RejectReason.NOT_AN_ACCESS_LINE, "no numeric response code");
        }
        out.epochMillis = Timestamps.parseIso(s, p + 1, close);
        if (out.epochMillis == Timestamps.INVALID) {
            return out.reject(RejectReason.BAD_TIMESTAMP, "START_TIME is not ISO-8601");
        }
        if (!RequestLine.parse(s, rq + 1, rqEnd, out) || !status(s, ss, se, out)) {
            return false;
        }
        // Find the run of >= 4 unquoted tokens ending at the first quoted field after it;
        // DURATION is its second-to-last token.
        int run = 0;
        int prevS = -1;
        int prevE = -1;
        int lastS = -1;
        int lastE = -1;
        int i = se;
        int quotedStart = -1;
        while (true) {
            i = Chars.skipSpaces(s, i, to);
            if (i >= to) {
                break;
            }
            if (s.charAt(i) == '"') {
                if (run >= 4) {
                    quotedStart = i;
                    break;
                }
                int e = Chars.fieldEnd(s, i, to);
                if (e < 0) {
                    return out.reject(RejectReason.NOT_AN_ACCESS_LINE, "unterminated quoted field");
                }
                run = 0;
                i = e;
                continue;
            }
            int e = Chars.tokenEnd(s, i, to);
            prevS = lastS;
            prevE = lastE;
            lastS = i;
            lastE = e;
            run++;
            i = e;
        }
        if (run < 4) {
            return out.reject(RejectReason.NOT_AN_ACCESS_LINE, "missing flags/bytes/duration fields");
        }
        if (!Chars.isDash(s, prevS, prevE)) {
            long us = Chars.decimalCeil(s, prevS, prevE, 3, false); // ms: exact, rounded up to the µs
            if (us == Chars.NOT_DECIMAL) {
                return out.reject(RejectReason.BAD_LATENCY, "DURATION is not milliseconds");
            }
            out.latencyUs = us;
        }
        if (quotedStart >= 0) {
            authority(s, quotedStart, to, out);
        }
        return true;
    }

    /** Sets host from the 4th quoted field (XFF, UA, request id, authority). */
    private static void authority(String s, int i, int to, ParseResult out) {
        for (int k = 0; k < 4; k++) {
            i = Chars.skipSpaces(s, i, to);
            if (i >= to || s.charAt(i) != '"') {
                return;
            }
            int e = Chars.closingQuote(s, i, to);
            if (e < 0) {
                return;
            }
            if (k == 3 && !Chars.isDash(s, i + 1, e) && e > i + 1) {
                out.host = RequestLine.host(s, i + 1, e);
            }
            i = e + 1;
        }
    }
}
