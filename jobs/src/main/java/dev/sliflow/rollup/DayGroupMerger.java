package dev.sliflow.rollup;

import dev.sliflow.ingest.SliMinuteRow;
import dev.sliflow.ingest.SliPartial;
import dev.sliflow.sli.SliAccumulator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The batch ingest's final merge, for input grouped by one input file × UTC day × journey × region
 * (as a keyed operator's input is in Flink's BATCH mode, see {@link SliPartial#daySortKey}): the
 * group's minute partials merged into its {@code sli_minute} rows, and in the same pass its
 * {@code sli_hour} rows and its {@code sli_day} row — whole, since the group holds every minute of
 * its day. No second pass or shuffle makes the rollups.
 *
 * <p>Holds one group at a time (at most 1,440 minutes); a group's rows are handed out, in minute
 * order, when the next group starts or at {@link #finish()}. A minute with a single partial — the
 * common case — keeps its sketch encoding and percentiles as they came; several are added up in one
 * accumulator. The hours merge the minutes' sketches, the day its hours', so every percentile comes
 * from a merged sketch, never from averaged percentiles.
 *
 * <p>Input that is not grouped would give several rows for one key: only for grouped input.
 */
public final class DayGroupMerger {
    /** Where the rows go. */
    public interface Rows {
        void minute(SliMinuteRow row);

        void hour(SliHourRow row);

        void day(SliDayRow row);
    }

    /** The partials of one minute: the first as it came (copied), an accumulator once a second one comes. */
    private static final class Minute {
        final SliPartial first;
        SliAccumulator acc;

        Minute(SliPartial first) {
            this.first = first;
        }
    }

    static final boolean NOROLL = Boolean.getBoolean("x.noroll");
    private final Rows rows;
    private final TreeMap<Long, Minute> minutes = new TreeMap<>();
    private long sourceKey;
    private long day;
    private int journeyIndex;
    private String journey;
    private String region;

    public DayGroupMerger(Rows rows) {
        this.rows = Objects.requireNonNull(rows);
    }

    /**
     * Adds the next partial. The partial is copied when kept, so a caller may reuse the object. When it
     * starts another group, the rows of the previous group are handed out first.
     */
    public void add(SliPartial p) {
        long d = Math.floorDiv(p.minute, RollupPeriod.DAY.millis());
        if (!minutes.isEmpty() && (d != day || p.sourceKey != sourceKey || p.journeyIndex != journeyIndex
                || !Objects.equals(p.journey, journey) || !Objects.equals(p.region, region))) {
            finish();
        }
        if (minutes.isEmpty()) {
            day = d;
            sourceKey = p.sourceKey;
            journeyIndex = p.journeyIndex;
            journey = p.journey;
            region = p.region;
        }
        Minute m = minutes.get(p.minute);
        if (m == null) {
            minutes.put(p.minute, new Minute(p.copy()));
        } else {
            if (m.acc == null) {
                m.acc = m.first.toAccumulator();
            }
            m.acc.merge(p.toAccumulator());
        }
    }

    /** Hands out the rows of the group in progress, if any (minutes in order, then its hours, then its day). */
    public void finish() {
        if (minutes.isEmpty()) {
            return;
        }
        SliRollup hour = null;
        SliRollup dayRollup = null;
        for (Map.Entry<Long, Minute> e : minutes.entrySet()) {
            Minute m = e.getValue();
            SliPartial whole = m.acc == null ? m.first
                    : SliPartial.of(m.first.journey, m.first.journeyIndex, m.first.region, m.first.minute, m.acc);
            SliMinuteRow row = SliMinuteRow.of(whole);
            row.sourceKey = sourceKey;
            rows.minute(row);
            if (NOROLL) continue;
            if (hour != null && RollupPeriod.HOUR.start(row.minute) != hour.start()) {
                dayRollup = closeHour(hour, dayRollup);
                hour = null;
            }
            hour = hour == null ? SliRollup.of(RollupPeriod.HOUR, row) : hour.add(row);
        }
        if (NOROLL) { minutes.clear(); return; }
        dayRollup = closeHour(hour, dayRollup);
        SliDayRow d = SliDayRow.of(dayRollup);
        d.sourceKey = sourceKey;
        rows.day(d);
        minutes.clear();
    }

    private SliRollup closeHour(SliRollup hour, SliRollup dayRollup) {
        SliHourRow h = SliHourRow.of(hour);
        h.sourceKey = sourceKey;
        rows.hour(h);
        SliRollup asDay = hour.into(RollupPeriod.DAY);
        return dayRollup == null ? asDay : dayRollup.merge(asDay);
    }
}
