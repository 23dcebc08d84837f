package dev.sliflow.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.ingest.SliMinuteRow;
import dev.sliflow.ingest.SliPartial;
import dev.sliflow.sli.SliAccumulator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link DayGroupMerger}, fed input grouped by file × day × journey × region (any order of the partials
 * inside a group, as Flink's batch sort leaves it), gives each minute's row of a pairwise reduce with
 * {@link SliPartial#merge}, and hours and days equal to one accumulator fed every partial of the bucket:
 * counts, thresholds and percentiles from the merged sketch.
 */
class DayGroupMergerTest {
    private static final int[] THRESHOLDS = {100, 250, 1000};
    private static final long DAY0 = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();

    /** What the merger handed out, in order. */
    private static final class Collected implements DayGroupMerger.Rows {
        final List<SliMinuteRow> minutes = new ArrayList<>();
        final List<SliHourRow> hours = new ArrayList<>();
        final List<SliDayRow> days = new ArrayList<>();

        @Override
        public void minute(SliMinuteRow row) {
            minutes.add(row);
        }

        @Override
        public void hour(SliHourRow row) {
            hours.add(row);
        }

        @Override
        public void day(SliDayRow row) {
            days.add(row);
        }
    }

    private record Group(long source, int day, int journey, String region, List<SliPartial> partials) {}

    @Test
    void groupedInputGivesTheMinutesOfAPairwiseReduceAndWholeHoursAndDays() {
        Random rnd = new Random(11);
        for (int round = 0; round < 60; round++) {
            // neighbouring groups differ in one part only: file, day, journey or region
            List<Group> groups = new ArrayList<>();
            int n = 1 + rnd.nextInt(8);
            for (int g = 0; g < n; g++) {
                long source = 1 + (g / 8);
                int day = (g / 4) % 2;
                int journey = g % 2;
                String region = (g / 2) % 2 == 0 ? "eu" : "us";
                List<SliPartial> ps = new ArrayList<>();
                int minutes = 1 + rnd.nextInt(200);
                for (int m = 0; m < minutes; m++) {
                    // minutes spread over the whole day, some hours empty; some minutes with several partials
                    long minute = DAY0 + day * 86_400_000L + 60_000L * rnd.nextInt(1440);
                    for (int k = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(3) : 1; k > 0; k--) {
                        SliPartial p = partial(rnd, journey, region, minute);
                        p.sourceKey = source;
                        ps.add(p);
                    }
                }
                Collections.shuffle(ps, rnd); // the batch sort groups by key, it does not order a key's partials
                groups.add(new Group(source, day, journey, region, ps));
            }
            Collected got = new Collected();
            DayGroupMerger merger = new DayGroupMerger(got);
            for (Group g : groups) {
                for (SliPartial p : g.partials) {
                    SliPartial reused = p.copy(); // the caller may reuse its object: scribble over it after the call
                    merger.add(reused);
                    scribble(reused);
                }
            }
            merger.finish();
            merger.finish(); // nothing left: hands out nothing more

            List<SliMinuteRow> expectMinutes = new ArrayList<>();
            List<SliAccumulator> expectHours = new ArrayList<>();
            List<Long> expectHourStarts = new ArrayList<>();
            List<SliAccumulator> expectDays = new ArrayList<>();
            for (Group g : groups) {
                TreeMap<Long, List<SliPartial>> byMinute = new TreeMap<>();
                TreeMap<Long, SliAccumulator> byHour = new TreeMap<>();
                SliAccumulator day = new SliAccumulator(THRESHOLDS);
                for (SliPartial p : g.partials) {
                    byMinute.computeIfAbsent(p.minute, k -> new ArrayList<>()).add(p);
                    byHour.computeIfAbsent(p.minute / 3_600_000L * 3_600_000L, k -> new SliAccumulator(THRESHOLDS))
                            .merge(p.toAccumulator());
                    day.merge(p.toAccumulator());
                }
                for (List<SliPartial> ps : byMinute.values()) {
                    expectMinutes.add(SliMinuteRow.of(ps.stream().reduce(SliPartial::merge).orElseThrow()));
                }
                expectHours.addAll(byHour.values());
                expectHourStarts.addAll(byHour.keySet());
                expectDays.add(day);
            }
            String what = "round " + round;
            assertThat(got.minutes).as(what).hasSize(expectMinutes.size());
            for (int i = 0; i < expectMinutes.size(); i++) {
                assertSameRow(got.minutes.get(i), expectMinutes.get(i), what + " minute " + i);
            }
            assertThat(got.hours).as(what).hasSize(expectHours.size());
            for (int i = 0; i < expectHours.size(); i++) {
                SliHourRow h = got.hours.get(i);
                assertThat(h.hour).as(what).isEqualTo(expectHourStarts.get(i));
                assertSameCounts(h, expectHours.get(i), what + " hour " + i);
            }
            assertThat(got.days).as(what).hasSize(groups.size());
            for (int i = 0; i < groups.size(); i++) {
                SliDayRow d = got.days.get(i);
                Group g = groups.get(i);
                assertThat(d.day).as(what).isEqualTo((int) (DAY0 / 86_400_000L) + g.day);
                assertThat(d.journey).isEqualTo("j" + g.journey);
                assertThat(d.region).isEqualTo(g.region);
                assertThat(d.sourceKey).as("the day row names its file").isEqualTo(g.source);
                assertSameCounts(d, expectDays.get(i), what + " day " + i);
            }
            assertThat(got.minutes).allSatisfy(r -> assertThat(r.sourceKey).isPositive());
            assertThat(got.hours).allSatisfy(r -> assertThat(r.sourceKey).isPositive());
        }
    }

    @Test
    void aSinglePartialIsPassedOnWithoutReEncoding() {
        SliPartial p = partial(new Random(3), 0, "", DAY0);
        Collected got = new Collected();
        DayGroupMerger merger = new DayGroupMerger(got);
        merger.add(p);
        assertThat(got.minutes).as("held until the group ends").isEmpty();
        merger.finish();
        SliMinuteRow r = got.minutes.get(0);
        assertThat(r.sketch).isEqualTo(p.sketch);
        assertThat(r.p99).isEqualTo(p.quantiles[3]);
        assertThat(r.total).isEqualTo(p.total);
        assertThat(got.hours).hasSize(1);
        assertThat(got.days).hasSize(1);
    }

    @Test
    void theSameMinuteOfTwoDaysOrTwoFilesIsTwoGroups() {
        Collected got = new Collected();
        DayGroupMerger merger = new DayGroupMerger(got);
        Random rnd = new Random(5);
        SliPartial a = partial(rnd, 0, "", DAY0 + 60_000);
        SliPartial b = partial(rnd, 0, "", DAY0 + 86_400_000L + 60_000);
        SliPartial c = partial(rnd, 0, "", DAY0 + 86_400_000L + 60_000);
        c.sourceKey = 7;
        merger.add(a);
        merger.add(b);
        merger.add(c);
        merger.finish();
        assertThat(got.minutes).extracting(r -> r.total).containsExactly(a.total, b.total, c.total);
        assertThat(got.days).extracting(r -> r.sourceKey).containsExactly(0L, 0L, 7L);
    }

    private static void assertSameCounts(SliRollupRow a, SliAccumulator b, String what) {
        assertThat(new long[] {a.total, a.good, a.serverErrors, a.withLatency}).as(what)
                .containsExactly(b.total(), b.good(), b.serverErrors(), b.withLatency());
        assertThat(a.thresholdsMs).as(what).containsExactly(b.thresholdsMs());
        assertThat(a.goodLatency).as(what).containsExactly(b.goodLatency());
        double[] q = b.quantilesMs(SliRollupRow.QUANTILES);
        Double[] expected = q == null ? new Double[5] : Arrays.stream(q).boxed().toArray(Double[]::new);
        assertThat(new Double[] {a.p50, a.p90, a.p95, a.p99, a.p999}).as(what).containsExactly(expected);
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
