package dev.sliflow.slo;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;

/**
 * An announced maintenance window, excluded from budgets: fixed ({@code start}..{@code end}) or
 * recurring weekly ({@code every: "SUN 02:00", duration: 1h}, UTC) or daily ({@code every: "02:00"}).
 * A minute is in maintenance when it overlaps the window.
 */
public record Maintenance(Instant start, Instant end, DayOfWeek day, LocalTime at, Duration duration)
        implements Serializable {

    public static Maintenance fixed(Instant start, Instant end) {
        return new Maintenance(start, end, null, null, null);
    }

    /** @param day null for every day */
    public static Maintenance recurring(DayOfWeek day, LocalTime at, Duration duration) {
        return new Maintenance(null, null, day, at, duration);
    }

    public boolean isRecurring() {
        return at != null;
    }

    /** Whether the minute starting at {@code minuteStartMillis} overlaps this window. */
    public boolean covers(long minuteStartMillis) {
        long minuteEnd = minuteStartMillis + 60_000L;
        if (!isRecurring()) {
            return minuteStartMillis < end.toEpochMilli() && minuteEnd > start.toEpochMilli();
        }
        long dayMs = 86_400_000L;
        long durMs = duration.toMillis();
        long offset = at.toSecondOfDay() * 1000L;
        // occurrences that may overlap: those starting on this day or up to ceil(duration) days before
        long day0 = Math.floorDiv(minuteStartMillis, dayMs);
        long back = durMs / dayMs + 1;
        for (long d = day0 - back; d <= day0; d++) {
            if (day != null && java.time.LocalDate.ofEpochDay(d).getDayOfWeek() != day) {
                continue;
            }
            long s = d * dayMs + offset;
            if (minuteStartMillis < s + durMs && minuteEnd > s) {
                return true;
            }
        }
        return false;
    }
}
