package dev.sliflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.sli.SliAccumulator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link GroupedPartialMerger} gives, for input grouped by key, the rows of a pairwise reduce with {@link SliPartial#merge}. */
class GroupedPartialMergerTest {
    private static final int[] THRESHOLDS = {100, 250, 1000};

    @Test
    void groupedInputGivesTheRowsOfAPairwiseReduce() {
        Random rnd = new Random(11);
        for (int round = 0; round < 200; round++) {
            List<List<SliPartial>> groups = new ArrayList<>();
            int keys = 1 + rnd.nextInt(20);
            for (int k = 0; k < keys; k++) {
                List<SliPartial> g = new ArrayList<>();
                // neighbouring keys differ in one part only: minute, journey or region
                long minute = 1_767_225_600_000L + 60_000L * (k / 4);
                int journey = k % 2;
                String region = (k / 2) % 2 == 0 ? "eu" : "us";
                for (int n = 1 + (rnd.nextInt(3) == 0 ? rnd.nextInt(5) : 0); n > 0; n--) {
                    g.add(partial(rnd, journey, region, minute));
                }
                groups.add(g);
            }
            GroupedPartialMerger merger = new GroupedPartialMerger();
            List<SliMinuteRow> got = new ArrayList<>();
            for (List<SliPartial> g : groups) {
                for (SliPartial p : g) {
                    SliPartial reused = p.copy(); // the caller may reuse its object: scribble over it after the call
                    SliMinuteRow r = merger.add(reused);
                    scribble(reused);
                    if (r != null) {
                        got.add(r);
                    }
                }
            }
            SliMinuteRow last = merger.finish();
            if (last != null) {
                got.add(last);
            }
            assertThat(merger.finish()).isNull();

            assertThat(got).hasSize(groups.size());
            for (int i = 0; i < groups.size(); i++) {
                SliPartial expected = groups.get(i).stream().reduce(SliPartial::merge).orElseThrow();
                assertSameRow(got.get(i), SliMinuteRow.of(expected), "round " + round + " key " + i);
            }
        }
    }

    @Test
    void aSinglePartialIsPassedOnWithoutReEncoding() {
        SliPartial p = partial(new Random(3), 0, "", 1_767_225_600_000L);
        GroupedPartialMerger merger = new GroupedPartialMerger();
        assertThat(merger.add(p)).isNull();
        SliMinuteRow r = merger.finish();
        assertThat(r.sketch).isEqualTo(p.sketch);
        assertThat(r.p99).isEqualTo(p.quantiles[3]);
        assertThat(r.total).isEqualTo(p.total);
    }

    private static void assertSameRow(SliMinuteRow a, SliMinuteRow b, String what) {
        assertThat(a.journey).as(what).isEqualTo(b.journey);
        assertThat(a.region).as(what).isEqualTo(b.region);
        assertThat(a.minute).as(what).isEqualTo(b.minute);
        assertThat(a.dt).as(what).isEqualTo(b.dt);
        assertThat(new long[] {a.total, a.good, a.serverErrors, a.withLatency}).as(what)
                .containsExactly(b.total, b.good, b.serverErrors, b.withLatency);
        assertThat(a.goodLatency).as(what).containsExactly(b.goodLatency);
        assertThat(a.thresholdsMs).as(what).containsExactly(b.thresholdsMs);
        assertThat(new Double[] {a.p50, a.p90, a.p95, a.p99, a.p999}).as(what)
                .containsExactly(b.p50, b.p90, b.p95, b.p99, b.p999);
        assertThat(a.sketch).as(what).isEqualTo(b.sketch);
    }

    private static SliPartial partial(Random rnd, int journey, String region, long minute) {
        SliAccumulator acc = new SliAccumulator(THRESHOLDS);
        for (int i = rnd.nextInt(50); i >= 0; i--) {
            int status = rnd.nextInt(10) == 0 ? 503 : 200;
            acc.add(status, status >= 500, rnd.nextInt(4) == 0 ? -1 : (long) (rnd.nextDouble() * 2_000_000)); // µs
        }
        return SliPartial.of("j" + journey, journey, region, minute, acc);
    }

    private static void scribble(SliPartial p) {
        p.total = -1;
        p.region = "scribbled";
        p.minute = 0;
        Arrays.fill(p.goodLatency, -1);
        if (p.sketch != null) {
            Arrays.fill(p.sketch, (byte) 0);
        }
    }
}
