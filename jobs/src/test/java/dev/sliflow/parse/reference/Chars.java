package dev.sliflow.parse.reference;

/**
 * The pre-optimisation implementation of {@code dev.sliflow.parse.Chars} (commit f196bf7), copied
 * verbatim (package and imports aside) and kept as an oracle of {@code CombinedLogEquivalenceTest}: the
 * optimised parsers must give exactly the same {@link dev.sliflow.parse.ParseResult} for every line. Do not
 * change it.
 *
 * <p>Allocation-free scanning helpers over a region {@code [from, to)} of a String.
 */
final class Chars {
    private Chars() {}

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    static int skipSpaces(String s, int i, int to) {
        while (i < to && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** Index of the next space at or after {@code i}, or {@code to}. */
    static int tokenEnd(String s, int i, int to) {
        if (i >= to) {
            return i;
        }
        int j = s.indexOf(' ', i); // String.indexOf is a vectorised intrinsic: the hot path of every parser
        return j < 0 || j > to ? to : j;
    }

    static int indexOf(String s, char c, int from, int to) {
        if (from >= to) {
            return -1;
        }
        int i = s.indexOf(c, Math.max(from, 0));
        return i < to ? i : -1;
    }

    /**
     * Index of the quote closing the quoted field whose opening quote is at {@code open}, honouring
     * backslash escapes; -1 when unterminated.
     */
    static int closingQuote(String s, int open, int to) {
        int i = open + 1;
        while (i < to) {
            int q = s.indexOf('"', i);
            if (q < 0 || q >= to) {
                return -1;
            }
            // escaped when preceded by an odd run of backslashes (inside the field)
            int b = q - 1;
            while (b > open && s.charAt(b) == '\\') {
                b--;
            }
            if (((q - 1 - b) & 1) == 0) {
                return q;
            }
            i = q + 1;
        }
        return -1;
    }

    /** End (exclusive) of the token starting at {@code i}: after the closing quote for quoted tokens. */
    static int fieldEnd(String s, int i, int to) {
        if (i < to && s.charAt(i) == '"') {
            int q = closingQuote(s, i, to);
            return q < 0 ? -1 : q + 1;
        }
        return tokenEnd(s, i, to);
    }

    static boolean equals(String s, int from, int to, String lit) {
        return to - from == lit.length() && s.regionMatches(from, lit, 0, lit.length());
    }

    static boolean isDash(String s, int from, int to) {
        return to - from == 1 && s.charAt(from) == '-';
    }

    /** Non-negative integer of 1..9 digits, or -1. */
    static int parseUInt(String s, int from, int to) {
        if (from >= to || to - from > 9) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Whether the region is 1+ digits, a dot and 1+ digits. */
    static boolean isDottedDecimal(String s, int from, int to) {
        int dot = indexOf(s, '.', from, to);
        return dot > from && dot < to - 1 && parseUInt(s, from, dot) >= 0 && allDigits(s, dot + 1, to);
    }

    static boolean allDigits(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A plain decimal number ({@code -?digits[.digits]} or {@code -?.digits}), at most 18 significant
     * digits; NaN when the region is anything else.
     */
    static double parseDecimal(String s, int from, int to) {
        if (from >= to || to - from > 40) {
            return Double.NaN;
        }
        int i = from;
        boolean neg = false;
        if (s.charAt(i) == '-' || s.charAt(i) == '+') {
            neg = s.charAt(i) == '-';
            i++;
        }
        long mant = 0;
        int digits = 0;
        int scale = 0;
        boolean dot = false;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (isDigit(c)) {
                if (digits >= 18 || (dot && scale >= 18)) {
                    if (!dot) {
                        return Double.NaN; // absurdly large
                    }
                    continue; // drop insignificant fraction digits
                }
                mant = mant * 10 + (c - '0');
                if (mant != 0) {
                    digits++;
                }
                if (dot) {
                    scale++;
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return Double.NaN;
            }
        }
        int nd = to - from - (neg || s.charAt(from) == '+' ? 1 : 0) - (dot ? 1 : 0);
        if (nd <= 0) {
            return Double.NaN;
        }
        double v = scale == 0 ? mant : mant / POW10[scale];
        return neg ? -v : v;
    }

    private static final double[] POW10 = new double[19];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    /**
     * Seconds as whole microseconds, rounded up (exact, BigDecimal); Long.MAX_VALUE when negative or
     * beyond a long (validation then rejects it as outside 0..1 day). Not in the original: the oracle of
     * the product's exact integer latencies (issue 27 item 10).
     */
    static long micros(java.math.BigDecimal seconds) {
        java.math.BigDecimal us = seconds.movePointRight(6).setScale(0, java.math.RoundingMode.CEILING);
        return us.signum() < 0 || us.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0
                ? Long.MAX_VALUE : us.longValueExact();
    }
}
