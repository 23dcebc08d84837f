package dev.sliflow.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.ingest.SliMinuteRow;
import dev.sliflow.ingest.SliPartial;
import dev.sliflow.sli.SliAccumulator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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

    private record Group(int day, int journey, String region, List<SliPartial> partials) {}

    @Test
    void groupedInputGivesTheMinutesOfAPairwiseReduceOfEachFileAndOfAllAndWholeHoursAndDays() {
        Random rnd = new Random(11);
        for (int round = 0; round < 60; round++) {
            // neighbouring groups differ in one part only: day, journey or region; each with 1-3 files' partials
            List<Group> groups = new ArrayList<>();
            int n = 1 + rnd.nextInt(8);
            for (int g = 0; g < n; g++) {
                int day = (g / 4) % 2;
                int journey = g % 2;
                String region = (g / 2) % 2 == 0 ? "eu" : "us";
                int files = 1 + (rnd.nextBoolean() ? 0 : rnd.nextInt(3));
                List<SliPartial> ps = new ArrayList<>();
                int minutes = 1 + rnd.nextInt(200);
                for (int m = 0; m < minutes; m++) {
                    // minutes spread over the whole day, some hours empty; some minutes with several partials,
                    // of one file or of several (a file rotated at 06:00 shares the minutes around it)
                    long minute = DAY0 + day * 86_400_000L + 60_000L * rnd.nextInt(1440);
                    for (int k = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(3) : 1; k > 0; k--) {
                        SliPartial p = partial(rnd, journey, region, minute);
                        p.sourceKey = 1 + rnd.nextInt(files);
                        ps.add(p);
                    }
                }
                Collections.shuffle(ps, rnd); // the batch sort groups by key, it does not order a key's partials
                groups.add(new Group(day, journey, region, ps));
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

            String what = "round " + round;
            List<SliPartial> all = new ArrayList<>();
            groups.forEach(g -> all.addAll(g.partials));
            // each file's rows, for its lineage: lineage-only exactly when its group has other files' lines too
            Map<Long, List<SliPartial>> byFile = new TreeMap<>();
            for (SliPartial p : all) {
                byFile.computeIfAbsent(p.sourceKey, k -> new ArrayList<>()).add(p);
            }
            for (Map.Entry<Long, List<SliPartial>> f : byFile.entrySet()) {
                long file = f.getKey();
                expectMinutes(f.getValue(), got.minutes.stream().filter(r -> r.sourceKey == file).toList(),
                        what + " file " + file);
            }
            // a file's row is its lineage's only exactly where another file has lines of the same minute
            Map<String, Long> filesOfMinute = new TreeMap<>();
            all.stream().collect(java.util.stream.Collectors.groupingBy(p -> p.journey + "/" + p.region + "/" + p.minute))
                    .forEach((k, ps) -> filesOfMinute.put(k, ps.stream().mapToLong(p -> p.sourceKey).distinct().count()));
            for (SliMinuteRow r : got.minutes) {
                long files = filesOfMinute.get(r.journey + "/" + r.region + "/" + r.minute);
                if (r.sourceKey == 0) {
                    assertThat(files).as(what + ": a merged row only for a minute of several files").isGreaterThan(1);
                } else {
                    assertThat(r.lineageOnly).as(what + " lineage only").isEqualTo(files > 1);
                }
            }
            assertThat(got.hours).as("hours and days are the table's").allSatisfy(h -> assertThat(h.sourceKey).isZero());
            assertThat(got.days).allSatisfy(d -> assertThat(d.sourceKey).isZero());
            // the table's rows: a file's own where it alone has the group, else the merged ones
            expectMinutes(all, got.minutes.stream().filter(r -> r.sourceKey == 0 || !r.lineageOnly).toList(), what + " table");
            expectRollups(all, got.hours, got.days, what + " table");
        }
    }

    /** Minute rows (in any order) that equal a pairwise reduce per minute. */
    private static void expectMinutes(List<SliPartial> partials, List<SliMinuteRow> minutes, String what) {
        Map<String, List<SliPartial>> byMinute = new TreeMap<>();
        for (SliPartial p : partials) {
            byMinute.computeIfAbsent(p.journey + "/" + p.region + "/" + p.minute, k -> new ArrayList<>()).add(p);
        }
        Map<String, SliMinuteRow> gotMinutes = new TreeMap<>();
        for (SliMinuteRow r : minutes) {
            assertThat(gotMinutes.put(r.journey + "/" + r.region + "/" + r.minute, r)).as(what + ": one row per minute").isNull();
        }
        assertThat(gotMinutes.keySet()).as(what).isEqualTo(byMinute.keySet());
        for (Map.Entry<String, List<SliPartial>> e : byMinute.entrySet()) {
            assertSameRow(gotMinutes.get(e.getKey()), SliMinuteRow.of(e.getValue().stream().reduce(SliPartial::merge)
                    .orElseThrow()), what + " minute " + e.getKey());
        }
    }

    /** Hour and day rows (in any order) that equal one accumulator fed every partial of the hour or day. */
    private static void expectRollups(List<SliPartial> partials, List<SliHourRow> hours, List<SliDayRow> days, String what) {
        Map<String, SliAccumulator> byHour = new TreeMap<>();
        Map<String, SliAccumulator> byDay = new TreeMap<>();
        for (SliPartial p : partials) {
            String jr = p.journey + "/" + p.region + "/";
            byHour.computeIfAbsent(jr + p.minute / 3_600_000L * 3_600_000L, k -> new SliAccumulator(THRESHOLDS))
                    .merge(p.toAccumulator());
            byDay.computeIfAbsent(jr + p.minute / 86_400_000L, k -> new SliAccumulator(THRESHOLDS)).merge(p.toAccumulator());
        }
        Map<String, SliHourRow> gotHours = new TreeMap<>();
        for (SliHourRow h : hours) {
            assertThat(gotHours.put(h.journey + "/" + h.region + "/" + h.hour, h)).as(what + ": one row per hour").isNull();
        }
        assertThat(gotHours.keySet()).as(what).isEqualTo(byHour.keySet());
        byHour.forEach((k, acc) -> assertSameCounts(gotHours.get(k), acc, what + " hour " + k));
        Map<String, SliDayRow> gotDays = new TreeMap<>();
        for (SliDayRow d : days) {
            assertThat(gotDays.put(d.journey + "/" + d.region + "/" + d.day, d)).as(what + ": one row per day").isNull();
        }
        assertThat(gotDays.keySet()).as(what).isEqualTo(byDay.keySet());
        byDay.forEach((k, acc) -> assertSameCounts(gotDays.get(k), acc, what + " day " + k));
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
    void theSameMinuteOfTwoDaysIsTwoGroupsAndOfTwoFilesIsOneMergedRowBesideEachFilesRow() {
        Collected got = new Collected();
        DayGroupMerger merger = new DayGroupMerger(got);
        Random rnd = new Random(5);
        SliPartial a = partial(rnd, 0, "", DAY0 + 60_000);
        SliPartial b = partial(rnd, 0, "", DAY0 + 86_400_000L + 60_000);
        SliPartial c = partial(rnd, 0, "", DAY0 + 86_400_000L + 60_000);
        a.sourceKey = 5;
        b.sourceKey = 5;
        c.sourceKey = 7;
        merger.add(a);
        merger.add(b);
        merger.add(c);
        merger.finish();
        // the second day's minute has lines of two files: each one's row for its lineage, and their merge for the table
        assertThat(got.minutes).extracting(r -> r.total).containsExactly(a.total, b.total, c.total, b.total + c.total);
        assertThat(got.minutes).extracting(r -> r.sourceKey).containsExactly(5L, 5L, 7L, 0L);
        assertThat(got.minutes).extracting(r -> r.lineageOnly).containsExactly(false, true, true, false);
        assertThat(got.days).extracting(r -> r.total).containsExactly(a.total, b.total + c.total);
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
