package dev.sliflow.backtest.flink;

import java.util.Arrays;

/**
 * The summed {@code sli_minute} rows of one journey and one UTC day, minute by minute (a Flink POJO):
 * what {@link MinuteChunker} sends to the per-journey backtest instead of single rows.
 */
public class MinuteChunk {
    public static final int MINUTES = 1440;
    private static final long MINUTE_MS = 60_000L;

    public String journey;
    /** Epoch ms of 00:00 UTC of the day. */
    public long dayStart;
    public long[] total;
    public long[] good;
    public long[] withLatency;
    /** Ascending latency thresholds seen in the rows (a row without one contributes 0 to it). */
    public int[] thresholdsMs;
    /** {@code goodLatency[i][k]}: requests within {@code thresholdsMs[i]} in minute k of the day. */
    public long[][] goodLatency;
    /**
     * The thresholds that every row with latency of the chunk carried (ascending), null when no row had
     * latency: the day lacks the others (minutes ingested before they were in the catalog).
     */
    public int[] thresholdsInEveryRow;
    /**
     * The thresholds of the journey's percentile time-slice SLOs (ascending), empty when it has none; then
     * {@code sketchCount} and {@code sketchAtMost} are null.
     */
    public int[] sketchThresholdsMs;
    /** Latencies in the minutes' sketches, per minute of the day (dev.sliflow.backtest.SketchCounts). */
    public long[] sketchCount;
    /** {@code sketchAtMost[i][k]}: those of minute k in bins of value ≤ {@code sketchThresholdsMs[i]}. */
    public long[][] sketchAtMost;

    public MinuteChunk() {}

    MinuteChunk(String journey, long dayStart) {
        this.journey = journey;
        this.dayStart = dayStart;
        this.total = new long[MINUTES];
        this.good = new long[MINUTES];
        this.withLatency = new long[MINUTES];
        this.thresholdsMs = new int[0];
        this.goodLatency = new long[0][];
        this.sketchThresholdsMs = new int[0];
    }

    /** A chunk that also sums the sketch counts at {@code sketchThresholdsMs} (none when empty). */
    MinuteChunk(String journey, long dayStart, int[] sketchThresholdsMs) {
        this(journey, dayStart);
        if (sketchThresholdsMs.length > 0) {
            this.sketchThresholdsMs = sketchThresholdsMs;
            this.sketchCount = new long[MINUTES];
            this.sketchAtMost = new long[sketchThresholdsMs.length][MINUTES];
        }
    }

    /** The minute index in the day of an epoch-ms minute start of this day. */
    int minuteOf(long minuteMillis) {
        long offset = minuteMillis - dayStart;
        if (offset < 0 || offset >= MINUTES * MINUTE_MS || offset % MINUTE_MS != 0) {
            throw new IllegalArgumentException("minute " + java.time.Instant.ofEpochMilli(minuteMillis)
                    + " is not a minute start of the day " + java.time.Instant.ofEpochMilli(dayStart)
                    + " (journey " + journey + ")");
        }
        return (int) (offset / MINUTE_MS);
    }

    /** Notes a row with latency that carried exactly the thresholds {@code carried}. */
    void carried(java.util.Set<Integer> carried) {
        if (thresholdsInEveryRow == null) {
            thresholdsInEveryRow = carried.stream().mapToInt(Integer::intValue).sorted().toArray();
        } else if (thresholdsInEveryRow.length > 0) {
            thresholdsInEveryRow = Arrays.stream(thresholdsInEveryRow).filter(carried::contains).toArray();
        }
    }

    /** The row of {@code goodLatency} of a threshold, added (with zeros) when first seen. */
    long[] goodLatencyOf(int thresholdMs) {
        int i = Arrays.binarySearch(thresholdsMs, thresholdMs);
        if (i >= 0) {
            return goodLatency[i];
        }
        int at = -i - 1;
        int n = thresholdsMs.length;
        int[] t = new int[n + 1];
        long[][] g = new long[n + 1][];
        System.arraycopy(thresholdsMs, 0, t, 0, at);
        System.arraycopy(goodLatency, 0, g, 0, at);
        t[at] = thresholdMs;
        g[at] = new long[MINUTES];
        System.arraycopy(thresholdsMs, at, t, at + 1, n - at);
        System.arraycopy(goodLatency, at, g, at + 1, n - at);
        thresholdsMs = t;
        goodLatency = g;
        return g[at];
    }
}
