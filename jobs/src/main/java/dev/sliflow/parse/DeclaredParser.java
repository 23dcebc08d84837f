package dev.sliflow.parse;

import dev.sliflow.parse.DeclaredField.Kind;
import dev.sliflow.parse.DeclaredField.Role;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Reads lines of a {@link DeclaredFormat}: matches its literals from left to right, each variable's value
 * ending where the next literal starts (after the spaces the value always holds; at the closing quote when
 * quoted; after the last entry of an nginx upstream list), then reads the fields the format supplies. A line
 * that does not match is rejected as {@code not_an_access_line} with where it departs from the format.
 */
public final class DeclaredParser extends AbstractLineParser {
    private static final long serialVersionUID = 1L;

    private final DeclaredFormat format;
    private final int[] starts;
    private final int[] ends;
    private transient DateTimeFormatter timePattern;

    public DeclaredParser(DeclaredFormat format, int maxLineLength) {
        super(maxLineLength);
        this.format = format;
        this.starts = new int[format.fields.length];
        this.ends = new int[format.fields.length];
    }

    @Override
    public LogFormat format() {
        return LogFormat.DECLARED;
    }

    @Override
    protected boolean parse(String s, int from, int to, ParseResult out) {
        String[] lit = format.literals;
        DeclaredField[] fields = format.fields;
        int p = from;
        if (!s.startsWith(lit[0], p)) {
            return out.reject(RejectReason.NOT_AN_ACCESS_LINE, "does not start with '" + lit[0] + "'");
        }
        p += lit[0].length();
        for (int i = 0; i < fields.length; i++) {
            int end = valueEnd(i, s, p, to);
            if (end < 0) {
                return out.reject(RejectReason.NOT_AN_ACCESS_LINE, lit[i + 1].isEmpty()
                        ? "no value of " + fields[i].name() : "no '" + lit[i + 1] + "' after " + fields[i].name());
            }
            starts[i] = p;
            ends[i] = end;
            p = end + lit[i + 1].length();
        }
        if (p != to) {
            return out.reject(RejectReason.NOT_AN_ACCESS_LINE, "text after the declared format's last field");
        }
        return host(s, out) && request(s, out) && time(s, out) && readStatus(s, out) && latency(s, out);
    }

    /** End of field i's value starting at {@code p}, where literal i+1 follows; -1 when it does not. */
    private int valueEnd(int i, String s, int p, int to) {
        DeclaredField f = format.fields[i];
        String next = format.literals[i + 1];
        int end;
        if (f.bracketed()) {
            end = p < to && s.charAt(p) == '[' ? Chars.indexOf(s, ']', p, to) : -1;
            end = end < 0 ? -1 : end + 1;
        } else if (format.quoted[i]) {
            end = Chars.closingQuote(s, p - 1, to);
        } else if (f.list()) {
            end = listEnd(s, p, to);
        } else {
            int q = p;
            for (int k = 0; k < f.spaces() && q >= 0; k++) {
                q = Chars.indexOf(s, ' ', q, to);
                q = q < 0 ? -1 : q + 1;
            }
            if (q < 0) {
                end = -1;
            } else if (!next.isEmpty()) {
                end = s.indexOf(next, q);
            } else {
                // the last field: an opaque one takes the rest of the line, one sliflow reads is one token
                end = f.kind() == Kind.OPAQUE ? to : Chars.tokenEnd(s, q, to);
            }
        }
        return end >= 0 && end + next.length() <= to && s.startsWith(next, end) ? end : -1;
    }

    /** End of an nginx upstream list at {@code p}: entries separated by {@code ", "} or {@code " : "}. */
    private static int listEnd(String s, int p, int to) {
        int i = p;
        while (true) {
            while (i < to && s.charAt(i) != ' ' && s.charAt(i) != ',') {
                i++;
            }
            if (i + 1 < to && s.charAt(i) == ',' && s.charAt(i + 1) == ' ') {
                i += 2;
            } else if (i + 2 < to && s.charAt(i) == ' ' && s.charAt(i + 1) == ':' && s.charAt(i + 2) == ' ') {
                i += 3;
            } else {
                return i;
            }
        }
    }

    private boolean host(String s, ParseResult out) {
        int i = format.field(Role.HOST);
        if (i >= 0 && ends[i] > starts[i] && !Chars.isDash(s, starts[i], ends[i])) {
            out.host = RequestLine.host(s, starts[i], ends[i]);
        }
        return true;
    }

