package dev.sliflow.parse;

/** Allocation-free scanning helpers over a region {@code [from, to)} of a String. */
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

    /**
     * {@link #tokenEnd} for a token that is usually short (a status, a byte count): the first few
     * chars are looked at one by one, which costs less than String.indexOf's set-up.
     */
    static int shortTokenEnd(String s, int i, int to) {
        if (i >= to) {
            return i;
        }
        int lim = Math.min(to, i + 8);
        for (int j = i; j < lim; j++) {
            if (s.charAt(j) == ' ') {
                return j;
            }
        }
        return lim == to ? to : tokenEnd(s, lim, to);
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
     * The token starting at {@code from} (up to the next space or {@code to}) when it is
     * {@code digits.digits} with 1..9 integer digits and at most 18 digits in all, read as seconds:
     * its value in microseconds, rounded up ({@link #decimalCeil} with shift 6 gives the same for these
     * tokens, for which {@link #isDottedDecimal} holds); -1 for any other token. One pass, integers
     * only, for the hot path of nginx's request_time.
     */
    static long plainDecimalMicros(String s, int from, int to) {
        long mant = 0;
        int i = from;
        char c = 0;
        while (i < to && isDigit(c = s.charAt(i))) {
            mant = mant * 10 + (c - '0');
            i++;
        }
        int intDigits = i - from;
        if (intDigits == 0 || intDigits > 9 || i == to || c != '.') {
            return -1;
        }
        int dot = i++;
        while (i < to && isDigit(c = s.charAt(i))) {
            mant = mant * 10 + (c - '0');
            i++;
        }
        int scale = i - dot - 1;
        if (scale == 0 || intDigits + scale > 18 || (i < to && c != ' ')) {
            return -1;
        }
        return microsOf(mant, scale);
    }

    /**
     * {@code mant × 10^-scale} seconds in microseconds, rounded up: exact for {@code mant} below
     * 10^18 and {@code scale} in 1..18 (the usual three decimals: one multiplication).
     */
    static long microsOf(long mant, int scale) {
        if (scale <= 6) {
            return mant * POW10L[6 - scale];
        }
        long d = POW10L[scale - 6];
        return (mant + d - 1) / d;
    }

    /** {@link #decimalCeil}: the text is not a plain decimal number. */
    static final long NOT_DECIMAL = -2;
    /** {@link #decimalCeil} with {@code exact}: the value has digits finer than the unit. */
    static final long FINER = -3;
    /**
     * {@link #decimalCeil}: a negative value, or one above {@link #LIMIT} units; as a latency it is
     * beyond any valid one (validation rejects it: outside 0..1 day).
     */
    static final long BEYOND = Long.MAX_VALUE;
    /** Values above this many units are {@link #BEYOND} (a day is 8.64 × 10^13 ns). */
    static final long LIMIT = 100_000_000_000_000_000L;

    /**
     * The plain decimal number in {@code [from, to)} ({@code [+-]digits[.digits]}, {@code [+-].digits}
     * or {@code [+-]digits.}) times {@code 10^shift} (any shift),
     * rounded up to an integer: exact, from the digits, with no double on the way and no digit
     * dropped. Latencies are kept in whole units rounded up because for an integer threshold
     * {@code T} and any value {@code x}, {@code ceil(x) <= T} exactly when {@code x <= T}: comparisons
     * with whole thresholds stay exact.
     *
     * @param exact return {@link #FINER} instead of rounding up a value that is not a whole number of
     *     units (sums must add exact values, not rounded ones)
     * @return the value in units; {@link #NOT_DECIMAL} for other text; {@link #BEYOND} for a negative
     *     value (other than zero) or one above {@link #LIMIT} (in units, or in the text's digits)
     */
    static long decimalCeil(String s, int from, int to, int shift, boolean exact) {
        if (from >= to) {
            return NOT_DECIMAL;
        }
        int i = from;
        char c0 = s.charAt(i);
        boolean neg = c0 == '-';
        if (neg || c0 == '+') {
            i++;
        }
        long v = 0;
        boolean big = false;
        boolean dot = false;
        boolean rest = false; // a non-zero digit finer than the unit
        int digits = 0;
        int frac = 0;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (isDigit(c)) {
                digits++;
                if (dot && ++frac > shift) {
                    rest |= c != '0';
                    continue;
                }
                if (!big) {
                    v = v * 10 + (c - '0');
                    big = v > LIMIT;
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return NOT_DECIMAL;
            }
        }
        if (digits == 0) {
            return NOT_DECIMAL;
        }
        if (shift < 0) {
            // integer digits only in v (all fraction digits are finer than the unit): divide, rounding up
            if (big) {
                return BEYOND; // more than LIMIT units of the text: far beyond a day in any unit in use
            }
            long d = -shift > 18 ? Long.MAX_VALUE : POW10L[-shift];
            rest |= v % d != 0;
            v /= d;
        } else {
            for (int k = Math.min(frac, shift); k < shift && !big; k++) {
                v *= 10;
                big = v > LIMIT;
            }
        }
        if (neg && (v != 0 || rest || big)) {
            return BEYOND;
        }
        if (big) {
            return BEYOND;
        }
        if (rest) {
            return exact ? FINER : v + 1;
        }
        return v;
    }

    /**
     * {@link #decimalCeil} for a JSON number, which may carry an exponent ({@code 3e-1},
     * {@code 1.5E+2}): the exponent moves the shift.
     */
    static long decimalCeilE(String s, int shift) {
        int e = s.indexOf('e');
        if (e < 0) {
            e = s.indexOf('E');
        }
        if (e < 0) {
            return decimalCeil(s, 0, s.length(), shift, false);
        }
        int p = e + 1;
        boolean neg = p < s.length() && s.charAt(p) == '-';
        if (p < s.length() && (neg || s.charAt(p) == '+')) {
            p++;
        }
        if (p >= s.length() || !allDigits(s, p, s.length())) {
            return NOT_DECIMAL;
        }
        long exp = 0;
        for (int i = p; i < s.length() && exp < 1000; i++) {
            exp = exp * 10 + (s.charAt(i) - '0');
        }
        exp = Math.min(exp, 1000); // beyond, the value is 0, 1 (rounded up) or BEYOND either way
        return decimalCeil(s, 0, e, (int) (neg ? shift - exp : shift + exp), false);
    }

    /** {@code a + b} for results of {@link #decimalCeil} at most {@link #LIMIT}, or {@link #BEYOND}. */
    static long addUnits(long a, long b) {
        return a == BEYOND || b == BEYOND || a + b > LIMIT ? BEYOND : a + b;
    }

    /**
     * A sum of seconds, {@code nanos} (a {@link #decimalCeil} sum, possibly {@link #BEYOND}) plus the
     * terms that were finer than a nanosecond ({@code finer}, null when none), in microseconds rounded up.
     */
    static long sumMicros(long nanos, java.math.BigDecimal finer) {
        if (nanos == BEYOND) {
            return BEYOND;
        }
        if (finer == null) {
            return (nanos + 999) / 1000;
        }
        java.math.BigDecimal us = finer.movePointRight(6).add(java.math.BigDecimal.valueOf(nanos, 3))
                .setScale(0, java.math.RoundingMode.CEILING);
        return us.signum() < 0 || us.compareTo(java.math.BigDecimal.valueOf(LIMIT)) > 0 ? BEYOND : us.longValue();
    }

    /** 10^n for n in 0..18. */
    private static final long[] POW10L = new long[19];

    static {
        long q = 1;
        for (int i = 0; i < POW10L.length; i++) {
            POW10L[i] = q;
            q *= 10;
        }
    }
}
