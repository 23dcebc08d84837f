package dev.sliflow.slo;

import java.io.Serializable;

/**
 * An SLO window: rolling N days ({@code 28d}), or a calendar period ({@code calendar-month},
 * {@code calendar-quarter}, {@code calendar-week}), in UTC.
 *
 * @param id as written in configuration and in slo ids: "28d", "calendar-month"
 * @param kind rolling or a calendar unit
 * @param days the rolling length in days; for calendar kinds the nominal period used to scale
 *     burn-rate tiers (7, 30 or 91)
 */
public record SloWindow(String id, Kind kind, int days) implements Serializable {
    public enum Kind { ROLLING, CALENDAR_WEEK, CALENDAR_MONTH, CALENDAR_QUARTER }

    public static SloWindow rolling(int days) {
        return new SloWindow(days + "d", Kind.ROLLING, days);
    }

    public static SloWindow calendar(Kind kind) {
        switch (kind) {
            case CALENDAR_WEEK:
                return new SloWindow("calendar-week", kind, 7);
            case CALENDAR_MONTH:
                return new SloWindow("calendar-month", kind, 30);
            case CALENDAR_QUARTER:
                return new SloWindow("calendar-quarter", kind, 91);
            default:
                throw new IllegalArgumentException("not a calendar kind: " + kind);
        }
    }

    public boolean rolling() {
        return kind == Kind.ROLLING;
    }
}
