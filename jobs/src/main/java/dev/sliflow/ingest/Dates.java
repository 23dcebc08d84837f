package dev.sliflow.ingest;

import java.time.LocalDate;

/** UTC date helpers for partitioning. */
public final class Dates {
    public static final long DAY_MS = 86_400_000L;
    public static final long MINUTE_MS = 60_000L;

    private Dates() {}

    public static long epochDay(long epochMillis) {
        return Math.floorDiv(epochMillis, DAY_MS);
    }

    public static long minuteStart(long epochMillis) {
        return Math.floorDiv(epochMillis, MINUTE_MS) * MINUTE_MS;
    }

    /** "YYYY-MM-DD" of an instant, UTC. */
    public static String dt(long epochMillis) {
        return LocalDate.ofEpochDay(epochDay(epochMillis)).toString();
    }
}
