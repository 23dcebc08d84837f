package dev.sliflow.sli;

import static org.assertj.core.api.Assertions.assertThat;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A sketch reused through {@link SketchPool} encodes and answers exactly as a new sketch fed the same values. */
class SketchPoolTest {
    private static final double[] QS = {0.5, 0.9, 0.95, 0.99};

    /** Latencies of one of several shapes: narrow, wide, with zeros, tiny fractions, very large values. */
    private static double[] values(SplittableRandom r) {
        int n = 1 + r.nextInt(300);
        double[] v = new double[n];
        int shape = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            v[i] = switch (shape) {
                case 0 -> 100 + r.nextInt(20); // narrow
                case 1 -> Math.exp(r.nextDouble() * 14); // 1 ms .. 20 min
                case 2 -> r.nextInt(4) == 0 ? 0 : r.nextInt(50); // zeros (the sketch's zero count)
                case 3 -> r.nextDouble() * 0.01; // below a millisecond
                default -> 1e6 + r.nextInt(1_000_000); // far to the right of the others
            };
        }
        return v;
    }

    private static DDSketch fed(DDSketch s, double[] v) {
        for (double x : v) {
            s.accept(x);
        }
        return s;
    }

    @Test
    void aReusedSketchEncodesAndAnswersAsANewOne() {
        SplittableRandom r = new SplittableRandom(20261202);
        SketchPool pool = new SketchPool();
        for (int round = 0; round < 2_000; round++) {
            double[] v = values(r);
            DDSketch reused = fed(pool.take(), v);
            DDSketch fresh = fed(LatencySketch.create(), v);
            assertThat(LatencySketch.toBytes(reused)).as("round %d", round).isEqualTo(LatencySketch.toBytes(fresh));
            assertThat(LatencySketch.libraryBytes(reused)).isEqualTo(LatencySketch.libraryBytes(fresh));
            assertThat(LatencySketch.quantiles(reused, QS)).containsExactly(LatencySketch.quantiles(fresh, QS));
            assertThat(reused.getCount()).isEqualTo(fresh.getCount());
            pool.give(reused);
        }
        assertThat(pool.kept()).isEqualTo(1);
    }

    @Test
    void takeHandsOutWhatWasGivenBackEmptied() {
        SketchPool pool = new SketchPool();
        DDSketch s = fed(pool.take(), new double[] {1, 50, 5000});
        pool.give(s);
        DDSketch again = pool.take();
        assertThat(again).isSameAs(s);
        assertThat(again.isEmpty()).isTrue();
        assertThat(pool.take()).isNotSameAs(s); // the pool is empty again: a new one
    }

    @Test
    void keepsAtMostMaxKept() {
        SketchPool pool = new SketchPool();
        for (int i = 0; i < SketchPool.MAX_KEPT + 10; i++) {
            pool.give(LatencySketch.create());
        }
        pool.give(null);
        assertThat(pool.kept()).isEqualTo(SketchPool.MAX_KEPT);
    }

    @Test
    void releasedAccumulatorIsEmptyAndItsSketchServesTheNextAsANewOne() {
        int[] th = {100, 250};
        SketchPool pool = new SketchPool();
        SplittableRandom r = new SplittableRandom(7);
        for (int round = 0; round < 200; round++) {
            double[] v = values(r);
            SliAccumulator pooled = new SliAccumulator(th, pool);
            SliAccumulator plain = new SliAccumulator(th);
            for (double x : v) {
                boolean bad = x > 5000;
                pooled.add(bad ? 503 : 200, bad, Math.round(x * 1000)); // µs
                plain.add(bad ? 503 : 200, bad, Math.round(x * 1000));
            }
            SliAccumulatorTest.assertSame(pooled, plain);
            LatencySketch.BytesAndQuantiles a = pooled.sketchBytesAndQuantilesMs(QS);
            LatencySketch.BytesAndQuantiles b = plain.sketchBytesAndQuantilesMs(QS);
            assertThat(a.bytes()).isEqualTo(b.bytes());
            assertThat(a.quantiles()).containsExactly(b.quantiles());
            pooled.release();
            assertThat(pooled.total()).isZero();
            assertThat(pooled.withLatency()).isZero();
            assertThat(pooled.goodLatency()).containsOnly(0L);
            assertThat(pooled.sketchBytes()).isEmpty();
        }
        assertThat(pool.kept()).isEqualTo(1);
    }
}
