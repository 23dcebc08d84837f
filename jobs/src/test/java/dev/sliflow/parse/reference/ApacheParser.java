package dev.sliflow.parse.reference;

import dev.sliflow.parse.LogFormat;
import dev.sliflow.parse.ParseResult;
import dev.sliflow.parse.RejectReason;

/**
 * The pre-optimisation implementation of {@code dev.sliflow.parse.ApacheParser} (commit f196bf7), copied
 * verbatim (package and imports aside) and kept as an oracle of {@code CombinedLogEquivalenceTest}: the
 * optimised parsers must give exactly the same {@link dev.sliflow.parse.ParseResult} for every line. Do not
 * change it (except its latency lines: since issue 27 item 10 the latency is exact integer microseconds, computed
 * here with BigDecimal, independently of the product's integer scanner — see {@link Chars#micros}; and since issue
 * 28 an integer followed by more fields is rejected, not taken as {@code %D}).
 *
 * <p>Apache httpd access log: combined (or common) followed by an optional {@code %D} (microseconds);
 * an optional vhost ({@code %v} or {@code %v:%p}) may precede the remote address. latencyUs = D, none
 * without {@code %D}. Error-log lines are rejected as {@code not_an_access_line}.
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
        if (!s.substring(b, to).isBlank()) {
            return out.reject(RejectReason.BAD_LATENCY, "fields after the integer that would be %D: declare the"
                    + " layout with --format 'apache:<LogFormat>'");
        }
        out.latencyUs = Chars.micros(new java.math.BigDecimal(s.substring(a, b)).movePointLeft(6));
        return true;
    }
}
