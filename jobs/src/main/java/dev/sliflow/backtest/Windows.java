package dev.sliflow.backtest;

import dev.sliflow.slo.SloWindow;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * Which history an SLO window covers on a given day (UTC).
 *
 * <p>The window of day D ends at the end of D. Rolling N days: the N × 1440 minutes ending at the end
 * of D, so it starts at 00:00 of D − N + 1. Calendar week (ISO, Monday), month or quarter: from 00:00 of
 * the first day of the period containing D to the end of D (period to date).
 */
final class Windows {
    private Windows() {}

    /** The first day of the window that ends at the end of {@code day}. */
    static LocalDate start(SloWindow window, LocalDate day) {
        switch (window.kind()) {
            case ROLLING:
                return day.minusDays(window.days() - 1L);
            case CALENDAR_WEEK:
                return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case CALENDAR_MONTH:
                return day.withDayOfMonth(1);
            case CALENDAR_QUARTER:
                return day.with(IsoFields.DAY_OF_QUARTER, 1);
            default:
                throw new IllegalArgumentException("unknown window kind " + window.kind());
        }
    }

    /** "2026-Q1". */
    static String quarterKey(LocalDate day) {
        return day.getYear() + "-Q" + day.get(IsoFields.QUARTER_OF_YEAR);
    }

    /** "2026-03". */
    static String monthKey(LocalDate day) {
        return java.time.YearMonth.from(day).toString();
    }

    /** The UTC day of an epoch-ms instant. */
    static LocalDate dayOf(long epochMillis) {
        return LocalDate.ofEpochDay(Math.floorDiv(epochMillis, JourneyMinutes.DAY_MS));
    }
}
