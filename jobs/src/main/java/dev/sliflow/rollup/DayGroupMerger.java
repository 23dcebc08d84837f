package dev.sliflow.rollup;

import dev.sliflow.ingest.SliMinuteRow;
import dev.sliflow.ingest.SliPartial;
import dev.sliflow.ingest.SourceId;
import dev.sliflow.sli.SliAccumulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The batch ingest's final merge, for input grouped by UTC day × journey × region (as a keyed
 * operator's input is in Flink's BATCH mode, see {@link SliPartial#daySortKey}), the partials of every
 * input file of the run: a group's {@code sli_minute} rows and, in the same pass, its {@code sli_hour}
 * rows and its {@code sli_day} row — whole, since the group holds every minute of its day. No second
 * pass or shuffle makes the rollups.
 *
 * <p>Minute rows per input file too, for the lineage ({@code flink.LineagePublish}): where one file
 * alone has lines of a minute (nearly always, also when a log rotated at 06:00 gives every date two
 * files), its row is the table's row too and is handed out once, marked with the file
 * ({@link SourceId#stagingPath}: {@code src=}). Where several files have lines of the same minute (the
 * minutes around a rotation), each file's row is handed out for its lineage only ({@code lin=}), and
 * their merge for the table (no file): the publish never has to read a run's rows back to merge them. Hours and days are the table's only (no file):
 * the lineage keeps minutes, and a date merged with other runs' files gets its hours and day from its
 * merged minutes.
 *
 * <p>Holds one group at a time (at most 1,440 minutes per file); a group's rows are handed out when the
 * next group starts or at {@link #finish()}. A minute with a single partial keeps its sketch encoding and
 * percentiles as they came; several are added up in one accumulator. Hours merge the minutes' sketches
 * (each file's, then the files' hours), days the hours', so every percentile comes from a merged
 * sketch, never from averaged percentiles, and each minute's sketch is decoded once.
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

    /** The partials of one minute of one file: the first as it came (copied), an accumulator once a second comes. */
    private static final class Minute {
        final SliPartial first;
        SliAccumulator acc;

        Minute(SliPartial first) {
            this.first = first;
        }

        SliMinuteRow row() {
            SliPartial whole = acc == null ? first
                    : SliPartial.of(first.journey, first.journeyIndex, first.region, first.minute, acc);
            return SliMinuteRow.of(whole);
        }

        SliAccumulator accumulator() {
            return acc != null ? acc : first.toAccumulator();
        }
    }

    private final Rows rows;
    /** The group's minutes per input file (source key), files in key order. */
    private final TreeMap<Long, TreeMap<Long, Minute>> files = new TreeMap<>();
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
        if (!files.isEmpty() && (d != day || p.journeyIndex != journeyIndex || !Objects.equals(p.journey, journey)
                || !Objects.equals(p.region, region))) {
            finish();
        }
        if (files.isEmpty()) {
            day = d;
            journeyIndex = p.journeyIndex;
            journey = p.journey;
            region = p.region;
        }
        TreeMap<Long, Minute> minutes = files.computeIfAbsent(p.sourceKey, k -> new TreeMap<>());
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

    /** Hands out the rows of the group in progress, if any. */
    public void finish() {
        if (files.isEmpty()) {
            return;
        }
        if (files.size() > 1 && files.containsKey(0L)) {
            throw new IllegalStateException("partials of " + journey + "/" + region + " without their input file's key"
                    + " beside others with one: each file's rows could not be told from the merged ones");
        }
        // minutes that several files have lines of: each file's row is its lineage's only, the table's is their merge
        TreeMap<Long, List<Minute>> shared = new TreeMap<>();
        if (files.size() > 1) {
            TreeMap<Long, List<Minute>> byMinute = new TreeMap<>();
            for (TreeMap<Long, Minute> minutes : files.values()) {
                for (Map.Entry<Long, Minute> e : minutes.entrySet()) {
                    byMinute.computeIfAbsent(e.getKey(), k -> new ArrayList<>(2)).add(e.getValue());
                }
            }
            byMinute.forEach((minute, ms) -> {
                if (ms.size() > 1) {
                    shared.put(minute, ms);
                }
            });
        }
        // each file's minutes (its lineage's, and the table's where no other file has the minute) and hours; the
        // files' hours merged
        TreeMap<Long, SliRollup> hours = new TreeMap<>();
        for (Map.Entry<Long, TreeMap<Long, Minute>> f : files.entrySet()) {
            for (SliRollup h : fileMinutes(f.getKey(), f.getValue(), shared)) {
                SliRollup had = hours.get(h.start());
                hours.put(h.start(), had == null ? h : had.merge(h));
            }
        }
        for (List<Minute> ms : shared.values()) {
            SliPartial first = ms.get(0).first;
            SliAccumulator acc = new SliAccumulator(first.thresholdsMs);
            for (Minute m : ms) {
                acc.merge(m.accumulator());
            }
            // sourceKey 0: a row of all files
            rows.minute(SliMinuteRow.of(SliPartial.of(first.journey, first.journeyIndex, first.region, first.minute, acc)));
        }
        SliRollup dayRollup = null;
        for (SliRollup h : hours.values()) {
            rows.hour(SliHourRow.of(h)); // sourceKey 0: a row of all files
            SliRollup asDay = h.into(RollupPeriod.DAY);
            dayRollup = dayRollup == null ? asDay : dayRollup.merge(asDay);
        }
        rows.day(SliDayRow.of(dayRollup));
        files.clear();
    }

    /** One file's minute rows of the group, handed out; returns its hours (the file's own, not handed out). */
    private List<SliRollup> fileMinutes(long sourceKey, TreeMap<Long, Minute> minutes, Map<Long, List<Minute>> shared) {
        List<SliRollup> hours = new ArrayList<>();
        SliRollup hour = null;
        for (Minute m : minutes.values()) {
            SliMinuteRow row = m.row();
            row.sourceKey = sourceKey;
            row.lineageOnly = shared.containsKey(row.minute);
            rows.minute(row);
            if (hour != null && RollupPeriod.HOUR.start(row.minute) != hour.start()) {
                hours.add(hour);
                hour = null;
            }
            hour = hour == null ? SliRollup.of(RollupPeriod.HOUR, row) : hour.add(row);
        }
        hours.add(hour);
        return hours;
    }
}
