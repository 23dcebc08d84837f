package dev.sliflow.parse;

import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * {@link Timestamps#parseClf(String, int, int)} with a memory of the last valid timestamp's minute.
 * Consecutive lines of an access log nearly always share the minute and the zone, and the full parse
 * (day, month name, year, hour, minute, zone, days since 1970) is the dearest part of a line's fields:
 * a timestamp whose {@code dd/MMM/yyyy:HH:mm} and {@code ±hhmm} equal the remembered ones only reads
 * its seconds and fraction. The result is exactly the full parse's for every input: only the plain
 * shape {@code dd/MMM/yyyy:HH:mm:ss[.digits] ±hhmm} takes the shortcut, its prefix and zone were
 * valid in the remembered timestamp, so only the seconds can still make it invalid (61..99: INVALID,
 * 60 reads as 59 like the full parse does); anything else (another minute or zone, another shape, a
 * broken field) goes to the full parse, and only a valid result is remembered.
 *
 * <p>Not thread-safe: one per parser instance, and parsers are confined to one thread (one per ingest
 * subtask).
 */
final class ClfMinuteCache implements Serializable {
    private static final long serialVersionUID = 1L;

    /** {@code dd/MMM/yyyy:HH:mm}. */
    private static final int PREFIX = 17;
    /** {@code ±hhmm}. */
    private static final int ZONE = 5;
    /** {@code dd/MMM/yyyy:HH:mm:ss ±hhmm}, the shortest plain shape. */
    private static final int MIN_LENGTH = 26;
    /** {@link #secondMillis} for seconds 61..99 (invalid once the prefix and zone are known to be valid). */
    private static final int BAD_SECONDS = Integer.MAX_VALUE;

    /** The remembered {@code dd/MMM/yyyy:HH:mm} and {@code ±hhmm}, once {@link #remembered}. */
    private final char[] key = new char[PREFIX + ZONE];
    /** The same as bytes, for the byte path: bytes 0..7 and 8..15 as little-endian longs, byte 16, the zone's first 4 bytes and its last. */
    private boolean asciiKey;
    private long key0;
    private long key8;
    private byte key16;
    private int zone0;
    private byte zone4;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private boolean remembered;
    /** UTC epoch millis of second 0 of the remembered minute (its zone applied). */
    private long minuteMillis;

    /** The value of {@code Timestamps.parseClf(s, from, to)}. */
    long parseClf(String s, int from, int to) {
        int sm = secondMillis(s, from, to);
        if (sm >= 0 && remembered && sameMinute(s, from, to)) {
            return sm == BAD_SECONDS ? Timestamps.INVALID : minuteMillis + sm;
        }
        long t = Timestamps.parseClf(s, from, to);
        if (t != Timestamps.INVALID && sm >= 0 && sm != BAD_SECONDS) {
            // valid, so [from, from + 17) held the date, hour and minute without a space, and the full
            // parse read exactly the seconds, fraction and zone that secondMillis located
            s.getChars(from, from + PREFIX, key, 0);
            s.getChars(to - ZONE, to, key, PREFIX);
            byte[] kb = new byte[PREFIX + ZONE];
            asciiKey = true;
            for (int i = 0; i < kb.length; i++) {
                kb[i] = (byte) key[i]; // a valid timestamp's date, time and zone are ASCII (checked all the same)
                asciiKey &= key[i] < 0x80;
            }
            key0 = (long) LONGS.get(kb, 0);
            key8 = (long) LONGS.get(kb, 8);
            key16 = kb[16];
            zone0 = (int) INTS.get(kb, PREFIX);
            zone4 = kb[PREFIX + 4];
            minuteMillis = t - sm;
            remembered = true;
        }
        return t;
    }

    /**
     * {@link #parseClf(String, int, int)} of the timestamp in the ASCII bytes {@code b[from, to)}: the
     * remembered minute answers from the bytes; otherwise (a new minute, another shape) the region is
     * decoded and parsed as a string, which also remembers it. INVALID for a region with a non-ASCII
     * byte (the caller's string path decides about such lines).
     */
    long parseClf(byte[] b, int from, int to) {
        int sm = secondMillis(b, from, to);
        if (sm >= 0 && remembered && sameMinute(b, from, to)) {
            return sm == BAD_SECONDS ? Timestamps.INVALID : minuteMillis + sm;
        }
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                return Timestamps.INVALID;
            }
        }
        String s = new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
        return parseClf(s, 0, s.length());
    }

    /**
     * The byte path's {@link #sameMinute(String, int, int)}: the remembered 17 + 5 ASCII bytes compared
     * as two longs, a byte and an int and a byte (a non-ASCII byte never equals an ASCII one). The
     * caller has checked that the region holds at least {@link #MIN_LENGTH} bytes.
     */
    private boolean sameMinute(byte[] b, int from, int to) {
        return asciiKey && (long) LONGS.get(b, from) == key0 && (long) LONGS.get(b, from + 8) == key8 && b[from + 16] == key16
                && (int) INTS.get(b, to - ZONE) == zone0 && b[to - 1] == zone4;
    }

    /** {@link #secondMillis(String, int, int)} over bytes (a non-ASCII byte is no digit, no separator). */
    private static int secondMillis(byte[] b, int from, int to) {
        int sp = to - 6;
        if (to - from < MIN_LENGTH || b[sp] != ' ' || b[from + 17] != ':') {
            return -1;
        }
        int d1 = b[from + 18] - '0';
        int d2 = b[from + 19] - '0';
        if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) {
            return -1;
        }
        int millis = 0;
        int i = from + 20;
        if (i < sp) {
            byte c = b[i];
            if ((c != '.' && c != ',') || i + 1 == sp) {
                return -1;
            }
            int digits = 0;
            for (i++; i < sp; i++) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    return -1;
                }
                if (++digits <= 3) {
                    millis = millis * 10 + d;
                }
            }
            for (; digits < 3; digits++) {
                millis *= 10;
            }
        }
        return secondMillis(d1 * 10 + d2, millis);
    }

    /** What seconds {@code sec} (00..99) and {@code millis} add to the minute; {@link #BAD_SECONDS} above 60 (60 reads as 59). */
    private static int secondMillis(int sec, int millis) {
        return sec > 60 ? BAD_SECONDS : Math.min(sec, 59) * 1000 + millis;
    }

    /** Whether the timestamp's {@code dd/MMM/yyyy:HH:mm} and zone are the remembered ones. */
    private boolean sameMinute(String s, int from, int to) {
        // a char loop: String.startsWith/regionMatches measured slower for these few chars
        char[] k = key;
        for (int i = PREFIX - 1; i >= 0; i--) { // the minute first: it changes most often
            if (s.charAt(from + i) != k[i]) {
                return false;
            }
        }
        for (int i = 0; i < ZONE; i++) {
            if (s.charAt(to - ZONE + i) != k[PREFIX + i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * For the plain shape {@code ?????????????????:ss[.digits] ?????} (a ':' at 17, two digits, an
     * optional '.' or ',' with 1+ digits, one space, 5 chars of zone), what the seconds and fraction
     * add to the minute: {@code min(ss, 59) * 1000 + the fraction truncated to millis}, or
     * {@link #BAD_SECONDS} for ss above 60; -1 for any other shape.
     */
    private static int secondMillis(String s, int from, int to) {
        int sp = to - 6;
        if (to - from < MIN_LENGTH || s.charAt(sp) != ' ' || s.charAt(from + 17) != ':') {
            return -1;
        }
        int d1 = s.charAt(from + 18) - '0';
        int d2 = s.charAt(from + 19) - '0';
        if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) {
            return -1;
        }
        int millis = 0;
        int i = from + 20;
        if (i < sp) {
            char c = s.charAt(i);
            if ((c != '.' && c != ',') || i + 1 == sp) {
                return -1;
            }
            int digits = 0;
            for (i++; i < sp; i++) {
                int d = s.charAt(i) - '0';
                if (d < 0 || d > 9) {
                    return -1;
                }
                if (++digits <= 3) {
                    millis = millis * 10 + d;
                }
            }
            for (; digits < 3; digits++) {
                millis *= 10;
            }
        }
        return secondMillis(d1 * 10 + d2, millis);
    }
}
