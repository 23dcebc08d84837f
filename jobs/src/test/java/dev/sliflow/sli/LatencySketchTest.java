package dev.sliflow.sli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The one-pass quantiles answer exactly what DDSketch's own per-quantile walk answers. */
class LatencySketchTest {
    static final double[] QS = {0, 0.001, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1};

    @Test
    void onePassQuantilesEqualDdSketchsOwnForEveryShapeOfData() {
        SplittableRandom r = new SplittableRandom(7);
        for (int round = 0; round < 500; round++) {
            DDSketch s = LatencySketch.create();
            int n = 1 + r.nextInt(round % 10 == 0 ? 5 : 3000);
            for (int i = 0; i < n; i++) {
                double v;
                switch (r.nextInt(6)) {
                    case 0 -> v = 0; // zero latency: DDSketch's zero bucket
                    case 1 -> v = -r.nextDouble() * 50; // negatives: not latencies, but the sketch takes them
                    case 2 -> v = r.nextDouble() * 1e-12; // below the smallest indexable value
                    default -> v = Math.exp(r.nextDouble() * 12);
                }
                s.accept(v);
            }
            double[] got = LatencySketch.quantiles(s, QS);
            for (int k = 0; k < QS.length; k++) {
                assertThat(got[k]).as("round %d q=%s", round, QS[k]).isEqualTo(s.getValueAtQuantile(QS[k]));
            }
        }
    }

    @Test
    void emptySketchHasNoQuantilesAndQuantilesMustBeAscending() {
        assertThat(LatencySketch.quantiles(LatencySketch.create(), 0.5)).isNull();
        DDSketch s = LatencySketch.create();
        s.accept(3);
        assertThatThrownBy(() -> LatencySketch.quantiles(s, 0.9, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatencySketch.quantiles(s, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Summed per-minute {@link LatencySketch#countsAtMost} decide "the merged sketch's quantile ≤ T"
     * exactly as the merged sketch itself answers (what a percentile slice of the backtest relies on),
     * for minutes decoded from their bytes as the backtest reads them.
     */
    @Test
    void summedCountsAtMostDecideTheMergedSketchsQuantileAgainstAThreshold() {
        SplittableRandom r = new SplittableRandom(29);
        int[] thresholds = {1, 50, 100, 120, 300, 1000, 2500};
        double[] qs = {0.5, 0.9, 0.95, 0.99, 0.999};
        int decided = 0;
        for (int round = 0; round < 300; round++) {
            DDSketch merged = LatencySketch.create();
            long count = 0;
            long[] atMost = new long[thresholds.length];
            int minutes = 1 + r.nextInt(60);
            for (int m = 0; m < minutes; m++) {
                DDSketch minute = LatencySketch.create();
                int n = r.nextInt(40);
                for (int i = 0; i < n; i++) {
                    minute.accept(r.nextInt(50) == 0 ? 0 : Math.exp(3 + r.nextDouble() * 5)); // 0 and 20 ms .. 3 s
                }
                DDSketch read = LatencySketch.fromBytes(LatencySketch.toBytes(minute));
                long[] c = LatencySketch.countsAtMost(read, thresholds);
                count += Math.round(read.getCount());
                for (int k = 0; k < thresholds.length; k++) {
                    atMost[k] += c[k];
                }
                merged.mergeWith(minute);
            }
            assertThat(count).isEqualTo(Math.round(merged.getCount()));
            if (count == 0) {
                continue;
            }
            for (double q : qs) {
                double value = merged.getValueAtQuantile(q);
                for (int k = 0; k < thresholds.length; k++) {
                    assertThat(dev.sliflow.backtest.SketchCounts.within(count, atMost[k], q))
                            .as("round %d q=%s T=%d value %s", round, q, thresholds[k], value)
                            .isEqualTo(value <= thresholds[k]);
                    decided += value <= thresholds[k] ? 1 : 0;
                }
            }
        }
        assertThat(decided).as("both verdicts occur").isBetween(1000, 9000);
    }
}
