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

    /** The latest answer of {@link #dt}: rows come in date order, so most calls repeat the last day. */
    private record Day(long epochDay, String dt) {}

    private static volatile Day lastDay = new Day(0, LocalDate.ofEpochDay(0).toString());

    /** "YYYY-MM-DD" of an instant, UTC (the merge asks once per output row: the last day's string is kept). */
    public static String dt(long epochMillis) {
        long day = epochDay(epochMillis);
        Day d = lastDay;
        if (d.epochDay() != day) {
            d = new Day(day, LocalDate.ofEpochDay(day).toString());
            lastDay = d;
        }
        return d.dt();
    }
}
