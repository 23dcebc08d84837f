package dev.sliflow.parse.reference;

import dev.sliflow.parse.ParseResult;
import dev.sliflow.parse.RejectReason;

/**
 * The pre-optimisation implementation of {@code dev.sliflow.parse.CombinedLogParser} (commit f196bf7), copied
 * verbatim (package and imports aside) and kept as an oracle of {@code CombinedLogEquivalenceTest}: the
 * optimised parsers must give exactly the same {@link dev.sliflow.parse.ParseResult} for every line. Do not
 * change it.
 *
 * <p>Shared scanner for the NCSA combined shape used by nginx and Apache:
 * {@code [vhost] remote_addr ident user [time] "request" status bytes ["referer" "user-agent"]},
 * followed by format-specific trailing fields that subclasses read.
 */
abstract class CombinedLogParser extends AbstractLineParser {
    private static final long serialVersionUID = 1L;

    CombinedLogParser(int maxLineLength) {
        super(maxLineLength);
    }

    @Override
    protected final boolean parse(String s, int from, int to, ParseResult out) {
        int p = parseCombined(s, from, to, out, requiresAgent());
        return p >= 0 && parseTrailer(s, p, to, out);
    }

    /** True when the format always writes referer and user agent (nginx combined), so a line without them is cut. */
    protected boolean requiresAgent() {
        return false;
    }

    /** Reads the trailing fields starting at {@code p} (may be {@code to}) and sets the latency. */
    protected abstract boolean parseTrailer(String s, int p, int to, ParseResult out);

    /**
     * Returns the index after the combined fields, or -1 after rejecting. With {@code requireAgent},
     * a line must carry referer and user agent.
     */
    /** nginx's and Apache's error-log lines, as regular expressions (the product recognises them char by char). */
    private static final java.util.regex.Pattern SERVER_MESSAGE = java.util.regex.Pattern.compile(
            "\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2} \\[.|\\[[A-Za-z]{3} [^\\]]{0,42}\\] \\[.", java.util.regex.Pattern.DOTALL);

    static int parseCombined(String s, int from, int to, ParseResult out, boolean requireAgent) {
        int br = clfBracket(s, from, to);
        if (br < 0) {
            if (SERVER_MESSAGE.matcher(s.substring(from, to)).lookingAt()) {
                out.notAccess("server_message");
            } else {
                out.reject(RejectReason.NOT_AN_ACCESS_LINE, "no [dd/Mon/yyyy:...] timestamp");
            }
            return -1;
        }
        int close = Chars.indexOf(s, ']', br + 1, to);
        if (close < 0 || close + 2 >= to || s.charAt(close + 1) != ' ' || s.charAt(close + 2) != '"') {
            out.reject(RejectReason.NOT_AN_ACCESS_LINE, "no quoted request after the timestamp");
            return -1;
        }
        int rq = close + 2;
        int rqEnd = Chars.closingQuote(s, rq, to);
        if (rqEnd < 0 || rqEnd + 1 >= to || s.charAt(rqEnd + 1) != ' ') {
            out.reject(RejectReason.NOT_AN_ACCESS_LINE, "unterminated request");
            return -1;
        }
        int ss = rqEnd + 2;
        int se = Chars.tokenEnd(s, ss, to);
        if (se >= to) {
            out.reject(RejectReason.NOT_AN_ACCESS_LINE, "no bytes field after the status");
            return -1;
        }
        int bs = se + 1;
        int be = Chars.tokenEnd(s, bs, to);
        if (!Chars.isDash(s, bs, be) && !Chars.allDigits(s, bs, be)) {
            out.reject(RejectReason.NOT_AN_ACCESS_LINE, "bytes field is not a number");
            return -1;
        }
        out.epochMillis = Timestamps.parseClf(s, br + 1, close);
        if (out.epochMillis == Timestamps.INVALID) {
            out.reject(RejectReason.BAD_TIMESTAMP, "expected dd/MMM/yyyy:HH:mm:ss +hhmm");
            return -1;
        }
        hostFromPrefix(s, from, br - 1, out);
        if (!RequestLine.parse(s, rq + 1, rqEnd, out) || !status(s, ss, se, out)) {
            return -1;
        }
        int p = be;
        if (requireAgent && !(p + 1 < to && s.charAt(p + 1) == '"')) {
            out.reject(RejectReason.NOT_AN_ACCESS_LINE, "no referer and user agent after the bytes (truncated line?)");
            return -1;
        }
        if (p + 1 < to && s.charAt(p + 1) == '"') {
            int refEnd = Chars.closingQuote(s, p + 1, to);
            if (refEnd < 0) {
                out.reject(RejectReason.NOT_AN_ACCESS_LINE, "unterminated referer");
                return -1;
            }
            p = refEnd + 1;
            if (p + 1 < to && s.charAt(p + 1) == '"') {
                int uaEnd = Chars.closingQuote(s, p + 1, to);
                if (uaEnd < 0) {
                    out.reject(RejectReason.NOT_AN_ACCESS_LINE, "unterminated user agent");
                    return -1;
                }
                p = uaEnd + 1;
            } else {
                // combined format has a referer AND a user agent; a referer alone is a cut line
                out.reject(RejectReason.NOT_AN_ACCESS_LINE, "referer without user agent (truncated line?)");
                return -1;
            }
        }
        return p;
    }