    private boolean request(String s, ParseResult out) {
        int r = format.field(Role.REQUEST);
        if (r >= 0) {
            return RequestLine.parse(s, starts[r], ends[r], out);
        }
        int m = format.field(Role.METHOD);
        if (!RequestLine.validMethod(s, starts[m], ends[m])) {
            return out.reject(RejectReason.BAD_REQUEST_LINE, "invalid method");
        }
        int u = format.field(Role.PATH);
        if (!RequestLine.path(s, starts[u], ends[u], out)) {
            return false;
        }
        out.method = RequestLine.method(s, starts[m], ends[m]);
        return true;
    }

    private boolean time(String s, ParseResult out) {
        int i = format.field(Role.TIME);
        DeclaredField f = format.fields[i];
        int a = starts[i];
        int b = ends[i];
        long t;
        if (f.kind() == Kind.TIME_CLF) {
            t = f.bracketed() ? Timestamps.parseClf(s, a + 1, b - 1) : Timestamps.parseClf(s, a, b);
        } else if (f.kind() == Kind.TIME_ISO) {
            t = Timestamps.parseIso(s, a, b);
        } else if (f.kind() == Kind.TIME_EPOCH) {
            t = epochMillis(s, a, b, f.shift());
        } else {
            t = patternMillis(s.substring(a, b));
        }
        if (t == Timestamps.INVALID) {
            return out.reject(RejectReason.BAD_TIMESTAMP, f.name() + " is not a time");
        }
        out.epochMillis = t;
        return true;
    }

    /** Epoch time written as digits with an optional fraction, in units 10^shift ms, truncated to ms. */
    private static long epochMillis(String s, int a, int b, int shift) {
        int dot = Chars.indexOf(s, '.', a, b);
        if (!(dot < 0 ? Chars.allDigits(s, a, b) : Chars.allDigits(s, a, dot) && Chars.allDigits(s, dot + 1, b))
                || b - a > 30) {
            return Timestamps.INVALID;
        }
        return new BigDecimal(s.substring(a, b)).movePointRight(shift).setScale(0, RoundingMode.FLOOR).longValue();
    }

    private long patternMillis(String value) {
        if (timePattern == null) {
            int i = format.field(Role.TIME);
            timePattern = DateTimeFormatter.ofPattern(format.fields[i].timePattern(), Locale.ENGLISH);
        }
        try {
            TemporalAccessor parsed = timePattern.parse(value);
            return parsed.isSupported(ChronoField.OFFSET_SECONDS)
                    ? OffsetDateTime.from(parsed).toInstant().toEpochMilli()
                    : LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeException e) { // unparsable, or an impossible date
            return Timestamps.INVALID;
        }
    }

    private boolean readStatus(String s, ParseResult out) {
        int i = format.field(Role.STATUS);
        return status(s, starts[i], ends[i], out);
    }

    private boolean latency(String s, ParseResult out) {
        int i = format.field(Role.LATENCY);
        if (i < 0 || starts[i] == ends[i] || Chars.isDash(s, starts[i], ends[i])) {
            return true; // declared without a latency, or none on this line ('-', or '' with escape=json)
        }
        DeclaredField f = format.fields[i];
        long us;
        if (f.list()) {
            us = upstreamSum(s, starts[i], ends[i]);
        } else if (format.server() == DeclaredFormat.Server.APACHE && !Chars.allDigits(s, starts[i], ends[i])) {
            us = Chars.NOT_DECIMAL; // Apache writes whole units: anything else is not its number
        } else {
            us = Chars.decimalCeil(s, starts[i], ends[i], f.shift(), false);
        }
        if (us == Chars.NOT_DECIMAL) {
            return out.reject(RejectReason.BAD_LATENCY, f.name() + " is not " + (format.server()
                    == DeclaredFormat.Server.APACHE ? "an integer" : "a number"));
        }
        out.latencyUs = us; // beyond a day: rejected by the common validation
        return true;
    }

    /** An upstream list's sum ({@link NginxParser#upstreamMicros}), {@link Chars#NOT_DECIMAL} for other text. */
    private static long upstreamSum(String s, int a, int b) {
        for (int k = a; k < b; k++) {
            char c = s.charAt(k);
            if (!(Chars.isDigit(c) || c == '.' || c == ',' || c == ':' || c == ' ' || c == '-')) {
                return Chars.NOT_DECIMAL;
            }
        }
        return NginxParser.upstreamMicros(s, a, b);
    }
}
