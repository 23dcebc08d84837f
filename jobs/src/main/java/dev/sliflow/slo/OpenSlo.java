package dev.sliflow.slo;

/** Names shared by the OpenSLO v1 reader and writer. */
final class OpenSlo {
    static final String API_VERSION = "openslo/v1";
    /** sliflow's own {@code metricSource.type}: an access-log journey's SLI. */
    static final String SOURCE_TYPE = "sliflow";
    /** The only time slice sliflow evaluates. */
    static final String SLICE_WINDOW = "1m";
    /** The calendar start the writer uses: a Monday and 1 January, so aligned to weeks, months and quarters. */
    static final String CALENDAR_START = "2024-01-01 00:00:00";
    static final String UTC = "UTC";

    private OpenSlo() {}

    static String budgetingMethod(Budgeting b) {
        return switch (b) {
            case OCCURRENCES -> "Occurrences";
            case TIMESLICES -> "Timeslices";
            case RATIO_TIMESLICES -> "RatioTimeslices";
        };
    }

    /** The OpenSLO duration of a calendar window: 1w, 1M or 1Q. */
    static String calendarDuration(SloWindow.Kind kind) {
        return switch (kind) {
            case CALENDAR_WEEK -> "1w";
            case CALENDAR_MONTH -> "1M";
            case CALENDAR_QUARTER -> "1Q";
            case ROLLING -> throw new IllegalArgumentException("not a calendar window");
        };
    }
}
