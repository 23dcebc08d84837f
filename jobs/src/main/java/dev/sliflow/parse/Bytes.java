package dev.sliflow.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * {@link Chars} over a line's UTF-8 bytes, for the byte fast paths ({@link LineParser#parsePlain}).
 * Every helper answers what its {@link Chars} namesake answers for the decoded line: the fast paths
 * look only for ASCII delimiters, and in UTF-8 a byte below 0x80 is always that ASCII character
 * (the bytes of a multi-byte character are all 0x80 or above, negative as Java bytes).
 */
final class Bytes {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUESTION_MARKS = '?' * ONES;
    private static final long HASHES = '#' * ONES;
    private static final long BELOW_2D = 0x2D * ONES;

    private Bytes() {}

    static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    static boolean isLetter(byte c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    static int skipSpaces(byte[] b, int i, int to) {
        while (i < to && b[i] == ' ') {
            i++;
        }
        return i;
    }

    /** Index of the next space at or after {@code i}, or {@code to}. */
    static int tokenEnd(byte[] b, int i, int to) {
        while (i < to && b[i] != ' ') {
            i++;
        }
        return i;
    }

    /**
     * Index of the first {@code c} in {@code b[from, to)}, or -1: eight bytes at a time (the search
     * through a user agent or referer for its closing quote is the longest of a line; String.indexOf,
     * which the string path uses, is a vectorised intrinsic).
     */
    static int indexOf(byte[] b, byte c, int from, int to) {
        int i = Math.max(from, 0);
        long pattern = (c & 0xffL) * ONES;
        for (int last = to - 8; i <= last; i += 8) {
            long x = (long) LONGS.get(b, i) ^ pattern;
            // a zero byte in x: exact for the lowest one, which is all we need
            long hit = (x - ONES) & ~x & HIGHS;
            if (hit != 0) {
                return i + (Long.numberOfTrailingZeros(hit) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Index of the first ASCII byte at most {@code ','} (0x2C: space, quote and comma among them) in
     * {@code b[from, to)}, or {@code to}; eight bytes at a time (exact for the lowest such byte).
     */
    static int nextAtMostComma(byte[] b, int from, int to) {
        int i = Math.max(from, 0);
        for (int last = to - 8; i <= last; i += 8) {
            long w = (long) LONGS.get(b, i);
            long hit = (w - BELOW_2D) & ~w & HIGHS; // bytes below 0x2D; a non-ASCII byte never counts
            if (hit != 0) {
                return i + (Long.numberOfTrailingZeros(hit) >>> 3);
            }
        }
        for (; i < to; i++) {
            byte c = b[i];
            if (c <= ',' && c >= 0) {
                return i;
            }
        }
        return to;
    }

    /**
     * Index of the first {@code '?'}, {@code '#'} or non-ASCII byte (0x80 and above) in
     * {@code b[from, to)}, or {@code to}: where a request target's path ends, or shows it is not
     * plain ASCII — one pass, eight bytes at a time, instead of a search for the query and then a
     * check of every path byte (the longest per-line step of the parse task before).
     */
    static int pathEnd(byte[] b, int from, int to) {
        int i = Math.max(from, 0);
        for (int last = to - 8; i <= last; i += 8) {
            long w = (long) LONGS.get(b, i);
            long q = w ^ QUESTION_MARKS;
            long h = w ^ HASHES;
            // the lowest zero byte of q or h is found exactly (false hits lie only above a true one);
            // a byte with its high bit set is non-ASCII
            long hit = ((q - ONES) & ~q & HIGHS) | ((h - ONES) & ~h & HIGHS) | (w & HIGHS);
            if (hit != 0) {
                return i + (Long.numberOfTrailingZeros(hit) >>> 3);
            }
        }
        for (; i < to; i++) {
            byte c = b[i];
            if (c == '?' || c == '#' || c < 0) {
                return i;
            }
        }
        return to;
    }

    /** {@link Chars#closingQuote}: the quote closing the field opened at {@code open}, backslash escapes honoured; -1 when unterminated. */
    static int closingQuote(byte[] b, int open, int to) {
        int i = open + 1;
        while (i < to) {
            int q = indexOf(b, (byte) '"', i, to);
            if (q < 0) {
                return -1;
            }
            int e = q - 1;
            while (e > open && b[e] == '\\') {
                e--;
            }
            if (((q - 1 - e) & 1) == 0) {
                return q;
            }
            i = q + 1;
        }
        return -1;
    }

    static boolean isDash(byte[] b, int from, int to) {
        return to - from == 1 && b[from] == '-';
    }

    static boolean allDigits(byte[] b, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isDigit(b[i])) {
                return false;
            }
        }
        return true;
    }

    /** {@link Chars#parseUInt}: a non-negative integer of 1..9 digits, or -1. */
    static int parseUInt(byte[] b, int from, int to) {
        if (from >= to || to - from > 9) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** {@link Chars#plainDecimalMicros}: {@code digits.digits} seconds up to the next space in µs rounded up, or -1. */
    static long plainDecimalMicros(byte[] b, int from, int to) {
        long mant = 0;
        int i = from;
        byte c = 0;
        while (i < to && isDigit(c = b[i])) {
            mant = mant * 10 + (c - '0');
            i++;
        }
        int intDigits = i - from;
        if (intDigits == 0 || intDigits > 9 || i == to || c != '.') {
            return -1;
        }
        int dot = i++;
        while (i < to && isDigit(c = b[i])) {
            mant = mant * 10 + (c - '0');
            i++;
        }
        int scale = i - dot - 1;
        if (scale == 0 || intDigits + scale > 18 || (i < to && c != ' ')) {
            return -1;
        }
        return Chars.microsOf(mant, scale);
    }

    /** The ASCII region as a string; null when it holds a non-ASCII byte. */
    static String ascii(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                return null;
            }
        }
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
