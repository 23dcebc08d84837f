package dev.sliflow.parse;

import java.nio.charset.StandardCharsets;

/**
 * Splits an HTTP request line ({@code METHOD PATH PROTOCOL}) and normalises its path: query string
 * and fragment removed; for an absolute URL the host (without port) and the path part.
 */
final class RequestLine {
    static final int MAX_METHOD = 20;

    private RequestLine() {}

    /**
     * Parses {@code s[from, to)} into {@code out.method}, {@code out.path} and, for absolute URLs when
     * {@code out.host} is still null, {@code out.host}. Returns false after rejecting with
     * {@code bad_request_line}.
     */
    static boolean parse(String s, int from, int to, ParseResult out) {
        // the usual method is a few letters and a space: one short loop finds the first space and
        // validates the method (letters are no spaces: a longer search starts where the letters end)
        int sp1 = from;
        while (sp1 < to && Chars.isLetter(s.charAt(sp1))) {
            sp1++;
        }
        boolean letters = sp1 < to && s.charAt(sp1) == ' ';
        if (!letters) {
            sp1 = Chars.indexOf(s, ' ', sp1, to);
        }
        if (sp1 < 0) {
            return out.reject(RejectReason.BAD_REQUEST_LINE, "request line is not METHOD PATH PROTOCOL");
        }
        int sp2 = to - 1;
        while (sp2 > sp1 && s.charAt(sp2) != ' ') {
            sp2--;
        }
        if (sp2 == sp1 || !s.startsWith("HTTP/", sp2 + 1)) {
            return out.reject(RejectReason.BAD_REQUEST_LINE, "request line has no HTTP protocol");
        }
        if (!(letters ? sp1 > from && sp1 - from <= MAX_METHOD : validMethod(s, from, sp1))) {
            return out.reject(RejectReason.BAD_REQUEST_LINE, "invalid method");
        }
        int ps = Chars.skipSpaces(s, sp1 + 1, sp2);
        int pe = sp2;
        while (pe > ps && s.charAt(pe - 1) == ' ') {
            pe--;
        }
        if (!path(s, ps, pe, out)) {
            return false;
        }
        out.method = method(s, from, sp1);
        return true;
    }

    /**
     * {@link #parse} for the plain request line in the bytes {@code b[from, to)}: a letters-only
     * method, an origin-form path ({@code /...}) of ASCII bytes, an HTTP protocol. Sets
     * {@code out.method} and {@code out.path} as {@link #parse} does and returns true; false (nothing
     * decided) for any other request line, which the string path reads or rejects.
     */
    static boolean parsePlain(byte[] b, int from, int to, ParseResult out) {
        int sp1 = from;
        while (sp1 < to && Bytes.isLetter(b[sp1])) {
            sp1++;
        }
        if (!(sp1 < to && b[sp1] == ' ' && sp1 > from && sp1 - from <= MAX_METHOD)) {
            return false;
        }
        int sp2 = to - 1;
        while (sp2 > sp1 && b[sp2] != ' ') {
            sp2--;
        }
        // String.startsWith("HTTP/", sp2 + 1) of the line: the closing quote at 'to' is no part of it
        if (sp2 == sp1 || sp2 + 6 > to || b[sp2 + 1] != 'H' || b[sp2 + 2] != 'T' || b[sp2 + 3] != 'T'
                || b[sp2 + 4] != 'P' || b[sp2 + 5] != '/') {
            return false;
        }
        int ps = Bytes.skipSpaces(b, sp1 + 1, sp2);
        int pe = sp2;
        while (pe > ps && b[pe - 1] == ' ') {
            pe--;
        }
        if (ps >= pe || b[ps] != '/') {
            return false;
        }
        int q = Bytes.pathEnd(b, ps, pe);
        if (q < pe && b[q] < 0) {
            return false; // a non-ASCII path: the string path decodes it
        }
        out.path = new String(b, ps, q - ps, StandardCharsets.ISO_8859_1);
        out.method = method(b, from, sp1);
        return true;
    }

