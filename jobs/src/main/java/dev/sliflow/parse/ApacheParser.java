package dev.sliflow.parse;

/**
 * Apache httpd access log: combined (or common) followed by an optional {@code %D} (microseconds);
 * an optional vhost ({@code %v} or {@code %v:%p}) may precede the remote address. latencyUs = D,
 * none without {@code %D}. {@code %D} is the line's last field: an integer followed by more fields is rejected
 * (which one is the latency is not known). Error-log lines are rejected as {@code not_an_access_line}.
 */
public final class ApacheParser extends CombinedLogParser {
    private static final long serialVersionUID = 1L;

    public ApacheParser() {
        this(DEFAULT_MAX_LINE_LENGTH);
    }

    public ApacheParser(int maxLineLength) {
        super(maxLineLength);
    }

    @Override
    public LogFormat format() {
        return LogFormat.APACHE;
    }

    @Override
    protected boolean parseTrailer(String s, int p, int to, ParseResult out) {
        int a = Chars.skipSpaces(s, p, to);
        if (a >= to || s.charAt(a) == '"') {
            return true;
        }
        int b = Chars.tokenEnd(s, a, to);
        if (Chars.isDash(s, a, b)) {
            return true;
        }
        char c = s.charAt(a);
        if (!Chars.isDigit(c) && c != '-' && c != '.') {
            return true; // another custom field
        }
        if (!Chars.allDigits(s, a, b) || b - a > 15) {
            return out.reject(RejectReason.BAD_LATENCY, "%D is not integer microseconds");
        }
        if (Chars.skipSpaces(s, b, to) < to) {
            // combined + %D ends with %D: with more fields after it, which one is the latency is not known
            return out.reject(RejectReason.BAD_LATENCY, "fields after the integer that would be %D: declare the"
                    + " layout with --format 'apache:<LogFormat>'");
        }
        out.latencyUs = Chars.decimalCeil(s, a, b, 0, false); // 1..15 digits: exact
        return true;
    }
}
