package dev.sliflow.parse;

/**
 * Base of all parsers: handles null/empty/over-long lines, surrounding whitespace and container log wrappers
 * ({@link Wrappers}: CRI, Docker json-file, docker compose), validates the
 * common fields of accepted lines, and turns any unexpected RuntimeException into a
 * {@code parser_error} rejection (a safety net; the parsers do not rely on it).
 */
public abstract class AbstractLineParser implements LineParser {
    private static final long serialVersionUID = 1L;

    /** Default maximum line length in chars (64 KiB). */
    public static final int DEFAULT_MAX_LINE_LENGTH = 64 * 1024;

    /** The longest latency accepted: one day, in microseconds. */
    static final long MAX_LATENCY_US = 86_400_000_000L;

    private final int maxLineLength;

    protected AbstractLineParser(int maxLineLength) {
        if (maxLineLength <= 0) {
            throw new IllegalArgumentException("maxLineLength must be positive");
        }
        this.maxLineLength = maxLineLength;
    }

    public int maxLineLength() {
        return maxLineLength;
    }

    @Override
    public final boolean parse(String line, ParseResult out) {
        out.reset();
        if (line == null) {
            return out.reject(RejectReason.EMPTY_LINE, "null line");
        }
        if (line.length() > maxLineLength) {
            return out.reject(RejectReason.LINE_TOO_LONG, "longer than " + maxLineLength + " chars");
        }
        int from = 0;
        int to = line.length();
        while (from < to && line.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && line.charAt(to - 1) <= ' ') {
            to--;
        }
        if (from == to) {
            return out.reject(RejectReason.EMPTY_LINE, null);
        }
        String inner = Wrappers.unwrap(line, from, to);
        if (inner != null) { // a container wrapper (CRI, Docker json-file, docker compose): read the line inside it
            line = inner;
            from = 0;
            to = line.length();
            while (from < to && line.charAt(from) <= ' ') {
                from++;
            }
            while (to > from && line.charAt(to - 1) <= ' ') {
                to--;
            }
            if (from == to) {
                return out.reject(RejectReason.EMPTY_LINE, "an empty line inside a container log wrapper");
            }
        }
        try {
            if (!parse(line, from, to, out)) {
                if (out.reasonCode() == null) {
                    out.reject(RejectReason.PARSER_ERROR, "rejected without a reason");
                }
                return false;
            }
        } catch (RuntimeException e) {
            return out.reject(RejectReason.PARSER_ERROR, e.getClass().getSimpleName());
        }
        return validate(out);
    }

    /**
     * Parses the trimmed, non-empty region {@code [from, to)} of {@code line}. Returns true with the
     * fields set (no need to call accept) or false after {@link ParseResult#reject}.
     */
    protected abstract boolean parse(String line, int from, int to, ParseResult out);

    private static boolean validate(ParseResult out) {
        if (out.method == null || out.path == null) {
            return out.reject(RejectReason.BAD_REQUEST_LINE, "no method or path");
        }
        if (out.epochMillis == Timestamps.INVALID) {
            return out.reject(RejectReason.BAD_TIMESTAMP, "no timestamp");
        }
        if (!validStatus(out.status)) {
            return out.reject(RejectReason.BAD_STATUS, "status " + out.status + " outside 100..599");
        }
        long l = out.latencyUs;
        if (l != ParseResult.NO_LATENCY && !(l >= 0 && l <= MAX_LATENCY_US)) {
            return out.reject(RejectReason.BAD_LATENCY, "latency outside 0..1 day");
        }
        return out.accept();
    }

    static boolean validStatus(int status) {
        return status >= 100 && status <= 599;
    }

    /** Parses a status token or rejects with bad_status. */
    static boolean status(String s, int from, int to, ParseResult out) {
        int st = Chars.parseUInt(s, from, to);
        if (!validStatus(st)) {
            return out.reject(RejectReason.BAD_STATUS, "status is not an integer in 100..599");
        }
        out.status = st;
        return true;
    }
}
