package dev.sliflow.parse.reference;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The pre-optimisation implementation of {@code dev.sliflow.parse.Timestamps} (commit f196bf7), copied
 * verbatim (package and imports aside) and kept as an oracle of {@code CombinedLogEquivalenceTest}: the
 * optimised parsers must give exactly the same {@link dev.sliflow.parse.ParseResult} for every line. Do not
 * change it.
 *
 * <p>Hand-rolled, allocation-free timestamp parsers for the forms access logs use. Every result is a
 * UTC epoch-millisecond; {@link #INVALID} signals a malformed or out-of-range value.
 */
public final class Timestamps {
    /** Returned for any malformed or out-of-range timestamp. */
    public static final long INVALID = Long.MIN_VALUE;

    private Timestamps() {}

    /** {@code dd/MMM/yyyy:HH:mm:ss[.fraction] ±hhmm}, e.g. {@code 05/Mar/2021:09:01:38 +0100}. */
    public static long parseClf(String s) {
        return s == null ? INVALID : parseClf(s, 0, s.length());
    }

    /** {@link #parseClf(String)} on the region {@code [from, to)}. */
    public static long parseClf(String s, int from, int to) {
        int sp = Chars.indexOf(s, ' ', from, to);
        if (sp < 0) {
            return INVALID;
        }
        long local = parseClfLocalUtc(s, from, sp);
        if (local == INVALID) {
            return INVALID;
        }
        int off = to - sp - 1 == 5 ? parseOffset(s, sp + 1, to) : Integer.MIN_VALUE; // exactly ±hhmm
        if (off == Integer.MIN_VALUE) {
            return INVALID;
        }
        return local - off * 60_000L;
    }

    /**
     * {@code dd/MMM/yyyy:HH:mm:ss[.fraction]} without a zone (HAProxy's accept date), read in
     * {@code zone}.
     */
    public static long parseClfLocal(String s, int from, int to, ZoneId zone) {
        long utc = parseClfLocalUtc(s, from, to);
        if (utc == INVALID || zone == null || zone.equals(ZoneOffset.UTC)) {
            return utc;
        }
        LocalDateTime ldt = LocalDateTime.ofEpochSecond(Math.floorDiv(utc, 1000), 0, ZoneOffset.UTC);
        ZoneOffset off = zone.getRules().getOffset(ldt);
        return utc - off.getTotalSeconds() * 1000L;
    }

    /** The local date-time of a CLF timestamp, read as if it were UTC. */
    private static long parseClfLocalUtc(String s, int from, int to) {
        // dd/MMM/yyyy:HH:mm:ss = 20 chars
        if (to - from < 20 || s.charAt(from + 2) != '/' || s.charAt(from + 6) != '/'
                || s.charAt(from + 11) != ':' || s.charAt(from + 14) != ':' || s.charAt(from + 17) != ':') {
            return INVALID;
        }
        int day = Chars.parseUInt(s, from, from + 2);
        int month = month(s, from + 3);
        int year = Chars.parseUInt(s, from + 7, from + 11);
        int hour = Chars.parseUInt(s, from + 12, from + 14);
        int min = Chars.parseUInt(s, from + 15, from + 17);
        int sec = Chars.parseUInt(s, from + 18, from + 20);
        int millis = fractionMillis(s, from + 20, to);
        if (millis < 0 || month < 0) {
            return INVALID;
        }
        return epochMillis(year, month, day, hour, min, sec, millis);
    }

    /**
     * ISO-8601 / RFC 3339: {@code yyyy-MM-dd[T ]HH:mm:ss[.fraction][Z|±hh:mm|±hhmm|±hh]}; no zone
     * means UTC.
     */
    public static long parseIso(String s) {
        return s == null ? INVALID : parseIso(s, 0, s.length());
    }

    /** {@link #parseIso(String)} on the region {@code [from, to)}. */
    public static long parseIso(String s, int from, int to) {
        if (to - from < 19 || s.charAt(from + 4) != '-' || s.charAt(from + 7) != '-'
                || (s.charAt(from + 10) != 'T' && s.charAt(from + 10) != 't' && s.charAt(from + 10) != ' ')
                || s.charAt(from + 13) != ':' || s.charAt(from + 16) != ':') {
            return INVALID;
        }
        int year = Chars.parseUInt(s, from, from + 4);
        int month = Chars.parseUInt(s, from + 5, from + 7);
        int day = Chars.parseUInt(s, from + 8, from + 10);
        int hour = Chars.parseUInt(s, from + 11, from + 13);
        int min = Chars.parseUInt(s, from + 14, from + 16);
        int sec = Chars.parseUInt(s, from + 17, from + 19);
        int i = from + 19;
        int zoneAt = i;
        if (i < to && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
            zoneAt = i + 1;
            while (zoneAt < to && Chars.isDigit(s.charAt(zoneAt))) {
                zoneAt++;
            }
        }
        int millis = fractionMillis(s, i, zoneAt);
        if (millis < 0) {
            return INVALID;
        }
        int off;
        if (zoneAt == to) {
            off = 0;
        } else if (zoneAt == to - 1 && (s.charAt(zoneAt) == 'Z' || s.charAt(zoneAt) == 'z')) {
            off = 0;
        } else {
            off = parseOffset(s, zoneAt, to);
            if (off == Integer.MIN_VALUE) {
                return INVALID;
            }
        }
        long local = epochMillis(year, month, day, hour, min, sec, millis);
        return local == INVALID ? INVALID : local - off * 60_000L;
    }

    /** Epoch seconds with an optional fraction (e.g. Caddy's {@code ts}) to millis; INVALID if not finite. */
    public static long fromEpochSeconds(double seconds) {
        if (!(seconds > -1e11 && seconds < 1e11)) {
            return INVALID;
        }
        return (long) Math.floor(seconds * 1000.0 + 1e-6);
    }

    /** Empty region: 0; {@code .d+}: the fraction truncated to millis; anything else: -1. */
    private static int fractionMillis(String s, int from, int to) {
        if (from == to) {
            return 0;
        }
        char c = s.charAt(from);
        if ((c != '.' && c != ',') || to - from < 2) {
            return -1;
        }
        int ms = 0;
        for (int i = from + 1; i < to; i++) {
            char d = s.charAt(i);
            if (!Chars.isDigit(d)) {
                return -1;
            }
            int k = i - from;
            if (k <= 3) {
                ms = ms * 10 + (d - '0');
            }
        }
        for (int k = to - from - 1; k < 3; k++) {
            ms *= 10;
        }
        return ms;
    }

    /** {@code ±hhmm}, {@code ±hh:mm} or {@code ±hh} in minutes; Integer.MIN_VALUE when invalid. */
    private static int parseOffset(String s, int from, int to) {
        int n = to - from;
        if (n < 3) {
            return Integer.MIN_VALUE;
        }
        char sign = s.charAt(from);
        if (sign != '+' && sign != '-') {
            return Integer.MIN_VALUE;
        }
        int hh = Chars.parseUInt(s, from + 1, from + 3);
        int mm;
        if (n == 3) {
            mm = 0;
        } else if (n == 5) {
            mm = Chars.parseUInt(s, from + 3, from + 5);
        } else if (n == 6 && s.charAt(from + 3) == ':') {
            mm = Chars.parseUInt(s, from + 4, from + 6);
        } else {
            return Integer.MIN_VALUE;
        }
        if (hh < 0 || hh > 18 || mm < 0 || mm > 59) {
            return Integer.MIN_VALUE;
        }
        int off = hh * 60 + mm;
        return sign == '-' ? -off : off;
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** 1..12 for a three-letter English month abbreviation (any case), else -1. */
    private static int month(String s, int i) {
        // ASCII lower case is enough: no other char lower-cases to a letter of a month abbreviation
        char a = asciiLower(s.charAt(i));
        char b = asciiLower(s.charAt(i + 1));
        char c = asciiLower(s.charAt(i + 2));
        switch (a) {
            case 'j':
                if (b == 'a' && c == 'n') return 1;
                if (b == 'u' && c == 'n') return 6;
                if (b == 'u' && c == 'l') return 7;
                return -1;
            case 'f':
                return b == 'e' && c == 'b' ? 2 : -1;
            case 'm':
                if (b == 'a' && c == 'r') return 3;
                if (b == 'a' && c == 'y') return 5;
                return -1;
            case 'a':
                if (b == 'p' && c == 'r') return 4;
                if (b == 'u' && c == 'g') return 8;
                return -1;
            case 's':
                return b == 'e' && c == 'p' ? 9 : -1;
            case 'o':
                return b == 'c' && c == 't' ? 10 : -1;
            case 'n':
                return b == 'o' && c == 'v' ? 11 : -1;
            case 'd':
                return b == 'e' && c == 'c' ? 12 : -1;
            default:
                return -1;
        }
    }

    /** Validated fields to UTC epoch millis (years 1970..9999), INVALID when any is out of range. */
    static long epochMillis(int year, int month, int day, int hour, int min, int sec, int millis) {
        if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)
                || hour < 0 || hour > 23 || min < 0 || min > 59 || sec < 0 || sec > 60 || millis < 0) {
            return INVALID;
        }
        long days = daysFromCivil(year, month, day);
        return ((days * 24 + hour) * 60 + min) * 60_000L + Math.min(sec, 59) * 1000L + millis;
    }

    private static int daysInMonth(int y, int m) {
        switch (m) {
            case 2:
                return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** Howard Hinnant's days_from_civil. */
    private static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }
}
