package dev.sliflow.rollup;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import dev.sliflow.ingest.SliMinuteRow;
import dev.sliflow.sli.LatencySketch;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;

/**
 * The {@code sli_minute} rows of one journey and region within one hour or day, merged: counts
 * summed, latency sketches merged, so that its percentiles are those of every request of the bucket
 * (within the sketch's 0.5%), never a mean of minute percentiles, which hides a short spike.
 *
 * <p>Mergeable: {@code a.merge(b)} equals the rollup of the minutes of both, in any order and grouping
 * (tested as a law). A latency threshold is kept only when every minute of the bucket carries it: a
 * minute ingested before the threshold was added to the catalog has no count for it, and an unknown
 * count read as 0 would look like an outage. So a bucket's {@code good_latency} holds exactly the
 * thresholds known for all of its minutes (intersection, which is associative and commutative too).
 */
public final class SliRollup {
    private final RollupPeriod period;
    private final String journey;
    private final String region;
    private final long start;
    private long total;
    private long good;
    private long serverErrors;
    private long withLatency;
    /** Ascending; the thresholds every minute merged so far carries. */
    private int[] thresholdsMs;
    private long[] goodLatency;
    /** Null until a minute with latencies is merged. */
    private DDSketch sketch;

    private SliRollup(RollupPeriod period, String journey, String region, long start, int[] thresholdsMs) {
        this.period = period;
        this.journey = journey;
        this.region = region;
        this.start = start;
        this.thresholdsMs = thresholdsMs.clone();
        this.goodLatency = new long[thresholdsMs.length];
    }

    /** The rollup of one minute row into the bucket of {@code period} that holds it. */
    public static SliRollup of(RollupPeriod period, SliMinuteRow minute) {
        checkAscending(minute);
        return new SliRollup(period, minute.journey, minute.region, period.start(minute.minute), minute.thresholdsMs)
                .add(minute);
    }

    /** Adds a minute row of this rollup's journey, region and bucket. */
    public SliRollup add(SliMinuteRow m) {
        if (period.start(m.minute) != start || !m.journey.equals(journey) || !m.region.equals(region)) {
            throw new IllegalArgumentException("minute " + Instant.ofEpochMilli(m.minute) + " of " + m.journey + "/"
                    + m.region + " is not in the " + this);
        }
        if (m.goodLatency.length != m.thresholdsMs.length) {
            throw new IllegalArgumentException("good_latency of " + m.journey + "/" + m.region + " at "
                    + Instant.ofEpochMilli(m.minute) + " has " + m.goodLatency.length + " counts for "
                    + m.thresholdsMs.length + " thresholds");
        }
        checkAscending(m);
        addCounts(m.total, m.good, m.serverErrors, m.withLatency, m.thresholdsMs, m.goodLatency);
        if (m.sketch != null && m.sketch.length > 0) {
            if (sketch == null) {
                sketch = LatencySketch.create();
            }
            try {
                sketch.decodeAndMergeWith(ByteArrayInput.wrap(m.sketch));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("latency_sketch of " + m.journey + "/" + m.region + " at "
                        + Instant.ofEpochMilli(m.minute) + " is not a mergeable DDSketch encoding: " + e.getMessage(), e);
            }
        }
        return this;
    }

    /** Adds the other rollup (same period, journey, region and bucket) to this one; the other is unchanged. */
    public SliRollup merge(SliRollup other) {
        if (other.period != period || other.start != start || !other.journey.equals(journey)
                || !other.region.equals(region)) {
            throw new IllegalArgumentException("cannot merge the " + other + " into the " + this);
        }
        addCounts(other.total, other.good, other.serverErrors, other.withLatency, other.thresholdsMs, other.goodLatency);
        if (other.sketch != null) {
            if (sketch == null) {
                sketch = other.sketch.copy();
            } else {
                sketch.mergeWith(other.sketch);
            }
        }
        return this;
    }

    /** A copy of this rollup as (part of) the coarser bucket of {@code coarser} that holds it: hours into a day. */
    public SliRollup into(RollupPeriod coarser) {
        if (coarser.millis() < period.millis()) {
            throw new IllegalArgumentException("cannot roll a " + period + " up into a " + coarser);
        }
        SliRollup r = new SliRollup(coarser, journey, region, coarser.start(start), thresholdsMs);
        return r.merge(new SliRollup(this, coarser, r.start));
    }

