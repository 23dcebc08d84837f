package dev.sliflow.bench.jmh;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.sliflow.ingest.SliPartial;
import dev.sliflow.sli.LatencySketch;
import dev.sliflow.sli.SliAccumulator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The latency sketch (DDSketch, 0.5% relative accuracy) as ingest and queries use it: add one latency,
 * add one request to a minute accumulator (counts + sketch), merge a minute's sketch into a bigger one,
 * encode a minute's sketch to the latency_sketch bytes and decode them. Latencies are log-normal
 * (median 60 ms); a "minute" holds 300 of them.
 *
 * <p>The {@code partial*} benchmarks are what ingest pays per emitted partial: a 10 M-line ingest emits
 * ~144,000 partials (journey × region × minute) of ~70 requests each, with latencies logged in whole
 * ms, so their sketch is ~70 rounded values — encoded to the latency_sketch bytes, its
 * {@code SliMinuteRow} quantiles, and the whole {@link SliPartial#of}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SketchBench {
    private static final int MASK = (1 << 16) - 1;
    private final double[] latencies = new double[MASK + 1];
    private final long[] latenciesUs = new long[MASK + 1];
    private int next;
    private DDSketch sketch;
    private SliAccumulator accumulator;
    private DDSketch minute;
    private DDSketch merged;
    private byte[] bytes;
    private DDSketch partialSketch;
    private SliAccumulator partialAccumulator;
    private static final double[] MINUTE_QUANTILES = {0.50, 0.90, 0.95, 0.99, 0.999};

    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = 60 * Math.exp(0.6 * r.nextGaussian());
            latenciesUs[i] = (long) Math.ceil(latencies[i] * 1000);
        }
        sketch = LatencySketch.create();
        accumulator = new SliAccumulator(new int[] {100, 250, 500, 1000});
        minute = LatencySketch.create();
        for (int i = 0; i < 300; i++) {
            minute.accept(latencies[i]);
        }
        merged = LatencySketch.create();
        bytes = LatencySketch.toBytes(minute);
        partialSketch = LatencySketch.create();
        partialAccumulator = new SliAccumulator(new int[] {100, 250, 500, 1000});
        for (int i = 0; i < 70; i++) {
            double ms = Math.rint(latencies[i]);
            partialSketch.accept(ms);
            partialAccumulator.add(i == 7 ? 503 : 200, i == 7, (long) ms * 1000);
        }
    }

    @Benchmark
    public DDSketch add() {
        sketch.accept(latencies[next++ & MASK]);
        return sketch;
    }

    @Benchmark
    public SliAccumulator accumulatorAdd() {
        int i = next++ & MASK;
        accumulator.add((i & 511) == 0 ? 503 : 200, (i & 511) == 0, latenciesUs[i]);
        return accumulator;
    }

    @Benchmark
    public DDSketch merge() {
        merged.mergeWith(minute);
        return merged;
    }

    @Benchmark
    public byte[] encode() {
        return LatencySketch.toBytes(minute);
    }

    @Benchmark
    public DDSketch decode() {
        return LatencySketch.fromBytes(bytes);
    }

    @Benchmark
    public byte[] partialEncode() {
        return LatencySketch.toBytes(partialSketch);
    }

    @Benchmark
    public double[] partialQuantiles() {
        return LatencySketch.quantiles(partialSketch, MINUTE_QUANTILES);
    }

    @Benchmark
    public SliPartial partialOf() {
        return SliPartial.of("checkout", 3, "eu-west", 28_000_000L * 60_000L, partialAccumulator);
    }
}
