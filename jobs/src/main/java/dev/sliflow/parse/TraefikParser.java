package dev.sliflow.parse;

/**
 * Traefik's default access log (its "common" format, CLF with Traefik's own fields): combined, then the number
 * of requests Traefik had received since it started, the router name and the backend URL (quoted), and the
 * request duration in whole milliseconds with the unit: {@code ... "Nikto" 244 "test@docker -> leaf@docker"
 * "http://172.17.0.3:80" 42ms}. latencyUs = duration × 1,000. The counter is not a latency: read only to check
 * the layout. Detected by {@code auto} (no other format fits these lines).
 */
public final class TraefikParser extends CombinedLogParser {
    private static final long serialVersionUID = 1L;

    public TraefikParser() {
        this(DEFAULT_MAX_LINE_LENGTH);
    }

    public TraefikParser(int maxLineLength) {
        super(maxLineLength);
    }

    @Override
    public LogFormat format() {
        return LogFormat.TRAEFIK;
    }

    @Override
    protected boolean requiresAgent() {
        return true;
    }

    @Override
    protected boolean parseTrailer(String s, int p, int to, ParseResult out) {
        // the request counter
        int a = Chars.skipSpaces(s, p, to);
        int b = Chars.tokenEnd(s, a, to);
        if (a >= to || !Chars.allDigits(s, a, b)) {
            return out.reject(RejectReason.NOT_AN_ACCESS_LINE, "no Traefik request counter after the user agent");
        }
        // router name and backend URL, quoted ("-" when none)
        for (String what : new String[] {"router name", "backend URL"}) {
            a = Chars.skipSpaces(s, b, to);
            if (a >= to || s.charAt(a) != '"') {
                return out.reject(RejectReason.NOT_AN_ACCESS_LINE, "no quoted Traefik " + what);
            }
            int q = Chars.closingQuote(s, a, to);
            if (q < 0) {
                return out.reject(RejectReason.NOT_AN_ACCESS_LINE, "unterminated Traefik " + what);
            }
            b = q + 1;
        }
        // the duration: <integer>ms, the line's last field
        a = Chars.skipSpaces(s, b, to);
        b = Chars.tokenEnd(s, a, to);
        if (b - a < 3 || s.charAt(b - 2) != 'm' || s.charAt(b - 1) != 's' || !Chars.allDigits(s, a, b - 2)
                || b - 2 - a > 12 || Chars.skipSpaces(s, b, to) < to) {
            return out.reject(RejectReason.BAD_LATENCY, "the Traefik duration is not <integer>ms at the line's end");
        }
        long us = Chars.decimalCeil(s, a, b - 2, 3, false); // whole ms: exact
        if (us < 0) {
            return out.reject(RejectReason.BAD_LATENCY, "the Traefik duration is out of range");
        }
        out.latencyUs = us;
        return true;
    }
}
