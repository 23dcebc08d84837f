package dev.sliflow.sli;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.mapping.CubicallyInterpolatedMapping;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.store.Bin;
import com.datadoghq.sketch.ddsketch.store.Store;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;

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

    /**
     * {@code DDSketches.unboundedDense(RELATIVE_ACCURACY)} builds this mapping anew for every sketch;
     * it is immutable, so all sketches of this class share one — ingest creates a sketch per journey,
     * region and minute, and {@link SketchBins} caches per mapping instance.
     */
    private static final IndexMapping MAPPING = new CubicallyInterpolatedMapping(RELATIVE_ACCURACY);

    /** An empty sketch: {@code DDSketches.unboundedDense(RELATIVE_ACCURACY)}, with the shared mapping. */
    public static DDSketch create() {
        return new DDSketch(MAPPING, UnboundedSizeDenseStore::new);
    }

    /**
     * The sketch's compact encoding, {@code DDSketch.encode(output, false)} byte for byte. Sketches of
     * this class (dense stores) are written by {@link SketchBins}, several times faster — ingest
     * encodes one per journey, region and minute; others by the library.
     */
    public static byte[] toBytes(DDSketch sketch) {
        if (SketchBins.handles(sketch)) {
            SketchBins bins = BINS.get();
            try {
                return bins.load(sketch).toBytes();
            } finally {
                bins.trim();
            }
        }
        return libraryBytes(sketch);
    }

    /** {@code DDSketch.encode(output, false)} itself: the definition {@link #toBytes} is tested against. */
    static byte[] libraryBytes(DDSketch sketch) {
        GrowingByteArrayOutput out = GrowingByteArrayOutput.withInitialCapacity(256);
        try {
            sketch.encode(out, false);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a sketch in memory", e);
        }
        return out.trimmedCopy();
    }

    /**
     * Per thread, the bins of the sketch being encoded or queried: this class is a static utility
     * called from any thread (ingest tasks, backtest, report), and the arrays are worth reusing.
     */
    private static final ThreadLocal<SketchBins> BINS = ThreadLocal.withInitial(SketchBins::new);

    /** A sketch's {@link #toBytes bytes} and {@link #quantiles} (null when the sketch is empty). */
    public record BytesAndQuantiles(byte[] bytes, double[] quantiles) {}

    /**
     * {@link #toBytes} and {@link #quantiles} of one sketch, its bins read once — what an ingest
     * partial carries; reading the bins is about half the cost of each.
     */
    public static BytesAndQuantiles toBytesAndQuantiles(DDSketch sketch, double... qs) {
        if (SketchBins.handles(sketch)) {
            SketchBins bins = BINS.get();
            try {
                bins.load(sketch);
                return new BytesAndQuantiles(bins.toBytes(), bins.quantiles(qs));
            } finally {
                bins.trim();
            }
        }
        return new BytesAndQuantiles(libraryBytes(sketch), iteratorQuantiles(sketch, qs));
    }

    /** @throws IllegalArgumentException when the bytes are not a DDSketch encoding */
    public static DDSketch fromBytes(byte[] bytes) {
        try {
            return DDSketch.decode(ByteArrayInput.wrap(bytes), UnboundedSizeDenseStore::new);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a DDSketch encoding: " + e.getMessage(), e);
        }
    }

    /**
     * Several quantiles (ascending, each in [0,1]) in one ascending pass over the bins, with exactly
     * the rank rule and bin values of {@code DDSketch.getValueAtQuantile} (which walks the bins
     * from the start for every quantile); null when the sketch is empty. Sketches of this class are
     * answered from their non-empty bins collected once ({@link SketchBins}); others by walking the
     * library's bin iterators.
     */
    public static double[] quantiles(DDSketch sketch, double... qs) {
        if (SketchBins.handles(sketch)) {
            SketchBins bins = BINS.get();
            try {
                return bins.load(sketch).quantiles(qs);
            } finally {
                bins.trim();
            }
        }
        return iteratorQuantiles(sketch, qs);
    }

    static void checkAscending(double[] qs) {
        for (int i = 0; i < qs.length; i++) {
            if (!(qs[i] >= 0 && qs[i] <= 1) || (i > 0 && qs[i] < qs[i - 1])) {
                throw new IllegalArgumentException("quantiles must be ascending within [0, 1]: " + Arrays.toString(qs));
            }
        }
    }

    /** {@link #quantiles} over any store, by its bin iterators (one {@code Bin} per step). */
    static double[] iteratorQuantiles(DDSketch sketch, double... qs) {
        double count = sketch.getCount();
        if (count == 0) {
            return null;
        }
        checkAscending(qs);
        Store neg = sketch.getNegativeValueStore();
        Store pos = sketch.getPositiveValueStore();
        IndexMapping mapping = sketch.getIndexMapping();
        double zero = count - neg.getTotalCount() - pos.getTotalCount(); // exact: counts are integral
        double[] out = new double[qs.length];
        int k = 0;
        double n = 0;
        for (Iterator<Bin> it = neg.getDescendingIterator(); k < qs.length && it.hasNext(); ) {
            Bin b = it.next();
            n += b.getCount();
            while (k < qs.length && n > qs[k] * (count - 1)) {
                out[k++] = -mapping.value(b.getIndex());
            }
        }
        n += zero;
        while (k < qs.length && n > qs[k] * (count - 1)) {
            out[k++] = 0;
        }
        for (Iterator<Bin> it = pos.getAscendingIterator(); k < qs.length && it.hasNext(); ) {
            Bin b = it.next();
            n += b.getCount();
            while (k < qs.length && n > qs[k] * (count - 1)) {
                out[k++] = mapping.value(b.getIndex());
            }
        }
        while (k < qs.length) { // not reached for counts that add up; as DDSketch, the top bin
            out[k++] = mapping.value(pos.getMaxIndex());
        }
        return out;
    }

    /**
     * How many of a sketch's values lie in bins whose value is at most each threshold (ms): its count
     * minus the counts of the positive bins whose {@code mapping.value(index)} exceeds the threshold (the
     * zero bucket and negative bins are below any positive threshold). These add up over sketches of one
     * index mapping as their bins do when merged, so sums over minutes decide a merged sketch's quantile
     * against a threshold: {@code DDSketch.getValueAtQuantile(q) ≤ T} exactly when the sum for T exceeds
     * {@code q × (count − 1)}.
     *
     * @param thresholdsMs positive thresholds
     * @return one count per threshold, in its order (all 0 for an empty sketch)
     */
    public static long[] countsAtMost(DDSketch sketch, int[] thresholdsMs) {
        long[] out = new long[thresholdsMs.length];
        long count = Math.round(sketch.getCount());
        Arrays.fill(out, count);
        if (count == 0 || thresholdsMs.length == 0) {
            return out;
        }
        IndexMapping mapping = sketch.getIndexMapping();
        sketch.getPositiveValueStore().forEach((index, binCount) -> {
            double value = mapping.value(index);
            for (int i = 0; i < thresholdsMs.length; i++) {
                if (value > thresholdsMs[i]) {
                    out[i] -= Math.round(binCount);
                }
            }
        });
        return out;
    }

    /** Quantile q in [0,1], or null when the sketch is empty. */
    public static Double quantile(DDSketch sketch, double q) {
        return sketch.isEmpty() ? null : sketch.getValueAtQuantile(q);
    }
}
