package dev.sliflow.parse;

/**
 * An nginx {@code log_format} pasted as it stands in nginx.conf, as one or more quoted strings
 * ({@code '$remote_addr - ...' '"$request" $status';}), becomes the string nginx concatenates from them.
 */
final class NginxConfigQuotes {
    private NginxConfigQuotes() {}

    /** {@code body} without its configuration quotes; unchanged when it does not start with a quote. */
    static String unquote(String body) {
        if (!(body.startsWith("'") || body.startsWith("\""))) {
            return body;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = body.length();
        while (i < n) {
            char q = body.charAt(i);
            if (q == ' ' || q == '\t' || q == '\n' || q == '\r' || (q == ';' && i == n - 1)) {
                i++;
                continue;
            }
            if (q != '\'' && q != '"') {
                throw new IllegalArgumentException("the nginx log_format has text outside its quoted strings at char " + (i + 1));
            }
            int j = i + 1;
            while (j < n && body.charAt(j) != q) {
                if (body.charAt(j) == '\\' && j + 1 < n) {
                    j++; // nginx.conf: \' \" \\ stand for the character
                }
                out.append(body.charAt(j));
                j++;
            }
            if (j >= n) {
                throw new IllegalArgumentException("unterminated quoted string in the nginx log_format at char " + (i + 1));
            }
            i = j + 1;
        }
        return out.toString();
    }
}
