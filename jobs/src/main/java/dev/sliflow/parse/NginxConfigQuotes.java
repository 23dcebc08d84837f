package dev.sliflow.parse;

/**
 * An nginx {@code log_format} pasted as it stands in nginx.conf, as one or more single-quoted strings
 * ({@code '$remote_addr - ...' '"$request" $status';}), possibly after {@code escape=json|default|none},
 * becomes the string nginx concatenates from them.
 * Only single quotes count: a declaration starting with {@code "} is a layout whose lines start with a quote.
 */
final class NginxConfigQuotes {
    /** The log_format parameter before the strings; the escaping it selects does not change how lines are read. */
    private static final java.util.regex.Pattern ESCAPE = java.util.regex.Pattern.compile("escape=(default|json|none)\\s+(?=')");

    private NginxConfigQuotes() {}

    /** {@code body} without its configuration quotes; unchanged unless it is wholly single-quoted strings. */
    static String unquote(String body) {
        java.util.regex.Matcher escape = ESCAPE.matcher(body);
        if (escape.lookingAt()) {
            String quoted = unquote(body.substring(escape.end()));
            return quoted.equals(body.substring(escape.end())) ? body : quoted;
        }
        if (!body.startsWith("'")) {
            return body;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = body.length();
        while (i < n) {
            char q = body.charAt(i);
            if (Character.isWhitespace(q) || (q == ';' && i == n - 1)) {
                i++;
                continue;
            }
            if (q != '\'') {
                return body; // text outside quotes: the quotes belong to the layout
            }
            int j = i + 1;
            while (j < n && body.charAt(j) != '\'') {
                if (body.charAt(j) == '\\' && j + 1 < n) {
                    j++; // nginx.conf: \' and \\ stand for the character
                }
                out.append(body.charAt(j));
                j++;
            }
            if (j >= n) {
                return body;
            }
            i = j + 1;
        }
        return out.toString();
    }
}