    /** {@link #method(String, int, int)} of ASCII letters. */
    private static String method(byte[] b, int from, int to) {
        switch (to - from) {
            case 3:
                if (b[from] == 'G' && b[from + 1] == 'E' && b[from + 2] == 'T') return "GET";
                if (b[from] == 'P' && b[from + 1] == 'U' && b[from + 2] == 'T') return "PUT";
                break;
            case 4:
                if (b[from] == 'P' && b[from + 1] == 'O' && b[from + 2] == 'S' && b[from + 3] == 'T') return "POST";
                if (b[from] == 'H' && b[from + 1] == 'E' && b[from + 2] == 'A' && b[from + 3] == 'D') return "HEAD";
                break;
            default:
                break;
        }
        return method(Bytes.ascii(b, from, to), 0, to - from);
    }

    static boolean validMethod(String s, int from, int to) {
        if (to <= from || to - from > MAX_METHOD) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!Chars.isLetter(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Returns a shared constant for the common methods, else a substring. */
    static String method(String s, int from, int to) {
        switch (to - from) {
            case 3:
                if (s.startsWith("GET", from)) return "GET";
                if (s.startsWith("PUT", from)) return "PUT";
                break;
            case 4:
                if (s.startsWith("POST", from)) return "POST";
                if (s.startsWith("HEAD", from)) return "HEAD";
                break;
            case 5:
                if (s.startsWith("PATCH", from)) return "PATCH";
                break;
            case 6:
                if (s.startsWith("DELETE", from)) return "DELETE";
                break;
            case 7:
                if (s.startsWith("OPTIONS", from)) return "OPTIONS";
                if (s.startsWith("CONNECT", from)) return "CONNECT";
                break;
            default:
                break;
        }
        return s.substring(from, to);
    }

    /**
     * Sets {@code out.path} (and host for absolute URLs) from a request target; rejects with
     * {@code bad_request_line} unless it starts with '/', is '*' or is an absolute URL.
     */
    static boolean path(String s, int from, int to, ParseResult out) {
        if (from >= to) {
            return out.reject(RejectReason.BAD_REQUEST_LINE, "empty path");
        }
        char c = s.charAt(from);
        if (c == '/') {
            out.path = s.substring(from, queryStart(s, from, to));
            return true;
        }
        if (c == '*' && to - from == 1) {
            out.path = "*";
            return true;
        }
        int colon = schemeEnd(s, from, to);
        if (colon < 0) {
            return out.reject(RejectReason.BAD_REQUEST_LINE, "path must start with '/' or be an absolute URL");
        }
        int hs = colon + 3;
        int he = hs;
        while (he < to) {
            char h = s.charAt(he);
            if (h == '/' || h == '?' || h == '#') {
                break;
            }
            he++;
        }
        if (out.host == null && he > hs) {
            out.host = host(s, hs, he);
        }
        if (he < to && s.charAt(he) == '/') {
            out.path = s.substring(he, queryStart(s, he, to));
        } else {
            out.path = "/";
        }
        return true;
    }

    /** Index of the ':' of a leading {@code scheme://}, or -1. */
    private static int schemeEnd(String s, int from, int to) {
        int i = from;
        while (i < to && i - from <= 16) {
            char c = s.charAt(i);
            if (c == ':') {
                return i > from && i + 2 < to && s.charAt(i + 1) == '/' && s.charAt(i + 2) == '/' ? i : -1;
            }
            if (!Chars.isLetter(c) && !(i > from && (Chars.isDigit(c) || c == '+' || c == '-' || c == '.'))) {
                return -1;
            }
            i++;
        }
        return -1;
    }

    private static int queryStart(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '?' || c == '#') {
                return i;
            }
        }
        return to;
    }

    /**
     * The host of an authority/Host value without userinfo, port or IPv6 brackets; null when empty.
     */
    static String host(String s, int from, int to) {
        int at = Chars.indexOf(s, '@', from, to);
        if (at >= 0) {
            from = at + 1;
        }
        if (from < to && s.charAt(from) == '[') {
            int close = Chars.indexOf(s, ']', from, to);
            return close > from + 1 ? s.substring(from + 1, close) : null;
        }
        int colon = Chars.indexOf(s, ':', from, to);
        if (colon >= 0 && Chars.indexOf(s, ':', colon + 1, to) < 0) {
            to = colon; // host:port (a bare IPv6 address has several colons and is kept whole)
        }
        return to > from ? s.substring(from, to) : null;
    }

    static String host(String h) {
        return h == null ? null : host(h, 0, h.length());
    }
}