    /** Index of the '[' opening a {@code [dd/...} timestamp preceded by a space, or -1. */
    static int clfBracket(String s, int from, int to) {
        int i = from;
        while (true) {
            i = Chars.indexOf(s, '[', i + 1, to);
            if (i < 0 || i + 3 >= to) {
                return -1;
            }
            if (s.charAt(i - 1) == ' ' && Chars.isDigit(s.charAt(i + 1)) && Chars.isDigit(s.charAt(i + 2))
                    && s.charAt(i + 3) == '/') {
                return i;
            }
        }
    }

    /**
     * Sets {@code out.host} from an optional vhost before the remote address: the region
     * {@code [from, end)} holds {@code [vhost] remote ident user} (user possibly missing).
     */
    private static void hostFromPrefix(String s, int from, int end, ParseResult out) {
        if (!isRemoteDashUser(s, from, end)) { // the usual "remote - user" has no vhost: the walk would find none
            hostFromPrefixWalk(s, from, end, out);
        }
    }

    /** {@link #hostFromPrefix} without its shortcut. */
    static void hostFromPrefixWalk(String s, int from, int end, ParseResult out) {
        int s1 = tokenStart(s, from, end);
        if (s1 <= from) {
            return;
        }
        int s2 = tokenStart(s, from, s1 - 1);
        int remote;
        if (Chars.isDash(s, s2, s1 - 1) && s2 > from) {
            remote = tokenStart(s, from, s2 - 1); // remote - user
        } else if (Chars.isDash(s, s1, end)) {
            remote = s2; // remote - (no user field)
        } else if (s2 > from) {
            remote = tokenStart(s, from, s2 - 1);
        } else {
            return;
        }
        if (remote <= from + 1) {
            return;
        }
        int pe = remote - 1;
        for (int i = from; i < pe; i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == ',' || c == '"') {
                return;
            }
        }
        if (!looksLikeIp(s, from, pe)) {
            out.host = RequestLine.host(s, from, pe);
        }
    }

    /**
     * True when {@code [from, end)} is exactly {@code remote - user}: three non-empty tokens with
     * single spaces, the middle one {@code -}, no quote and no comma.
     */
    static boolean isRemoteDashUser(String s, int from, int end) {
        int sp = Chars.indexOf(s, ' ', from, end);
        return sp > from && sp + 3 < end && s.charAt(sp + 1) == '-' && s.charAt(sp + 2) == ' '
                && s.charAt(sp + 3) != ' ' && Chars.indexOf(s, ' ', sp + 3, end) < 0
                && Chars.indexOf(s, '"', from, end) < 0 && Chars.indexOf(s, ',', from, end) < 0;
    }

    /** Start of the token ending at {@code end}, merging "a, b" lists and quoted tokens. */
    private static int tokenStart(String s, int lo, int end) {
        int i = end;
        if (i > lo && s.charAt(i - 1) == '"') {
            int q = i - 2;
            while (q >= lo && s.charAt(q) != '"') {
                q--;
            }
            return Math.max(q, lo);
        }
        while (true) {
            while (i > lo && s.charAt(i - 1) != ' ') {
                i--;
            }
            if (i - 2 >= lo && s.charAt(i - 1) == ' ' && s.charAt(i - 2) == ',') {
                i -= 2;
                continue;
            }
            return i;
        }
    }

    private static boolean looksLikeIp(String s, int from, int to) {
        int colons = 0;
        boolean letters = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == ':') {
                colons++;
            } else if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
                letters = true;
            } else if (!Chars.isDigit(c) && c != '.' && c != '[' && c != ']') {
                return false;
            }
        }
        return colons >= 2 || !letters;
    }

    /** End of the token starting at {@code i} (after the closing quote for a quoted one); -1 if unterminated. */
    static int fieldEnd(String s, int i, int to) {
        return Chars.fieldEnd(s, i, to);
    }
}
