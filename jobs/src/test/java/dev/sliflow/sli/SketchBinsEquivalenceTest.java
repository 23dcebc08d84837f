package dev.sliflow.sli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@link LatencySketch#toBytes} and {@link LatencySketch#quantiles} answer from {@link SketchBins}
 * exactly what the library does: the bytes of {@code DDSketch.encode(output, false)}
 * ({@link LatencySketch#libraryBytes}), and the doubles of the bin-iterator walk that
 * {@code LatencySketch.quantiles} used before ({@link LatencySketch#iteratorQuantiles}, kept for other
 * stores) and of {@code DDSketch.getValueAtQuantile} — on a corpus of random sketches of every shape
 * (fixed seeds): empty, single values, the zero bucket, huge and tiny values, narrow and wide ranges,
 * 1 to 10,000 values, whole and fractional latencies, negatives, weighted counts, merged sketches,
 * sketches decoded from bytes, and other index mappings.
 */
class SketchBinsEquivalenceTest {
    static final double[] MINUTE_QS = {0.50, 0.90, 0.95, 0.99, 0.999};
    static final double[] MORE_QS = {0, 0.001, 0.01, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 0.9999, 1};

    record Case(String name, DDSketch sketch, boolean integralCounts) {}

    /** A latency of one of several shapes; {@code round} to whole ms as access logs mostly write them. */
    static double value(SplittableRandom r, int shape, boolean round) {
        double v = switch (shape) {
            case 0 -> 60 * Math.exp(0.6 * r.nextGaussian()); // a minute of a journey
            case 1 -> 100 + r.nextDouble(); // narrow: a few bins
            case 2 -> Math.exp(r.nextDouble() * 30 - 10); // wide: e^-10 .. e^20
            case 3 -> r.nextInt(4) == 0 ? 0 : r.nextDouble() * 1e-3; // the zero bucket and just above
            case 4 -> 1e250 * Math.exp(r.nextDouble() * 20); // huge: large indexes and index varints
            case 5 -> r.nextDouble() * 1e-300; // below the smallest indexable value: zero bucket
            default -> Math.exp(r.nextDouble() * 12);
        };
        return round ? Math.rint(v) : v;
    }

    static DDSketch random(SplittableRandom r, int n, int shape, boolean round, boolean negatives) {
        DDSketch s = LatencySketch.create();
        for (int i = 0; i < n; i++) {
            double v = value(r, shape < 0 ? r.nextInt(7) : shape, round);
            s.accept(negatives && r.nextInt(3) == 0 ? -v : v);
        }
        return s;
    }

    /** Built once: the sketches are only read (also by several threads at once). */
    private static List<Case> corpus;

    static synchronized List<Case> corpus() {
        if (corpus == null) {
            corpus = List.copyOf(buildCorpus());
        }
        return corpus;
    }

    static List<Case> buildCorpus() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("empty", LatencySketch.create(), true));
        DDSketch zero = LatencySketch.create();
        zero.accept(0);
        cases.add(new Case("one zero", zero, true));
        DDSketch negZero = LatencySketch.create();
        negZero.accept(-0.0);
        negZero.accept(5);
        cases.add(new Case("-0.0 and 5", negZero, true));
        SplittableRandom r = new SplittableRandom(20240611);
        for (int i = 0; i < 300; i++) {
            DDSketch one = LatencySketch.create();
            one.accept(value(r, i % 7, i % 2 == 0));
            cases.add(new Case("single value " + i, one, true));
        }
        int[] sizes = {1, 2, 3, 5, 10, 30, 70, 70, 70, 100, 300, 1000, 3000, 10_000};
        for (int round = 0; round < 1400; round++) {
            int n = sizes[round % sizes.length];
            int shape = round % 8 - 1; // -1: mixed shapes
            boolean whole = round % 3 != 0;
            boolean negatives = round % 11 == 0;
            cases.add(new Case("n=" + n + " shape=" + shape + " whole=" + whole + " neg=" + negatives,
                    random(r, n, shape, whole, negatives), true));
        }
        for (int i = 0; i < 200; i++) { // merged minutes, as the minute merge and the rollups make them
            DDSketch m = LatencySketch.create();
            int parts = 1 + r.nextInt(8);
            for (int p = 0; p < parts; p++) {
                m.mergeWith(random(r, 1 + r.nextInt(200), i % 3 == 0 ? -1 : 0, i % 2 == 0, false));
            }
            cases.add(new Case("merged " + parts + " #" + i, m, true));
        }
        for (int i = 0; i < 150; i++) { // weighted and fractional counts: long var doubles, fractional zero counts
            DDSketch w = LatencySketch.create();
            boolean integral = i % 2 == 0;
            int n = 1 + r.nextInt(100);
            for (int k = 0; k < n; k++) { // whole counts up to 2^44: totals stay exact doubles
                double count = integral ? 1 + r.nextInt(1 << 20) * (double) (1L << r.nextInt(24)) : r.nextDouble() * 1000;
                w.accept(value(r, r.nextInt(7), false) * (r.nextInt(10) == 0 ? 0 : 1), count);
            }
            cases.add(new Case("weighted integral=" + integral + " #" + i, w, integral));
        }
        DDSketch tinyZero = LatencySketch.create(); // a zero count lost in the total: only exact reading keeps it
        tinyZero.accept(7, 1);
        tinyZero.accept(0, 1e-300);
        cases.add(new Case("zero count 1e-300", tinyZero, false));
        for (int i = 0; i < 30; i++) { // wider than the bins kept per thread between uses
            DDSketch wide = LatencySketch.create();
            for (int k = 0; k < 10_000; k++) {
                wide.accept(Math.exp(r.nextDouble() * 200 - 100));
            }
            cases.add(new Case("very wide #" + i, wide, true));
        }
        int before = cases.size();
        for (int i = 0; i < before; i += 3) { // decoded from their bytes, as partials and table rows come back
            Case c = cases.get(i);
            cases.add(new Case("decoded " + c.name(), LatencySketch.fromBytes(LatencySketch.libraryBytes(c.sketch())),
                    c.integralCounts()));
        }
        for (int i = 0; i < 100; i++) { // another index mapping, decoded into this class's dense stores
            DDSketch log = DDSketches.logarithmicUnboundedDense(i % 2 == 0 ? 0.01 : 0.005);
            int n = 1 + r.nextInt(500);
            for (int k = 0; k < n; k++) {
                log.accept(value(r, r.nextInt(7), i % 3 == 0));
            }
            cases.add(new Case("logarithmic mapping decoded #" + i,
                    LatencySketch.fromBytes(LatencySketch.libraryBytes(log)), true));
        }
        return cases;
    }

    @Test
    void bytesAreTheLibrarysEncoding() {
        List<Case> corpus = corpus();
        int dense = 0;
        int sparse = 0;
        for (Case c : corpus) {
            assertThat(SketchBins.handles(c.sketch())).as(c.name()).isTrue();
            byte[] expected = LatencySketch.libraryBytes(c.sketch());
            byte[] got = LatencySketch.toBytes(c.sketch());
            assertThat(got).as(c.name()).isEqualTo(expected);
            DDSketch decoded = LatencySketch.fromBytes(got); // not always the same sketch: a zero count of
            // 1e-300 is written as 0 (a var double is the bits of count + 1)
            assertThat(LatencySketch.toBytes(decoded)).as("re-encoded " + c.name())
                    .isEqualTo(LatencySketch.libraryBytes(decoded));
            int flag = positiveStoreFlag(got); // which store forms the corpus covers
            dense += flag == 0x0D ? 1 : 0;
            sparse += flag == 0x05 ? 1 : 0;
        }
        assertThat(corpus).hasSizeGreaterThan(2500);
        assertThat(dense).as("sketches written as contiguous counts").isGreaterThan(50);
        assertThat(sparse).as("sketches written as index deltas").isGreaterThan(50);
    }

    /**
     * The flag byte after the index mapping (a flag and two doubles) and the zero count (flag 0x04 and a
     * var double, whose bytes but the last have the high bit set): 0x0D contiguous counts, 0x05 index
     * deltas and counts; -1 when the positive store is empty.
     */
    static int positiveStoreFlag(byte[] bytes) {
        int p = 17;
        if (p < bytes.length && bytes[p] == 0x04) {
            p++;
            for (int i = 0; i < 8 && bytes[p] < 0; i++) {
                p++;
            }
            p++;
        }
        return p < bytes.length && (bytes[p] & 3) == 1 ? bytes[p] : -1;
    }

    @Test
    void quantilesAreTheIteratorWalksAndDdSketchs() {
        for (Case c : corpus()) {
            DDSketch s = c.sketch();
            double[] library = new double[MORE_QS.length]; // DDSketch walks all bins per quantile: once per case
            for (int k = 0; k < MORE_QS.length && !s.isEmpty(); k++) {
                library[k] = s.getValueAtQuantile(MORE_QS[k]);
            }
            for (double[] qs : new double[][] {MINUTE_QS, MORE_QS, {0.5}, {1}, {0}, {}}) {
                double[] got = LatencySketch.quantiles(s, qs);
                if (s.isEmpty()) {
                    assertThat(got).as(c.name()).isNull();
                    continue;
                }
                for (int k = 0; k < qs.length; k++) { // exact double equality (isEqualTo on Double)
                    double expected = library[Arrays.binarySearch(MORE_QS, qs[k])];
                    assertThat(got[k]).as("%s q=%s", c.name(), qs[k]).isEqualTo(expected);
                }
                if (c.integralCounts()) { // the old walk reads the zero count as count − bins: exact for whole counts
                    assertThat(got).as(c.name()).isEqualTo(LatencySketch.iteratorQuantiles(s, qs));
                }
            }
        }
    }

    @Test
    void bytesAndQuantilesTogetherAreEachAlone() {
        for (Case c : corpus()) {
            LatencySketch.BytesAndQuantiles both = LatencySketch.toBytesAndQuantiles(c.sketch(), MINUTE_QS);
            assertThat(both.bytes()).as(c.name()).isEqualTo(LatencySketch.libraryBytes(c.sketch()));
            assertThat(both.quantiles()).as(c.name()).isEqualTo(LatencySketch.quantiles(c.sketch(), MINUTE_QS));
        }
    }

    @Test
    void createIsTheLibrarysUnboundedDenseSketch() {
        SplittableRandom r = new SplittableRandom(11);
        assertThat(LatencySketch.libraryBytes(LatencySketch.create()))
                .isEqualTo(LatencySketch.libraryBytes(DDSketches.unboundedDense(LatencySketch.RELATIVE_ACCURACY)));
        for (int i = 0; i < 200; i++) {
            DDSketch ours = LatencySketch.create();
            DDSketch theirs = DDSketches.unboundedDense(LatencySketch.RELATIVE_ACCURACY);
            int n = 1 + r.nextInt(1000);
            for (int k = 0; k < n; k++) {
                double v = value(r, r.nextInt(7), i % 2 == 0);
                ours.accept(v);
                theirs.accept(v);
            }
            assertThat(ours.getIndexMapping()).isEqualTo(theirs.getIndexMapping());
            assertThat(LatencySketch.libraryBytes(ours)).isEqualTo(LatencySketch.libraryBytes(theirs));
            for (double q : MORE_QS) {
                assertThat(ours.getValueAtQuantile(q)).isEqualTo(theirs.getValueAtQuantile(q));
            }
            ours.mergeWith(theirs); // the same mapping: mergeable
        }
    }

    @Test
    void otherStoresAreLeftToTheLibrary() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 50; i++) {
            DDSketch s = i % 2 == 0 ? DDSketches.sparse(LatencySketch.RELATIVE_ACCURACY)
                    : DDSketches.collapsingLowestDense(LatencySketch.RELATIVE_ACCURACY, 64);
            int n = 1 + r.nextInt(300);
            for (int k = 0; k < n; k++) {
                s.accept(value(r, r.nextInt(7), true));
            }
            assertThat(SketchBins.handles(s)).isFalse();
            assertThat(LatencySketch.toBytes(s)).isEqualTo(LatencySketch.libraryBytes(s));
            double[] q = LatencySketch.quantiles(s, MORE_QS);
            for (int k = 0; k < MORE_QS.length; k++) {
                assertThat(q[k]).isEqualTo(s.getValueAtQuantile(MORE_QS[k]));
            }
        }
    }

    @Test
    void countsThatDoNotAddUpStillAnswerTheTopBinAsBefore() {
        // a bin count of NaN (only from foreign bytes) makes every running count fail the rank test
        DDSketch s = LatencySketch.create();
        s.accept(10);
        s.accept(20, Double.NaN);
        assertThat(LatencySketch.quantiles(s, 0.5, 1)).containsExactly(LatencySketch.iteratorQuantiles(s, 0.5, 1));
        DDSketch onlyZero = LatencySketch.create();
        onlyZero.accept(0, Double.NaN);
        // no bin to fall back on: both fail alike
        assertThatThrownBy(() -> LatencySketch.iteratorQuantiles(onlyZero, 0.5)).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> LatencySketch.quantiles(onlyZero, 0.5)).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void threadsEachUseTheirOwnBins() throws Exception {
        List<Case> corpus = corpus().subList(0, 1200);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int i = first; i < corpus.size(); i += 2) { // each case on two threads
                        DDSketch s = corpus.get(i).sketch();
                        if (!Arrays.equals(LatencySketch.toBytes(s), LatencySketch.libraryBytes(s))) {
                            throw new AssertionError("bytes differ: " + corpus.get(i).name());
                        }
                        if (!s.isEmpty() && !Arrays.equals(LatencySketch.quantiles(s, MINUTE_QS),
                                LatencySketch.iteratorQuantiles(s, MINUTE_QS))) {
                            throw new AssertionError("quantiles differ: " + corpus.get(i).name());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
