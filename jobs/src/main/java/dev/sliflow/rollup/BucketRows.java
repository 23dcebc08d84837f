package dev.sliflow.rollup;

import dev.sliflow.ingest.Dates;
import dev.sliflow.ingest.SliMinuteRow;
import java.util.Objects;

/**
 * Bucket rows: the shape in which the publish step merges several input files' hours and days.
 * A <em>bucket row</em> is a {@link SliMinuteRow} whose {@code minute} is the start of its hour or
 * day (counts, thresholds, sketch; percentiles are computed when the final rows are made).
 */
public final class BucketRows {
    private BucketRows() {}

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
