package dev.sliflow.ingest;

import dev.sliflow.sli.LatencySketch;
import dev.sliflow.sli.SliAccumulator;

/**
 * A partial SLI aggregate of one journey × region × minute, as it travels between Flink operators
 * (a Flink POJO: public fields, no-arg constructor, no Kryo). Subtasks pre-aggregate raw lines into
 * these, so raw events never cross the network; the final merge is {@link #merge}.
 */
public class SliPartial {
    public String journey;
    /** The journey's position in the catalog (the same on every subtask): part of the grouping key. */
    public int journeyIndex;
    public String region;
    /** Start of the minute, epoch milliseconds UTC. */
    public long minute;
    public int[] thresholdsMs;
    public long total;
    public long good;
    public long serverErrors;
    public long withLatency;
    public long[] goodLatency;
    /** DDSketch encoding; empty when no event had a latency. */
    public byte[] sketch;
    /**
     * {@link SliMinuteRow#QUANTILES} of the sketch in ms, computed where the sketch was live (null
     * when no event had a latency), so that a partial needing no merge is never decoded again.
     */
    public double[] quantiles;
    /**
     * The input file the partial's lines came from (a partial never spans two files: the ingest
     * flushes its open minutes at each file's end), or null once partials of several files are merged.
     */
    public String source;
    /** {@link SourceId#of} of {@link #source}; 0 when there is none. Part of the batch merge's key. */
    public long sourceKey;

    public SliPartial() {}

    public static SliPartial of(String journey, int journeyIndex, String region, long minute, SliAccumulator acc) {
        SliPartial p = new SliPartial();
        p.journey = journey;
        p.journeyIndex = journeyIndex;
        p.region = region;
        p.minute = minute;
        p.thresholdsMs = acc.thresholdsMs();
        p.total = acc.total();
        p.good = acc.good();
        p.serverErrors = acc.serverErrors();
        p.withLatency = acc.withLatency();
        p.goodLatency = acc.goodLatency();
        LatencySketch.BytesAndQuantiles sketch = acc.sketchBytesAndQuantilesMs(SliMinuteRow.QUANTILES);
        p.sketch = sketch.bytes();
        p.quantiles = sketch.quantiles();
        return p;
    }

    /** A copy that shares nothing mutable with this partial. */
    public SliPartial copy() {
        SliPartial c = new SliPartial();
        c.journey = journey;
        c.journeyIndex = journeyIndex;
        c.region = region;
        c.minute = minute;
        c.thresholdsMs = thresholdsMs == null ? null : thresholdsMs.clone();
        c.total = total;
        c.good = good;
        c.serverErrors = serverErrors;
        c.withLatency = withLatency;
        c.goodLatency = goodLatency == null ? null : goodLatency.clone();
        c.sketch = sketch == null ? null : sketch.clone();
        c.quantiles = quantiles == null ? null : quantiles.clone();
        c.source = source;
        c.sourceKey = sourceKey;
        return c;
    }

    public SliAccumulator toAccumulator() {
        return SliAccumulator.of(thresholdsMs, total, good, serverErrors, withLatency, goodLatency, sketch);
    }

    /**
     * Minute index × 1024 + journey index: with the region, the grouping key. A fixed-length long
     * lets a sort compare normalized keys and look at the region string only on ties.
     */
    public long minuteJourney() {
        return Math.floorDiv(minute, 60_000L) * 1024 + journeyIndex;
    }

    /**
     * The UTC day index × 1024 + journey index with its bits spread 7 to a byte ({@link #spread7}): with the
     * region, the batch merge's key ({@code rollup.DayGroupMerger}). Its groups hold whole days of every input
     * file, so the merge makes the hours and the day in the same pass. Flink's batch sort orders keys by their
     * serialized bytes, and on a plain long that order swapped blocks of keys in pairs (a byte's top bit
     * sorted as if signed), so dates came out of order; with no top bit set, byte order, signed or not, is
     * numeric order: keys sort day after day.
     */
    public long daySortKey() {
        return spread7(Math.floorDiv(minute, 86_400_000L) * 1024 + journeyIndex);
    }

    /** {@code v}'s low 56 bits, 7 to a byte from the lowest byte up (bytes' top bits zero). */
    static long spread7(long v) {
        long r = 0;
        for (int i = 0; i < 8; i++) {
            r |= ((v >>> (7 * i)) & 0x7fL) << (8 * i);
        }
        return r;
    }

    /** This partial, marked as coming from {@code source} (see {@link #source}). */
    public SliPartial from(String source, long sourceKey) {
        this.source = source;
        this.sourceKey = sourceKey;
        return this;
    }

    /** Merges two partials of the same key into a new partial (of both sources: none when they differ). */
    public static SliPartial merge(SliPartial a, SliPartial b) {
        SliPartial m = of(a.journey, a.journeyIndex, a.region, a.minute, a.toAccumulator().merge(b.toAccumulator()));
        return a.sourceKey == b.sourceKey && java.util.Objects.equals(a.source, b.source) ? m.from(a.source, a.sourceKey) : m;
    }
}
