package dev.sliflow.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * The W3C extended log file format (IIS, Amazon CloudFront's standard logs): the layout is declared by the
 * file itself, in a {@code #Fields:} directive before the lines it describes (a server may write a new one,
 * after a restart, with other fields). Directive lines ({@code #Software:}, {@code #Version:}, {@code #Date:},
 * {@code #Fields:}) are no requests: counted apart ({@link ParseResult#notAccess}). A request line has as
 * many fields as the last {@code #Fields:} names, separated by spaces (IIS: spaces inside a value are
 * written as {@code +}) or by tabs (CloudFront); {@code -} is an empty value.
 *
 * <p>Fields read: {@code date} and {@code time} (UTC, as the W3C format defines them;
 * {@code 2026-03-01 00:00:01}), {@code cs-method}, {@code cs-uri-stem} (the path; {@code cs-uri-query} is
 * never read), {@code sc-status}, the host from {@code x-host-header} (CloudFront: the viewer's Host header),
 * {@code cs-host} or {@code cs(Host)},
 * and {@code time-taken}, whose unit the format leaves to the server, so it is read only where the
 * producer is known for sure:
 * <ul>
 *   <li><b>IIS</b> (a {@code #Software: Microsoft Internet Information Services} directive, or IIS's own
 *       fields {@code s-sitename}, {@code sc-substatus} or {@code sc-win32-status}): whole milliseconds;
 *   <li><b>CloudFront</b> (its {@code x-edge-*} fields): seconds with decimals (e.g. {@code 0.002}).
 * </ul>
 * Any other producer's {@code time-taken} is not read: its requests are counted without a latency, never
 * with a guessed unit. A parser instance reads one file, in order (the directives are state).
 */
public final class W3cParser extends AbstractLineParser {
    private static final long serialVersionUID = 1L;

    /** How {@code time-taken} is read. */
    enum Unit { MILLIS, SECONDS, UNKNOWN }

    private boolean iisSoftware;
    private int date = -1;
    private int time = -1;
    private int method = -1;
    private int stem = -1;
    private int status = -1;
    private int host = -1;
    private int taken = -1;
    private int fields;
    /** Why the last {@code #Fields:} cannot be read, or null. */
    private String layoutProblem = "no #Fields: directive before this line";
    private Unit unit = Unit.UNKNOWN;
    private final int[] starts = new int[64];
    private final int[] ends = new int[64];

    public W3cParser() {
        this(DEFAULT_MAX_LINE_LENGTH);
    }

    public W3cParser(int maxLineLength) {
        super(maxLineLength);
    }

    @Override
    public LogFormat format() {
        return LogFormat.W3C;
    }

    /** The unit {@code time-taken} is read in under the last {@code #Fields:} (for tests and messages). */
    Unit unit() {
        return unit;
    }

    @Override
    protected boolean parse(String s, int from, int to, ParseResult out) {
        if (s.charAt(from) == '#') {
            directive(s, from, to);
            return out.notAccess("directive");
        }
        if (fields == 0) {
            return out.reject(RejectReason.NOT_AN_ACCESS_LINE, layoutProblem);
        }
        char sep = Chars.indexOf(s, '\t', from, to) >= 0 ? '\t' : ' ';
        int n = 0;
        int p = from;
        while (p <= to) {
            int e = Chars.indexOf(s, sep, p, to);
            if (e < 0) {
                e = to;
            }
            if (n == starts.length) {
                return out.reject(RejectReason.NOT_AN_ACCESS_LINE, "more fields than #Fields: names");
            }
            starts[n] = p;
            ends[n] = e;
            n++;
            p = e + 1;
            if (sep == ' ') {
                while (p < to && s.charAt(p) == ' ') {
                    p++; // IIS never writes two spaces; be lenient with padding
                }
            }
        }
        if (n != fields) {
            return out.reject(RejectReason.NOT_AN_ACCESS_LINE, n + " fields where #Fields: names " + fields);
        }
        out.epochMillis = timestamp(s);
        if (out.epochMillis == Timestamps.INVALID) {
            return out.reject(RejectReason.BAD_TIMESTAMP, "date/time is not yyyy-mm-dd hh:mm:ss");
        }
        if (!RequestLine.validMethod(s, starts[method], ends[method])) {
            return out.reject(RejectReason.BAD_REQUEST_LINE, "cs-method is not a method");
        }
        out.method = RequestLine.method(s, starts[method], ends[method]);
        if (s.charAt(starts[stem]) != '/') {
            return out.reject(RejectReason.BAD_REQUEST_LINE, "cs-uri-stem does not start with '/'");
        }
        out.path = s.substring(starts[stem], ends[stem]); // the path alone: the query is cs-uri-query
        if (!status(s, starts[status], ends[status], out)) {
            return false;
        }
        if (host >= 0 && !isDash(s, host)) {
            out.host = RequestLine.host(s, starts[host], ends[host]);
        }
        if (taken >= 0 && unit != Unit.UNKNOWN) {
            if (isDash(s, taken)) {
                return out.reject(RejectReason.BAD_LATENCY, "time-taken is '-'");
            }
            long us = Chars.decimalCeil(s, starts[taken], ends[taken], unit == Unit.MILLIS ? 3 : 6, false);
            if (us < 0 || us == Chars.BEYOND) {
                return out.reject(RejectReason.BAD_LATENCY, "time-taken is not a number of "
                        + (unit == Unit.MILLIS ? "milliseconds" : "seconds"));
            }
            out.latencyUs = us;
        }
        return true;
    }

    private boolean isDash(String s, int field) {
        return ends[field] - starts[field] == 1 && s.charAt(starts[field]) == '-';
    }

    private long timestamp(String s) {
        int d = starts[date];
        int t = starts[time];
        if (ends[date] - d != 10 || ends[time] - t < 8 || s.charAt(d + 4) != '-' || s.charAt(d + 7) != '-'
                || s.charAt(t + 2) != ':' || s.charAt(t + 5) != ':') {
            return Timestamps.INVALID;
        }
        int y = Chars.parseUInt(s, d, d + 4);
        int mo = Chars.parseUInt(s, d + 5, d + 7);
        int da = Chars.parseUInt(s, d + 8, d + 10);
        int h = Chars.parseUInt(s, t, t + 2);
        int mi = Chars.parseUInt(s, t + 3, t + 5);
        int se = Chars.parseUInt(s, t + 6, t + 8);
        int ms = 0;
        if (ends[time] - t > 8) { // CloudFront and IIS write whole seconds; allow a fraction
            if (s.charAt(t + 8) != '.' || !Chars.allDigits(s, t + 9, ends[time])) {
                return Timestamps.INVALID;
            }
            int digits = Math.min(3, ends[time] - t - 9);
            ms = Chars.parseUInt(s, t + 9, t + 9 + digits) * (digits == 1 ? 100 : digits == 2 ? 10 : 1);
        }
        if (y < 0 || mo < 0 || da < 0 || h < 0 || mi < 0 || se < 0) {
            return Timestamps.INVALID;
        }
        return Timestamps.epochMillis(y, mo, da, h, mi, se, ms);
    }

    private void directive(String s, int from, int to) {
        if (s.startsWith("#Software:", from)) {
            int at = s.indexOf("Microsoft Internet Information Services", from);
            iisSoftware = at >= 0 && at < to;
        } else if (s.startsWith("#Fields:", from)) {
            fields(s.substring(from + "#Fields:".length(), to).trim());
        }
    }

    private void fields(String declared) {
        List<String> names = new ArrayList<>(List.of(declared.split("[ \t]+")));
        date = names.indexOf("date");
        time = names.indexOf("time");
        method = names.indexOf("cs-method");
        stem = names.indexOf("cs-uri-stem");
        status = names.indexOf("sc-status");
        host = first(names, "x-host-header", "cs-host", "cs(Host)"); // CloudFront: the viewer's Host, not its own domain
        taken = names.indexOf("time-taken");
        boolean complete = names.size() <= starts.length && date >= 0 && time >= 0 && method >= 0 && stem >= 0
                && status >= 0;
        fields = complete ? names.size() : 0; // lines under an incomplete layout are rejected, naming why
        layoutProblem = complete ? null : names.size() > starts.length ? "#Fields: names more than " + starts.length
                + " fields" : "#Fields: lacks one of date, time, cs-method, cs-uri-stem, sc-status";
        boolean iis = iisSoftware || names.contains("s-sitename") || names.contains("sc-substatus")
                || names.contains("sc-win32-status");
        boolean cloudFront = names.stream().anyMatch(f -> f.startsWith("x-edge-"));
        unit = iis && !cloudFront ? Unit.MILLIS : cloudFront && !iis ? Unit.SECONDS : Unit.UNKNOWN;
    }

    private static int first(List<String> names, String... candidates) {
        for (String c : candidates) {
            int i = names.indexOf(c);
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }
}
