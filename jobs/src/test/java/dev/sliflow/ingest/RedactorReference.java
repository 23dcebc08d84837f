package dev.sliflow.ingest;

import java.util.regex.Pattern;

/**
 * The pre-optimisation implementation of {@link Redactor} (commit 27c48a3), copied verbatim and kept as
 * the oracle of {@code RedactorEquivalenceTest}: the optimised {@link Redactor#redact} must return
 * exactly the same string for every input. Do not change it.
 *
 * <p>Masks personal and secret data in the snippet of a rejected line: IPv4/IPv6 addresses, e-mail
 * addresses, query strings, long tokens, credentials spelled out ({@code Bearer …}, {@code token=…},
 * {@code api_key: …}, {@code password=…}), and every quoted field after the first (referrers and
 * user agents in combined-style logs), and JSON fields that hold agents or client addresses.
 * The result is printable ASCII, at most {@link #MAX} characters.
 */
public final class RedactorReference {
    public static final int MAX = 160;
    private static final Pattern JSON_PRIVATE = Pattern.compile(
            "(?i)(\"[^\"]*(?:agent|remote_ip|client_ip|clientaddr|clienthost|forwarded|real-ip|cookie|authorization|username)[^\"]*\"\\s*:\\s*)"
                    + "(\"(?:[^\"\\\\]|\\\\.)*\"|\\[[^\\]]*\\]|[^,}]*)");
    // the look-behinds make a match start only where a run starts: linear, not quadratic, scans
    private static final Pattern EMAIL = Pattern.compile("(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern IPV4 = Pattern.compile("\\b\\d{1,3}(?:\\.\\d{1,3}){3}\\b");
    private static final Pattern IPV6 = Pattern.compile("\\b(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}\\b|(?:[0-9A-Fa-f]{1,4})?(?::[0-9A-Fa-f]{1,4})*::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*)?");
    private static final Pattern QUERY = Pattern.compile("\\?[^\\s\"]*");
    // credentials spelled out: "Bearer xyz", "Basic xyz", token=/api_key:/password=… (also JSON "token":"…")
    private static final Pattern AUTH_SCHEME = Pattern.compile("(?i)\\b(bearer|basic|digest)\\s+(?!<)[A-Za-z0-9._~+/=-]+");
    private static final Pattern SECRET_KV = Pattern.compile("(?i)\\b(access_token|refresh_token|id_token|token|"
            + "api[_-]?key|apikey|password|passwd|pwd|secret|client_secret|authorization|auth|session_?id|jsessionid|"
            + "sid|signature|sig|key|code)(\"?\\s*[=:]\\s*\"?)(?!<)[^\\s\"&,;]+");
    // user:password in URLs and in `curl -u user:password`
    private static final Pattern USERINFO = Pattern.compile("(://|\\s-u\\s+|--user[ =])[^\\s/@'\"]*:[^\\s/@'\"]+@?");
    // a product token such as a bare user agent (curl/8.5.0, ProbeAgent/9.7 (...)), not HTTP/1.1 or a path
    private static final Pattern AGENT = Pattern.compile("(?<![/\\w<])(?!HTTP/)[A-Za-z][A-Za-z0-9._-]*/\\d[0-9.]*(?: \\([^)]*\\))?");
    private static final Pattern TOKEN = Pattern.compile("(?<![A-Za-z0-9_\\-+=])[A-Za-z0-9_\\-+=]{24,}");

    private RedactorReference() {}

    public static String redact(String line) {
        if (line == null) {
            return "";
        }
        String s = line.length() > 4 * MAX ? line.substring(0, 4 * MAX) : line;
        s = printable(s);
        // each pattern only where its anchor character occurs: most rejected lines need few of them
        if (s.indexOf("\":") >= 0) {
            s = JSON_PRIVATE.matcher(s).replaceAll("$1\"<redacted>\"");
        }
        s = AUTH_SCHEME.matcher(s).replaceAll("$1 <token>");
        if (s.indexOf(':') >= 0) {
            s = USERINFO.matcher(s).replaceAll("$1<redacted>");
        }
        if (s.indexOf('=') >= 0 || s.indexOf(':') >= 0) {
            s = SECRET_KV.matcher(s).replaceAll("$1$2<redacted>");
        }
        s = maskQuotedAfterFirst(s);
        if (s.indexOf('@') >= 0) {
            s = EMAIL.matcher(s).replaceAll("<email>");
        }
        if (s.indexOf('.') >= 0) {
            s = IPV4.matcher(s).replaceAll("<ip>");
        }
        if (s.contains("::") || colons(s) >= 7) {
            s = IPV6.matcher(s).replaceAll("<ip>");
        }
        if (s.indexOf('?') >= 0) {
            s = QUERY.matcher(s).replaceAll("?<query>");
        }
        if (s.indexOf('/') >= 0) {
            s = AGENT.matcher(s).replaceAll("<agent>");
        }
        s = TOKEN.matcher(s).replaceAll("<token>");
        if (s.length() > MAX) {
            s = s.substring(0, MAX - 3) + "...";
        }
        return s;
    }

    private static int colons(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ':') {
                n++;
            }
        }
        return n;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                b.append(c);
            } else if (c == '\t') {
                b.append(' ');
            } else {
                b.append('?');
            }
        }
        return b.toString();
    }

    /** In a non-JSON line, keep the first quoted field (the request line) and mask the others. */
    private static String maskQuotedAfterFirst(String s) {
        if (s.startsWith("{") || s.indexOf('"') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        int quoted = 0;
        boolean in = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                if (in) {
                    in = false;
                    b.append('"');
                } else {
                    in = true;
                    quoted++;
                    b.append('"');
                    if (quoted > 1) {
                        b.append("<masked>");
                    }
                }
                continue;
            }
            if (!in || quoted == 1) {
                b.append(c);
            }
        }
        return b.toString();
    }
}
