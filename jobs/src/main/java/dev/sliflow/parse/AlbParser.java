package dev.sliflow.parse;

/**
 * AWS Application Load Balancer access log. Fields (1-based): 1 type, 2 time (ISO, UTC), 3 elb
 * ({@code origin}), 6-8 request/target/response processing times (seconds, {@code -1} = not
 * dispatched), 9 elb_status_code, 13 the quoted request with an absolute URL (host and path).
 * latency = the sum of the non-negative processing times; none when all three are -1.
 */
public final class AlbParser extends AbstractLineParser {
    private static final long serialVersionUID = 1L;

    public AlbParser() {
        this(DEFAULT_MAX_LINE_LENGTH);
    }

    public AlbParser(int maxLineLength) {
        super(maxLineLength);
    }

    @Override
    public LogFormat format() {
        return LogFormat.ALB;
    }

    @Override
    protected boolean parse(String s, int from, int to, ParseResult out) {
        // start/end of fields 1..13
        int[] st = new int[13];
        int[] en = new int[13];
        int p = from;
        for (int f = 0; f < 13; f++) {
            p = Chars.skipSpaces(s, p, to);
            if (p >= to) {
                return out.reject(RejectReason.NOT_AN_ACCESS_LINE, "fewer than 13 fields");
            }
            int e = Chars.fieldEnd(s, p, to);
            if (e < 0) {
                return out.reject(RejectReason.NOT_AN_ACCESS_LINE, "unterminated quoted field");
            }
            st[f] = p;
            en[f] = e;
            p = e;
        }
        if (en[0] - st[0] > 6 || !allLetters(s, st[0], en[0]) || s.charAt(st[12]) != '"'
                || Chars.indexOf(s, '/', st[2], en[2]) < 0) {
            return out.reject(RejectReason.NOT_AN_ACCESS_LINE, "not the ALB field layout");
        }
        out.epochMillis = Timestamps.parseIso(s, st[1], en[1]);
        if (out.epochMillis == Timestamps.INVALID) {
            return out.reject(RejectReason.BAD_TIMESTAMP, "time is not ISO-8601");
        }
        if (!RequestLine.parse(s, st[12] + 1, en[12] - 1, out) || !status(s, st[8], en[8], out)) {
            return false;
        }
        // exact: integer nanoseconds from the text, summed as integers (0.019 + 0.281 s is 300 ms, not the
        // 300.00000000000006 of doubles); a time finer than a nanosecond is summed exactly too (rare: BigDecimal)
        long ns = 0;
        java.math.BigDecimal finer = null;
        boolean any = false;
        for (int f = 5; f <= 7; f++) {
            if (Chars.equals(s, st[f], en[f], "-1")) {
                continue;
            }
            long v = Chars.decimalCeil(s, st[f], en[f], 9, true);
            if (v == Chars.NOT_DECIMAL || (v == Chars.BEYOND && s.charAt(st[f]) == '-')) {
                return out.reject(RejectReason.BAD_LATENCY, "processing time is not seconds or -1");
            }
            if (v == Chars.FINER) {
                java.math.BigDecimal t = new java.math.BigDecimal(s.substring(st[f], en[f]));
                finer = finer == null ? t : finer.add(t);
            } else {
                ns = Chars.addUnits(ns, v);
            }
            any = true;
        }
        out.latencyUs = any ? Chars.sumMicros(ns, finer) : ParseResult.NO_LATENCY;
        out.origin = s.substring(st[2], en[2]);
        return true;
    }

    private static boolean allLetters(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Chars.isLetter(s.charAt(i)) && !Chars.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return to > from;
    }
}
