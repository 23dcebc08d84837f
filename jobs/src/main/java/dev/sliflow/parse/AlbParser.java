package dev.sliflow.parse;

/**
 * AWS Application Load Balancer access log. Fields (1-based): 1 type, 2 time (ISO, UTC), 3 elb
 * ({@code origin}), 6-8 request/target/response processing times (seconds, {@code -1} = not
 * dispatched), 9 elb_status_code, 13 the quoted request with an absolute URL (host and path).
 * latencyMs = 1000 x the sum of the non-negative processing times; NaN when all three are -1.
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
        double sum = 0;
        boolean any = false;
        for (int f = 5; f <= 7; f++) {
            if (Chars.equals(s, st[f], en[f], "-1")) {
                continue;
            }
            double v = Chars.parseDecimal(s, st[f], en[f]);
            if (!(v >= 0)) {
                return out.reject(RejectReason.BAD_LATENCY, "processing time is not seconds or -1");
            }
            sum += v;
            any = true;
        }
        out.latencyMs = any ? sum * 1000.0 : Double.NaN;
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
