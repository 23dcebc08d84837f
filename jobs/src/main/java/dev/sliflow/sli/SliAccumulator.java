package dev.sliflow.sli;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.util.Arrays;

/**
 * The SLI counts of one journey in one time bucket (a minute, a day): exact counts plus a latency
 * sketch. Mergeable: {@code a.merge(b)} equals one accumulator fed the events of both, in any
 * order and grouping (tested as a law).
 *
 * <p>Definitions: {@code good} = status not bad for the journey's rule; {@code serverErrors} =
 * status 5xx; {@code withLatency} = events that carried a latency; {@code goodLatency[i]} = good
 * events with a latency ≤ {@code thresholdsMs[i]}, compared exactly in integer microseconds.
 */
public final class SliAccumulator {
    private final int[] thresholdsMs;
    /** thresholdsMs × 1000: latencies are compared as integer microseconds, never as doubles. */
    private final long[] thresholdsUs;
    private long total;
    private long good;
    private long serverErrors;
    private long withLatency;
    private final long[] goodLatency;
    private DDSketch sketch;
    /** Where the sketch comes from and goes back to ({@link #release}); null: a new sketch each time. */
    private final SketchPool pool;

    public SliAccumulator(int[] thresholdsMs) {
        this(thresholdsMs, null);
    }

    /** An accumulator whose sketch is taken from {@code pool} (null: none) and given back by {@link #release}. */
    public SliAccumulator(int[] thresholdsMs, SketchPool pool) {
        this.thresholdsMs = thresholdsMs;
        this.thresholdsUs = new long[thresholdsMs.length];
        for (int i = 0; i < thresholdsMs.length; i++) {
            thresholdsUs[i] = thresholdsMs[i] * 1000L;
        }
        this.goodLatency = new long[thresholdsMs.length];
        this.pool = pool;
    }

    /** Restores an accumulator from its parts (e.g. read back from a table or a network record). */
    public static SliAccumulator of(int[] thresholdsMs, long total, long good, long serverErrors, long withLatency,
            long[] goodLatency, byte[] sketchBytes) {
        if (goodLatency.length != thresholdsMs.length) {
            throw new IllegalArgumentException("goodLatency and thresholds differ in length");
        }
        SliAccumulator a = new SliAccumulator(thresholdsMs);
        a.total = total;
        a.good = good;
        a.serverErrors = serverErrors;
        a.withLatency = withLatency;
        System.arraycopy(goodLatency, 0, a.goodLatency, 0, goodLatency.length);
        a.sketch = sketchBytes == null || sketchBytes.length == 0 ? null : LatencySketch.fromBytes(sketchBytes);
        return a;
    }

    /**
     * Adds one request.
     *
     * @param bad whether the journey's status rule calls the status bad
     * @param latencyUs latency in whole microseconds (rounded up from a finer value, which keeps the
     *     comparison with whole-ms thresholds exact), negative when unknown
     */
    public void add(int status, boolean bad, long latencyUs) {
        total++;
        if (status >= 500 && status <= 599) {
            serverErrors++;
        }
        if (!bad) {
            good++;
        }
        if (latencyUs >= 0) {
            withLatency++;
            if (sketch == null) {
                sketch = pool == null ? LatencySketch.create() : pool.take();
            }
            sketch.accept(latencyUs / 1000.0); // the sketch is in ms
            if (!bad) {
                long[] th = thresholdsUs;
                for (int i = th.length - 1; i >= 0 && latencyUs <= th[i]; i--) {
                    goodLatency[i]++;
                }
            }
        }
    }

    /**
     * Empties this accumulator, giving its sketch back to its pool (if any) for another accumulator:
     * call it once what it holds has been read (an ingest: once its partial is made).
     */
    public void release() {
        total = 0;
        good = 0;
        serverErrors = 0;
        withLatency = 0;
        Arrays.fill(goodLatency, 0);
        if (pool != null) {
            pool.give(sketch);
        }
        sketch = null;
    }

    /** Adds the other accumulator's events to this one. */
    public SliAccumulator merge(SliAccumulator other) {
        if (!Arrays.equals(thresholdsMs, other.thresholdsMs)) {
            throw new IllegalArgumentException("cannot merge accumulators with different thresholds "
                    + Arrays.toString(thresholdsMs) + " and " + Arrays.toString(other.thresholdsMs));
        }
        total += other.total;
        good += other.good;
        serverErrors += other.serverErrors;
        withLatency += other.withLatency;
        for (int i = 0; i < goodLatency.length; i++) {
            goodLatency[i] += other.goodLatency[i];
        }
        if (other.sketch != null) {
            if (sketch == null) {
                sketch = other.sketch.copy();
            } else {
                sketch.mergeWith(other.sketch);
            }
        }
        return this;
    }

    public int[] thresholdsMs() {
        return thresholdsMs;
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

    public long[] goodLatency() {
        return goodLatency.clone();
    }

    /** Several quantiles in ms in one pass over the sketch, or null when no event carried a latency. */
    public double[] quantilesMs(double... qs) {
        return sketch == null ? null : LatencySketch.quantiles(sketch, qs);
    }

    /** Quantile in ms, or null when no event carried a latency. */
    public Double quantileMs(double q) {
        return sketch == null ? null : LatencySketch.quantile(sketch, q);
    }

    /** The sketch's encoding, empty when no event carried a latency. */
    public byte[] sketchBytes() {
        return sketch == null ? new byte[0] : LatencySketch.toBytes(sketch);
    }

    /** {@link #sketchBytes} and {@link #quantilesMs}, reading the sketch once (a partial carries both). */
    public LatencySketch.BytesAndQuantiles sketchBytesAndQuantilesMs(double... qs) {
        return sketch == null
                ? new LatencySketch.BytesAndQuantiles(new byte[0], null)
                : LatencySketch.toBytesAndQuantiles(sketch, qs);
    }
}
