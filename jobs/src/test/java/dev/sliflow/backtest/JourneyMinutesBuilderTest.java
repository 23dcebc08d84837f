package dev.sliflow.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Scenario 8, merge law of the input builder: any row order, any split across regions, same result. */
class JourneyMinutesBuilderTest {
    static final LocalDate FROM = LocalDate.parse("2026-03-01");
    static final LocalDate TO = LocalDate.parse("2026-03-02");
    static final long START = Minutes.millis("2026-03-01T00:00");

    record Row(long minute, long total, long good, long withLatency, Map<Integer, Long> goodLatency) {}

    static List<Row> rows(long seed) {
        Random r = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            long total = 1 + r.nextInt(1000);
            long good = r.nextInt((int) total + 1);
            long lat = r.nextInt((int) total + 1);
            long g250 = Math.min(good, lat) / 2;
            rows.add(new Row(START + r.nextInt(2880) * 60_000L, total, good, lat,
                    Map.of(100, g250 / 2, 250, g250)));
        }
        return rows;
    }

    static JourneyMinutes build(List<Row> rows) {
        JourneyMinutes.Builder b = JourneyMinutes.builder("checkout", FROM, TO);
        rows.forEach(x -> b.add(x.minute(), x.total(), x.good(), x.withLatency(), x.goodLatency()));
        return b.build();
    }

    /** Splits every row into two "regions" at a random point. */
    static List<Row> splitIntoRegions(List<Row> rows, Random r) {
        List<Row> out = new ArrayList<>();
        for (Row x : rows) {
            long t = r.nextInt((int) x.total() + 1);
            long g = Math.min(t, x.good());
            long l = Math.min(t, x.withLatency());
            Map<Integer, Long> a = new HashMap<>();
            Map<Integer, Long> b = new HashMap<>();
            x.goodLatency().forEach((k, v) -> {
                long part = Math.min(v, Math.min(g, l));
                a.put(k, part);
                b.put(k, v - part);
            });
            out.add(new Row(x.minute(), t, g, l, a));
            out.add(new Row(x.minute(), x.total() - t, x.good() - g, x.withLatency() - l, b));
        }
        return out;
    }

    @Test
    void anyOrderAndAnyRegionSplitGiveTheSameMinutes() {
        List<Row> rows = rows(42);
        JourneyMinutes expected = build(rows);
        for (long seed = 1; seed <= 5; seed++) {
            Random r = new Random(seed);
            List<Row> shuffled = new ArrayList<>(rows);
            Collections.shuffle(shuffled, r);
            assertThat(build(shuffled)).isEqualTo(expected);
            List<Row> regions = splitIntoRegions(rows, r);
            Collections.shuffle(regions, r);
            assertThat(build(regions)).isEqualTo(expected);
            assertThat(build(regions).hashCode()).isEqualTo(expected.hashCode());
        }
    }

    @Test
    void duplicatesAreSummedAndThresholdsAreTheUnionOfTheRows() {
        long m = Minutes.millis("2026-03-02T23:59");
        JourneyMinutes j = JourneyMinutes.builder("checkout", FROM, TO)
                .add(m, 10, 9, 8, Map.of(250, 7L))
                .add(m, 5, 5, 5, Map.of(100, 1L, 250, 4L))
                .build();
        assertThat(j.startMillis()).isEqualTo(START);
        assertThat(j.minutes()).isEqualTo(2880);
        assertThat(j.firstDay()).isEqualTo(FROM);
        assertThat(j.thresholdsMs()).containsExactly(100, 250);
        assertThat(j.total()[2879]).isEqualTo(15);
        assertThat(j.good()[2879]).isEqualTo(14);
        assertThat(j.withLatency()[2879]).isEqualTo(13);
        assertThat(j.goodLatency()[0][2879]).isEqualTo(1);
        assertThat(j.goodLatency()[1][2879]).isEqualTo(11);
        assertThat(j.total()[0]).isZero();
    }

    @Test
    void rowsOutsideTheRangeOrOffTheMinuteAreRejected() {
        JourneyMinutes.Builder b = JourneyMinutes.builder("checkout", FROM, TO);
        assertThatThrownBy(() -> b.add(Minutes.millis("2026-03-03T00:00"), 1, 1, 1, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2026-03-01..2026-03-02");
        assertThatThrownBy(() -> b.add(START - 60_000, 1, 1, 1, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.add(START + 30_000, 1, 1, 1, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void blocksOfMinutesAddLikeOneRowPerMinute() {
        List<Row> rows = rows(7);
        JourneyMinutes expected = build(rows);
        // the same rows summed into one block per day (thresholds in any order), added block by block
        JourneyMinutes.Builder b = JourneyMinutes.builder("checkout", FROM, TO);
        for (int day = 0; day < 2; day++) {
            long dayStart = START + day * 1440 * 60_000L;
            long[] total = new long[1440];
            long[] good = new long[1440];
            long[] lat = new long[1440];
            long[][] gl = new long[2][1440];
            for (Row x : rows) {
                int k = (int) ((x.minute() - dayStart) / 60_000L);
                if (x.minute() < dayStart || k >= 1440) {
                    continue;
                }
                total[k] += x.total();
                good[k] += x.good();
                lat[k] += x.withLatency();
                gl[0][k] += x.goodLatency().get(250);
                gl[1][k] += x.goodLatency().get(100);
            }
            b.addMinutes(dayStart, total, good, lat, new int[] {250, 100}, gl);
        }
        assertThat(b.build()).isEqualTo(expected);
        assertThatThrownBy(() -> JourneyMinutes.builder("checkout", FROM, TO)
                .addMinutes(Minutes.millis("2026-03-02T23:00"), new long[120], new long[120], new long[120],
                        new int[0], new long[0][]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2026-03-01..2026-03-02");
    }

    /** Sketch counts of a journey-day sent in two pieces add up; declared thresholds exist without any piece. */
    @Test
    void sketchCountsAddUpOverPiecesAndDeclaredThresholdsStartAtZero() {
        JourneyMinutes none = JourneyMinutes.builder("checkout", FROM, TO).build();
        assertThat(none.sketches()).isNull();
        JourneyMinutes declared = JourneyMinutes.builder("checkout", FROM, TO).sketchThresholds(300, 1000).build();
        assertThat(declared.sketches().thresholdsMs()).containsExactly(300, 1000);
        assertThat(declared.sketches().count()).hasSize(2880).containsOnly(0L);

        JourneyMinutes.Builder b = JourneyMinutes.builder("checkout", FROM, TO).sketchThresholds(300);
        long day2 = START + 1440 * 60_000L;
        // minute 0 of day 2 in two pieces (two regions): 10 + 5 latencies, 9 + 1 of them at most 300 ms
        b.addSketchCounts(day2, new long[] {10, 0}, new int[] {300}, new long[][] {{9, 0}});
        b.addSketchCounts(day2, new long[] {5}, new int[] {300}, new long[][] {{1}});
        SketchCounts s = b.build().sketches();
        assertThat(s.count()[1440]).isEqualTo(15);
        assertThat(s.atMost()[0][1440]).isEqualTo(10);
        assertThat(s.count()[1441]).isZero();
        assertThatThrownBy(() -> b.addSketchCounts(START - 60_000L, new long[] {1}, new int[] {300}, new long[][] {{1}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a minute start inside");
        assertThatThrownBy(() -> b.addSketchCounts(START, new long[] {1, 2}, new int[] {300}, new long[][] {{1}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("array lengths do not match");
    }
}
