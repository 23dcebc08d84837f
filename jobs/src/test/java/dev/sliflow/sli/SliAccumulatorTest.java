package dev.sliflow.sli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Merge law: merge(a, b) answers like one accumulator fed a ∪ b, in any grouping and order. */
class SliAccumulatorTest {
    static final int[] TH = {100, 250, 500};

    /** latency in ms (NaN: none), a whole number of µs. */
    record Ev(int status, boolean bad, double latency) {
        long latencyUs() {
            return Double.isNaN(latency) ? -1 : Math.round(latency * 1000);
        }
    }

    static Ev[] events(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        Ev[] e = new Ev[n];
        for (int i = 0; i < n; i++) {
            int status = r.nextInt(100) < 3 ? 503 : (r.nextInt(100) < 5 ? 404 : 200);
            double lat = r.nextInt(50) == 0 ? Double.NaN : Math.round(Math.exp(4 + r.nextGaussian()) * 1000) / 1000.0;
            e[i] = new Ev(status, status >= 500, lat);
        }
        return e;
    }

    static SliAccumulator feed(Ev[] ev, int from, int to) {
        SliAccumulator a = new SliAccumulator(TH);
        for (int i = from; i < to; i++) {
            a.add(ev[i].status, ev[i].bad, ev[i].latencyUs());
        }
        return a;
    }

    static void assertSame(SliAccumulator x, SliAccumulator y) {
        assertThat(x.total()).isEqualTo(y.total());
        assertThat(x.good()).isEqualTo(y.good());
        assertThat(x.serverErrors()).isEqualTo(y.serverErrors());
        assertThat(x.withLatency()).isEqualTo(y.withLatency());
        assertThat(x.goodLatency()).containsExactly(y.goodLatency());
        for (double q : new double[] {0.5, 0.9, 0.95, 0.99, 0.999}) {
            assertThat(x.quantileMs(q)).isEqualTo(y.quantileMs(q));
        }
        assertThat(x.quantilesMs(0.5, 0.99)).containsExactly(y.quantileMs(0.5), y.quantileMs(0.99));
    }

    @Test
    void mergeEqualsOneAccumulatorOverTheUnion() {
        Ev[] ev = events(7, 20_000);
        SliAccumulator whole = feed(ev, 0, ev.length);
        for (int cut : new int[] {0, 1, 5_000, 19_999, 20_000}) {
            SliAccumulator a = feed(ev, 0, cut);
            SliAccumulator b = feed(ev, cut, ev.length);
            assertSame(feed(ev, 0, cut).merge(b), whole);
            assertSame(b.merge(a), whole); // commutative
        }
        // associative: (a+b)+c == a+(b+c)
        SliAccumulator left = feed(ev, 0, 100).merge(feed(ev, 100, 9_000)).merge(feed(ev, 9_000, 20_000));
        SliAccumulator right = feed(ev, 0, 100).merge(feed(ev, 100, 9_000).merge(feed(ev, 9_000, 20_000)));
        assertSame(left, whole);
        assertSame(right, whole);
    }

    @Test
    void mergeSurvivesSerialization() {
        Ev[] ev = events(11, 5_000);
        SliAccumulator a = feed(ev, 0, 2_000);
        SliAccumulator b = feed(ev, 2_000, 5_000);
        SliAccumulator a2 = SliAccumulator.of(TH, a.total(), a.good(), a.serverErrors(), a.withLatency(), a.goodLatency(), a.sketchBytes());
        assertSame(a2.merge(b), feed(ev, 0, 5_000));
    }

    @Test
    void exactCountsAndQuantilesWithinOnePercent() {
        Ev[] ev = events(3, 50_000);
        SliAccumulator a = feed(ev, 0, ev.length);
        long total = ev.length;
        long good = Arrays.stream(ev).filter(e -> !e.bad).count();
        long within250 = Arrays.stream(ev).filter(e -> !e.bad && e.latency <= 250).count();
        assertThat(a.total()).isEqualTo(total);
        assertThat(a.good()).isEqualTo(good);
        assertThat(a.goodLatency()[1]).isEqualTo(within250);
        double[] lat = Arrays.stream(ev).mapToDouble(Ev::latency).filter(d -> !Double.isNaN(d)).sorted().toArray();
        for (double q : new double[] {0.5, 0.9, 0.95, 0.99, 0.999}) {
            double exact = lat[(int) Math.floor(q * (lat.length - 1))];
            assertThat(a.quantileMs(q)).isCloseTo(exact, within(exact * 0.01));
        }
    }

    @Test
    void emptyHasNoQuantilesAndThresholdBoundaryIsInclusive() {
        SliAccumulator a = new SliAccumulator(TH);
        assertThat(a.quantileMs(0.5)).isNull();
        assertThat(a.sketchBytes()).isEmpty();
        a.add(200, false, 100_000);
        a.add(200, false, 100_001); // 100.001 ms: above 100 ms
        a.add(200, false, -1); // no latency
        a.add(503, true, 1_000);
        assertThat(a.goodLatency()).containsExactly(1, 2, 2);
        assertThat(a.withLatency()).isEqualTo(3);
        assertThat(a.serverErrors()).isEqualTo(1);
        assertThat(a.good()).isEqualTo(3);
    }

    @Test
    void bytesAndQuantilesTogetherAreEachAlone() {
        SliAccumulator empty = new SliAccumulator(TH);
        assertThat(empty.sketchBytesAndQuantilesMs(0.5, 0.99).bytes()).isEmpty();
        assertThat(empty.sketchBytesAndQuantilesMs(0.5, 0.99).quantiles()).isNull();
        Ev[] ev = events(19, 3_000);
        for (int n : new int[] {1, 2, 70, 3_000}) {
            SliAccumulator a = feed(ev, 0, n);
            var both = a.sketchBytesAndQuantilesMs(0.5, 0.9, 0.95, 0.99, 0.999);
            assertThat(both.bytes()).isEqualTo(a.sketchBytes());
            assertThat(both.quantiles()).containsExactly(a.quantilesMs(0.5, 0.9, 0.95, 0.99, 0.999));
        }
    }
}
