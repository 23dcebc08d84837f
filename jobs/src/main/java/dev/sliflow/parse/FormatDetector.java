package dev.sliflow.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Guesses the {@link LogFormat} of a file from its first lines: every parser tries up to the first
 * {@value #MAX_LINES} non-empty lines and the one that parses the most wins. A line that a parser
 * recognises but rejects for a bad field (request line, status, latency, timestamp) counts half.
 * Ties go to the format that parsed more lines in full, then to the first in {@link #PREFERENCE}, except that nginx and Apache (whose combined
 * lines are identical) are told apart by error-log lines in the sample when there are any.
 *
 * <p>Never a guessed latency: a combined line followed by one integer is what Apache writes with {@code %D}
 * (microseconds), but just as well {@code %T} (seconds), {@code $request_length} or a proxy's request counter
 * (Traefik's CLF). When Apache wins by reading such integers as {@code %D}, the file is refused
 * ({@link Detection#refusal}) and the user declares the format; Apache is picked only when it reads no latency.
 */
public final class FormatDetector {
    /** Number of non-empty lines examined. */
    public static final int MAX_LINES = 50;

    /**
     * The format picked must parse at least 1 in this many of the sample's lines in full. Not more: servers
     * interleave their own lines (HAProxy's start-up, Caddy's runtime JSON) with the access lines.
     */
    static final int MIN_PARSED_SHARE = 4;

    /** Tie-break order. */
    public static final List<LogFormat> PREFERENCE = List.of(LogFormat.NGINX, LogFormat.APACHE, LogFormat.ALB,
            LogFormat.ENVOY, LogFormat.HAPROXY, LogFormat.TRAEFIK, LogFormat.W3C, LogFormat.JSON);

    private FormatDetector() {}

    /** The detected format, or null when no parser recognises any line. */
    public static LogFormat detect(List<String> firstLines) {
        return detect(firstLines, ParserOptions.defaults());
    }

    /** {@link #detect(List)} with parser options (e.g. a custom JSON mapping). */
    public static LogFormat detect(List<String> firstLines, ParserOptions options) {
        return examine(firstLines, options).format();
    }

    /**
     * What detection found in a file's first lines: the format (null when none fits or the fit is refused), how
     * many of the {@code sampleLines} non-empty lines each format parsed, and why a fit was refused (or null).
     */
    public record Detection(LogFormat format, int sampleLines, Map<LogFormat, Integer> parsed, String refusal) {
        /** One line for an error message: "nginx 0/50, apache 50/50, ...". */
        public String tried() {
            StringBuilder b = new StringBuilder();
            parsed.forEach((f, n) -> b.append(b.length() == 0 ? "" : ", ").append(f.cliName()).append(' ').append(n)
                    .append('/').append(sampleLines));
            return b.toString();
        }
    }

    /** {@link #detect} with its evidence: the lines each format parsed, and a refusal's reason. */
    public static Detection examine(List<String> firstLines, ParserOptions options) {
        List<String> sample = new ArrayList<>();
        for (String l : firstLines) {
            if (l != null && !l.isBlank()) {
                sample.add(l);
                if (sample.size() == MAX_LINES) {
                    break;
                }
            }
        }
        Map<LogFormat, Integer> parsed = new LinkedHashMap<>();
        if (sample.isEmpty()) {
            return new Detection(null, 0, parsed, null);
        }
        ParseResult r = new ParseResult();
        LogFormat best = null;
        int bestScore = 0;
        int nginxScore = 0;
        int apacheScore = 0;
        int apacheLatencies = 0;
        Map<LogFormat, Integer> nonAccess = new LinkedHashMap<>();
        for (LogFormat f : PREFERENCE) {
            LineParser p = Parsers.forFormat(f, options);
            int score = 0;
            int ok = 0;
            int skipped = 0;
            for (String l : sample) {
                if (p.parse(l, r)) {
                    score += 2;
                    ok++;
                    if (f == LogFormat.APACHE && r.latencyUs != ParseResult.NO_LATENCY) {
                        apacheLatencies++;
                    }
                } else if (r.nonAccess()) {
                    skipped++; // a line the format defines as no request (a W3C directive): neither for nor against
                } else if (isFieldError(r.reasonCode())) {
                    score += 1;
                }
            }
            parsed.put(f, ok);
            nonAccess.put(f, skipped);
            if (f == LogFormat.NGINX) {
                nginxScore = score;
            } else if (f == LogFormat.APACHE) {
                apacheScore = score;
            }
            // a tie goes to the format that parsed more lines in full (a full parse says more than a recognised
            // line rejected for a field), then to the earlier format
            if (score > bestScore || (score == bestScore && best != null && ok > parsed.get(best))) {
                best = f;
                bestScore = score;
            }
        }
        if (best == LogFormat.NGINX && nginxScore == apacheScore && apacheErrorLines(sample) > nginxErrorLines(sample)) {
            best = LogFormat.APACHE;
        }
        int requests = best == null ? 0 : sample.size() - nonAccess.get(best);
        if (best != null && parsed.get(best) < Math.max(1, (requests + MIN_PARSED_SHARE - 1) / MIN_PARSED_SHARE)) {
            // the best format's lines were mostly recognised but rejected: no fit (a Traefik CLF line is an
            // Apache combined line with more fields, rejected by it as a bad %D)
            return new Detection(null, sample.size(), parsed, null);
        }
        if (best == LogFormat.APACHE && apacheLatencies > 0) {
            return new Detection(null, sample.size(), parsed, apacheLatencies + " of its first " + sample.size()
                    + " lines end in an integer after the user agent, which could be Apache's %D (microseconds), %T"
                    + " (seconds), a request length or a proxy's request counter: sliflow does not guess a latency");
        }
        return new Detection(best, sample.size(), parsed, null);
    }

    private static boolean isFieldError(String code) {
        return RejectReason.BAD_REQUEST_LINE.equals(code) || RejectReason.BAD_STATUS.equals(code)
                || RejectReason.BAD_LATENCY.equals(code) || RejectReason.BAD_TIMESTAMP.equals(code);
    }

    /** Apache error-log lines ({@link ServerMessages#apacheErrorLine}). */
    private static int apacheErrorLines(List<String> lines) {
        return (int) lines.stream().map(String::strip).filter(t -> ServerMessages.apacheErrorLine(t, 0, t.length())).count();
    }

    /** nginx error-log lines ({@link ServerMessages#nginxErrorLine}). */
    private static int nginxErrorLines(List<String> lines) {
        return (int) lines.stream().map(String::strip).filter(t -> ServerMessages.nginxErrorLine(t, 0, t.length())).count();
    }
}
