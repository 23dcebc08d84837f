package dev.sliflow.parse;

/**
 * Lines that servers write into their access logs besides requests, recognised by their exact shape: they are
 * no requests ({@link ParseResult#notAccess}, counted in the audit's {@code non_access}), not bad lines.
 */
final class ServerMessages {
    /** The kind of a server's own message (an error-log line, a connection-level message). */
    static final String SERVER_MESSAGE = "server_message";
    /** The kind of a proxy's log line of a TCP connection (no HTTP request). */
    static final String TCP_CONNECTION = "tcp_connection";

    private ServerMessages() {}

    /** nginx's error-log line: {@code 2021/12/01 13:53:33 [error] 31#31: *46 ...}. */
    static boolean nginxErrorLine(String s, int from, int to) {
        if (to - from <= 21) {
            return false;
        }
        String shape = "dddd/dd/dd dd:dd:dd ["; // d: a digit
        for (int i = 0; i < shape.length(); i++) {
            char c = s.charAt(from + i);
            if (shape.charAt(i) == 'd' ? !Chars.isDigit(c) : c != shape.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Apache's error-log line: {@code [Thu Oct 13 12:24:49.880562 2022] [auth_basic:error] ...}. */
    static boolean apacheErrorLine(String s, int from, int to) {
        if (to - from <= 5 || s.charAt(from) != '[' || !Chars.isLetter(s.charAt(from + 1))
                || !Chars.isLetter(s.charAt(from + 2)) || !Chars.isLetter(s.charAt(from + 3)) || s.charAt(from + 4) != ' ') {
            return false;
        }
        int close = Chars.indexOf(s, ']', from, Math.min(to, from + 48));
        return close > 0 && close + 2 < to && s.charAt(close + 1) == ' ' && s.charAt(close + 2) == '[';
    }
}
