package dev.sliflow.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Guesses the {@link LogFormat} of a file from its first lines: every parser tries up to the first
 * {@value #MAX_LINES} non-empty lines and the one that parses the most wins. A line that a parser
 * recognises but rejects for a bad field (request line, status, latency, timestamp) counts half.
 * Ties go to the first format in {@link #PREFERENCE}, except that nginx and Apache (whose combined
 * lines are identical) are told apart by error-log lines in the sample when there are any.
 */
public final class FormatDetector {
    /** Number of non-empty lines examined. */
    public static final int MAX_LINES = 50;

    /** Tie-break order. */
    public static final List<LogFormat> PREFERENCE = List.of(LogFormat.NGINX, LogFormat.APACHE, LogFormat.ALB,
            LogFormat.ENVOY, LogFormat.HAPROXY, LogFormat.JSON);

    private FormatDetector() {}

    /** The detected format, or null when no parser recognises any line. */
    public static LogFormat detect(List<String> firstLines) {
        return detect(firstLines, ParserOptions.defaults());
    }

    /** {@link #detect(List)} with parser options (e.g. a custom JSON mapping). */
    public static LogFormat detect(List<String> firstLines, ParserOptions options) {
        List<String> sample = new ArrayList<>();
        for (String l : firstLines) {
            if (l != null && !l.isBlank()) {
                sample.add(l);
                if (sample.size() == MAX_LINES) {
                    break;
                }
            }
        }
        if (sample.isEmpty()) {
            return null;
        }
        ParseResult r = new ParseResult();
        LogFormat best = null;
        int bestScore = 0;
        int nginxScore = 0;
        int apacheScore = 0;
        for (LogFormat f : PREFERENCE) {
            LineParser p = Parsers.forFormat(f, options);
            int score = 0;
            for (String l : sample) {
                if (p.parse(l, r)) {
                    score += 2;
                } else if (isFieldError(r.reasonCode())) {
                    score += 1;
                }
            }
            if (f == LogFormat.NGINX) {
                nginxScore = score;
            } else if (f == LogFormat.APACHE) {
                apacheScore = score;
            }
            if (score > bestScore) {
                best = f;
                bestScore = score;
            }
        }
        if (best == LogFormat.NGINX && nginxScore == apacheScore && apacheErrorLines(sample) > nginxErrorLines(sample)) {
            return LogFormat.APACHE;
        }
        return best;
    }

    private static boolean isFieldError(String code) {
        return RejectReason.BAD_REQUEST_LINE.equals(code) || RejectReason.BAD_STATUS.equals(code)
                || RejectReason.BAD_LATENCY.equals(code) || RejectReason.BAD_TIMESTAMP.equals(code);
    }

    /** Lines like {@code [Thu Oct 13 12:24:49.880562 2022] [auth_basic:error] ...}. */
    private static int apacheErrorLines(List<String> lines) {
        int n = 0;
        for (String l : lines) {
            String t = l.strip();
            if (t.length() > 5 && t.charAt(0) == '[' && Chars.isLetter(t.charAt(1)) && Chars.isLetter(t.charAt(2))
                    && Chars.isLetter(t.charAt(3)) && t.charAt(4) == ' ' && t.contains("] [")) {
                n++;
            }
        }
        return n;
    }

    /** Lines like {@code 2021/12/01 13:53:33 [error] 31#31: ...}. */
    private static int nginxErrorLines(List<String> lines) {
        int n = 0;
        for (String l : lines) {
            String t = l.strip();
            if (t.length() > 21 && t.charAt(4) == '/' && t.charAt(7) == '/' && t.charAt(10) == ' '
                    && t.charAt(13) == ':' && t.charAt(20) == '[') {
                n++;
            }
        }
        return n;
    }
}
