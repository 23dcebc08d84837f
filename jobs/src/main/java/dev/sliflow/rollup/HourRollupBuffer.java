package dev.sliflow.rollup;

import dev.sliflow.ingest.Dates;
import dev.sliflow.ingest.SliMinuteRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rolls the minute rows a batch ingest's merge emits up into hours as they go by, per journey,
 * region and input file: the job's sli_hour (and, from its hours, sli_day) without reading the
 * minutes back. The minute rows come in minute order (one subtask's share of the keys), so an hour
 * is handed out once a row of a later hour arrives: at most the hours of ~2 hours are held. The
 * hours of several subtasks are partial (each saw some of the minutes): they are bucket rows to be
 * merged by key ({@link #merge}), exactly.
 *
 * <p>A <em>bucket row</em> is a {@link SliMinuteRow} whose {@code minute} is the start of its hour or
 * day (counts, thresholds, sketch; percentiles are computed when the final rows are made): the
 * shape the job moves between operators and the publish step merges.
 */
public final class HourRollupBuffer {
    private record Key(String journey, String region, long start, long sourceKey) {}

    private final Map<Key, SliRollup> open = new HashMap<>();
    private long currentHour = Long.MIN_VALUE;
    private long currentSource;

    /**
     * Adds a minute row; returns the bucket rows of the hours it closed: those before its own hour, or all
     * when it starts another input file (the merge's rows come file by file, each in minute order).
     */
    public List<SliMinuteRow> add(SliMinuteRow m) {
        long hour = RollupPeriod.HOUR.start(m.minute);
        List<SliMinuteRow> done = List.of();
        if (m.sourceKey != currentSource && !open.isEmpty()) {
            done = flushBefore(Long.MAX_VALUE);
            currentHour = Long.MIN_VALUE;
        }
        currentSource = m.sourceKey;
        if (hour > currentHour) {
            if (currentHour != Long.MIN_VALUE) {
                done = flushBefore(hour);
            }
            currentHour = hour;
        }
        Key k = new Key(m.journey, m.region, hour, m.sourceKey);
        SliRollup r = open.get(k);
        if (r == null) {
            open.put(k, SliRollup.of(RollupPeriod.HOUR, m));
        } else {
            r.add(m);
        }
        return done;
    }

    /** The bucket rows of every hour still open. */
    public List<SliMinuteRow> finish() {
        return flushBefore(Long.MAX_VALUE);
    }

    private List<SliMinuteRow> flushBefore(long hour) {
        List<SliMinuteRow> out = new ArrayList<>();
        for (Iterator<Map.Entry<Key, SliRollup>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, SliRollup> e = it.next();
            if (e.getKey().start() < hour) {
                out.add(bucketRow(e.getValue(), e.getKey().sourceKey()));
                it.remove();
            }
        }
        return out;
    }

    /** A rollup as a bucket row of input file {@code sourceKey} (0: all files). */
    public static SliMinuteRow bucketRow(SliRollup r, long sourceKey) {
        SliMinuteRow b = new SliMinuteRow();
        b.journey = r.journey();
        b.region = r.region();
        b.minute = r.start();
        b.total = r.total();
        b.good = r.good();
        b.serverErrors = r.serverErrors();
        b.withLatency = r.withLatency();
        b.thresholdsMs = r.thresholdsMs();
        b.goodLatency = r.goodLatency();
        byte[] sk = r.sketchBytes();
        b.sketch = sk == null ? new byte[0] : sk;
        b.dt = Dates.dt(r.start());
        b.sourceKey = sourceKey;
        return b;
    }

    /** Two bucket rows of the same journey, region, bucket of {@code period} and file, merged. */
    public static SliMinuteRow merge(RollupPeriod period, SliMinuteRow a, SliMinuteRow b) {
        if (a.sourceKey != b.sourceKey || !Objects.equals(a.journey, b.journey) || !Objects.equals(a.region, b.region)
                || a.minute != b.minute) {
            throw new IllegalArgumentException("bucket rows of different keys: " + a.journey + "/" + a.minute + " and "
                    + b.journey + "/" + b.minute);
        }
        return bucketRow(SliRollup.of(period, a).add(b), a.sourceKey);
    }

    /** An hour's bucket row as (part of) its day's. */
    public static SliMinuteRow toDay(SliMinuteRow hour) {
        SliMinuteRow d = hour.copy();
        d.minute = RollupPeriod.DAY.start(hour.minute);
        return d;
    }

    /** The sli_hour row of a final bucket row (percentiles from its sketch). */
    public static SliHourRow hourRow(SliMinuteRow bucket) {
        SliHourRow h = SliHourRow.of(SliRollup.of(RollupPeriod.HOUR, bucket));
        h.sourceKey = bucket.sourceKey;
        return h;
    }

    /** The sli_day row of a final bucket row (percentiles from its sketch). */
    public static SliDayRow dayRow(SliMinuteRow bucket) {
        SliDayRow d = SliDayRow.of(SliRollup.of(RollupPeriod.DAY, bucket));
        d.sourceKey = bucket.sourceKey;
        return d;
    }
}
