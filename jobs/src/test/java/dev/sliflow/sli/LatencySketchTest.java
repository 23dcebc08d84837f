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
}