    /** This rollup's content under another bucket (for {@link #into}); the sketch is shared, not copied. */
    private SliRollup(SliRollup o, RollupPeriod period, long start) {
        this.period = period;
        this.journey = o.journey;
        this.region = o.region;
        this.start = start;
        this.total = o.total;
        this.good = o.good;
        this.serverErrors = o.serverErrors;
        this.withLatency = o.withLatency;
        this.thresholdsMs = o.thresholdsMs;
        this.goodLatency = o.goodLatency;
        this.sketch = o.sketch;
    }

    private void addCounts(long total, long good, long serverErrors, long withLatency, int[] ths, long[] counts) {
        this.total += total;
        this.good += good;
        this.serverErrors += serverErrors;
        this.withLatency += withLatency;
        if (Arrays.equals(thresholdsMs, ths)) {
            for (int i = 0; i < counts.length; i++) {
                goodLatency[i] += counts[i];
            }
            return;
        }
        // keep the thresholds both sides know (both ascending)
        int[] keptTh = new int[Math.min(thresholdsMs.length, ths.length)];
        long[] kept = new long[keptTh.length];
        int n = 0;
        for (int i = 0, j = 0; i < thresholdsMs.length && j < ths.length; ) {
            if (thresholdsMs[i] < ths[j]) {
                i++;
            } else if (thresholdsMs[i] > ths[j]) {
                j++;
            } else {
                keptTh[n] = thresholdsMs[i];
                kept[n++] = goodLatency[i++] + counts[j++];
            }
        }
        thresholdsMs = Arrays.copyOf(keptTh, n);
        goodLatency = Arrays.copyOf(kept, n);
    }

    private static void checkAscending(SliMinuteRow m) {
        for (int i = 1; i < m.thresholdsMs.length; i++) {
            if (m.thresholdsMs[i] <= m.thresholdsMs[i - 1]) {
                throw new IllegalArgumentException("thresholds of " + m.journey + "/" + m.region + " at "
                        + Instant.ofEpochMilli(m.minute) + " are not ascending and distinct: "
                        + Arrays.toString(m.thresholdsMs));
            }
        }
    }

    /**
     * Several quantiles (ascending, in [0,1]) in ms of every latency of the bucket, from the merged
     * sketch with the rank rule of the minute percentiles; null when no request carried a latency.
     *
     * @throws IllegalStateException when the sketches hold another number of latencies than
     *     {@code with_latency} counts: percentiles of part of the requests would be silently wrong
     */
    public double[] quantilesMs(double... qs) {
        long inSketch = sketch == null ? 0 : (long) sketch.getCount();
        if (inSketch != withLatency) {
            throw new IllegalStateException("the latency sketches of the " + this + " hold " + inSketch
                    + " latencies, but with_latency counts " + withLatency);
        }
        return sketch == null ? null : LatencySketch.quantiles(sketch, qs);
    }

    /** The merged sketch's encoding, empty when no request carried a latency. */
    public byte[] sketchBytes() {
        return sketch == null ? new byte[0] : LatencySketch.toBytes(sketch);
    }

    public RollupPeriod period() {
        return period;
    }

    public String journey() {
        return journey;
    }

    public String region() {
        return region;
    }

    /** Start of the bucket, epoch ms (UTC). */
    public long start() {
        return start;
    }

    public long total() {
        return total;
    }

    public long good() {
        return good;
    }

    public long serverErrors() {
        return serverErrors;
    }

    public long withLatency() {
        return withLatency;
    }

    /** The thresholds every merged minute carries, ascending. */
    public int[] thresholdsMs() {
        return thresholdsMs.clone();
    }

    /** Good requests within each of {@link #thresholdsMs}. */
    public long[] goodLatency() {
        return goodLatency.clone();
    }

    @Override
    public String toString() {
        return period.name().toLowerCase(java.util.Locale.ROOT) + " " + Instant.ofEpochMilli(start) + " of " + journey
                + "/" + region;
    }
}
