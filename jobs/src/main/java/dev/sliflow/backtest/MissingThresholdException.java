package dev.sliflow.backtest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A latency SLI asked of minutes that carry no count for its threshold: minutes of {@code sli_minute}
 * ingested before the threshold was added to the journey catalog. Unknown is not bad, so neither the
 * backtest nor live alerting counts those requests as slow: they refuse, naming the journey, the
 * threshold and what lacks it, and what to do (re-ingest those dates with the current catalog, or
 * start after them). An {@link IllegalArgumentException}: the command exits with status 2.
 */
public final class MissingThresholdException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MissingThresholdException(String message) {
        super(message);
    }

    /** The backtest's refusal: the days (ascending) whose latency rows lack the threshold. */
    static MissingThresholdException of(String journey, int thresholdMs, List<LocalDate> days) {
        return new MissingThresholdException("journey " + journey + " has no count for its latency threshold "
                + thresholdMs + " ms on " + ranges(days) + " (minutes ingested before the threshold was in the journey"
                + " catalog): re-ingest those dates with the current catalog, or backtest only later days (--from a day"
                + " whose windows start after " + days.get(days.size() - 1) + ")");
    }

    /** "2026-03-01..2026-03-02, 2026-03-05": consecutive days joined into ranges. */
    static String ranges(List<LocalDate> days) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < days.size()) {
            int j = i;
            while (j + 1 < days.size() && days.get(j + 1).equals(days.get(j).plusDays(1))) {
                j++;
            }
            out.add(i == j ? days.get(i).toString() : days.get(i) + ".." + days.get(j));
            i = j + 1;
        }
        return String.join(", ", out);
    }
}
