package dev.sliflow.sli;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import java.io.IOException;

/**
 * The mergeable latency sketch of sliflow: a DDSketch (Datadog's relative-error quantile sketch)
 * over milliseconds with 0.5% relative accuracy, so every quantile it answers is within 0.5% of a
 * true value of the data at that rank — inside the product's 1% promise, and it stays so after any
 * number of merges.
 *
 * <p>The bytes written to the {@code latency_sketch} column are sketches-java's compact binary
 * encoding ({@code DDSketch.encode}/{@code DDSketch.decode}; the index mapping is included).
 */
public final class LatencySketch {
    public static final double RELATIVE_ACCURACY = 0.005;

    private LatencySketch() {}

    public static DDSketch create() {
        return DDSketches.unboundedDense(RELATIVE_ACCURACY);
    }

    public static byte[] toBytes(DDSketch sketch) {
        GrowingByteArrayOutput out = GrowingByteArrayOutput.withInitialCapacity(256);
        try {
            sketch.encode(out, false);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a sketch in memory", e);
        }
        return out.trimmedCopy();
    }

    /** @throws IllegalArgumentException when the bytes are not a DDSketch encoding */
    public static DDSketch fromBytes(byte[] bytes) {
        try {
            return DDSketch.decode(ByteArrayInput.wrap(bytes), UnboundedSizeDenseStore::new);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a DDSketch encoding: " + e.getMessage(), e);
        }
    }

    /** Quantile q in [0,1], or null when the sketch is empty. */
    public static Double quantile(DDSketch sketch, double q) {
        return sketch.isEmpty() ? null : sketch.getValueAtQuantile(q);
    }
}
