package dev.sliflow.parse;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * HAProxy HTTP log ({@code option httplog}), with or without a syslog prefix:
 * {@code client:port [dd/MMM/yyyy:HH:mm:ss.SSS] frontend[~] backend/server [host] Tq/Tw/Tc/Tr/Tt status
 * bytes ... [{captured headers}] "METHOD PATH PROTO"}. latency = Tt ms (a leading '+' is allowed;
 * -1 gives none); origin = frontend without '~'. The accept date has no zone: it is read in the
 * configured zone (UTC by default). TCP-mode and connection-error lines are not access lines.
 */
public final class HaproxyParser extends AbstractLineParser {
    private static final long serialVersionUID = 1L;

    private final ZoneId zone;

    public HaproxyParser() {
        this(ZoneOffset.UTC, DEFAULT_MAX_LINE_LENGTH);
    }

    public HaproxyParser(ZoneId zone, int maxLineLength) {
        super(maxLineLength);
        this.zone = zone == null ? ZoneOffset.UTC : zone;
    }

    @Override
    public LogFormat format() {
        return LogFormat.HAPROXY;
    }

    @Override
    protected boolean parse(String s, int from, int to, ParseResult out) {
        int br = CombinedLogParser.clfBracket(s, from, to);
        if (br < 0) {
            return out.reject(RejectReason.NOT_AN_ACCESS_LINE, "no [dd/Mon/yyyy:...] accept date");
        }
        int close = Chars.indexOf(s, ']', br + 1, Math.min(to, br + 40));
        if (close < 0) {
            return out.reject(RejectReason.NOT_AN_ACCESS_LINE, "unterminated accept date");
        }
        // frontend
        int fs = Chars.skipSpaces(s, close + 1, to);
        int fe = Chars.tokenEnd(s, fs, to);
        // backend/server
        int bs = Chars.skipSpaces(s, fe, to);
        int be = Chars.tokenEnd(s, bs, to);
        // optional host, then timers
        int ts = Chars.skipSpaces(s, be, to);
        int te = Chars.tokenEnd(s, ts, to);
        String host = null;
        if (!isTimers(s, ts, te)) {
            int hs = ts;
            int he = te;
            ts = Chars.skipSpaces(s, te, to);
            te = Chars.tokenEnd(s, ts, to);
            if (!isTimers(s, ts, te)) {
                if (fe > fs && s.charAt(fe - 1) == ':' && Chars.indexOf(s, '/', fs, fe) > fs) {
                    // "<client> [date] frontend/bind: SSL handshake failure": a connection-level message, no request
                    return out.notAccess(ServerMessages.SERVER_MESSAGE);
                }
                return out.reject(RejectReason.NOT_AN_ACCESS_LINE, "no Tq/Tw/Tc/Tr/Tt timers");
            }
            host = RequestLine.host(s, hs, he);
        }
        if (fe <= fs || Chars.indexOf(s, '/', bs, be) < 0) {
            return out.reject(RejectReason.NOT_AN_ACCESS_LINE, "no frontend and backend/server");
        }
        int ss = Chars.skipSpaces(s, te, to);
        int se = Chars.tokenEnd(s, ss, to);
        // the request: first quoted field after the status, skipping {captured headers}
        int i = se;
        int rq = -1;
        while (true) {
            i = Chars.skipSpaces(s, i, to);
            if (i >= to) {
                break;
            }
            char c = s.charAt(i);
            if (c == '"') {
                rq = i;
                break;
            }
            if (c == '{') {
                int cb = Chars.indexOf(s, '}', i + 1, to);
                if (cb < 0) {
                    break;
                }
                i = cb + 1;
            } else {
                i = Chars.tokenEnd(s, i, to);
            }
        }
        if (rq < 0) {
            return out.reject(RejectReason.NOT_AN_ACCESS_LINE, "no quoted request (not an HTTP log line)");
        }
        int rqEnd = Chars.closingQuote(s, rq, to);
        if (rqEnd < 0) {
            return out.reject(RejectReason.NOT_AN_ACCESS_LINE, "unterminated request");
        }
        out.epochMillis = Timestamps.parseClfLocal(s, br + 1, close, zone);
        if (out.epochMillis == Timestamps.INVALID) {
            return out.reject(RejectReason.BAD_TIMESTAMP, "expected dd/MMM/yyyy:HH:mm:ss.SSS");
        }
        out.host = host;
        if (!RequestLine.parse(s, rq + 1, rqEnd, out) || !status(s, ss, se, out)) {
            return false;
        }
        int tt = te;
        while (s.charAt(tt - 1) != '/') {
            tt--;
        }
        if (s.charAt(tt) == '+') {
            tt++;
        }
        if (!Chars.equals(s, tt, te, "-1")) {
            int v = Chars.parseUInt(s, tt, te);
            if (v < 0) {
                return out.reject(RejectReason.BAD_LATENCY, "Tt is not milliseconds");
            }
            out.latencyUs = v * 1000L;
        }
        int oe = fe;
        if (s.charAt(oe - 1) == '~' && oe - 1 > fs) {
            oe--;
        }
        out.origin = s.substring(fs, oe);
        return true;
    }

    /** Exactly five '/'-separated fields of digits, optionally signed ('-1', '+123'). */
    private static boolean isTimers(String s, int from, int to) {
        int fields = 1;
        int digits = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '/') {
                if (digits == 0) {
                    return false;
                }
                fields++;
                digits = 0;
            } else if (Chars.isDigit(c)) {
                digits++;
            } else if ((c == '-' || c == '+') && (i == from || s.charAt(i - 1) == '/')) {
                continue;
            } else {
                return false;
            }
        }
        return fields == 5 && digits > 0;
    }
}
