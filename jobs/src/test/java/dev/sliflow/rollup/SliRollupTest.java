package dev.sliflow.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sliflow.ingest.SliMinuteRow;
import dev.sliflow.sli.SliAccumulator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Merge laws of the rollups (any split, order and grouping of the minutes gives the same hour and
 * day), their agreement with one accumulator fed every request of the bucket, and the reason they
 * exist: a short spike shows in the hour's p99, where a mean of minute p99s hides it.
 */
class SliRollupTest {
    static final int[] TH = {100, 250, 500};
    static final long T0 = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();

    /** One minute's requests: statuses and latencies (NaN: none on the line). */
    record Minute(String journey, String region, long minute, int[] status, double[] latency) {}

    static List<Minute> minutes(long seed, String journey, String region, long from, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Minute> out = new ArrayList<>();
        for (int m = 0; m < count; m++) {
            int n = 1 + r.nextInt(80);
            int[] st = new int[n];
            double[] lat = new double[n];
            for (int i = 0; i < n; i++) {
                st[i] = r.nextInt(100) < 3 ? 503 : (r.nextInt(100) < 5 ? 404 : 200);
                lat[i] = r.nextInt(40) == 0 ? Double.NaN : Math.exp(4 + r.nextGaussian());
            }
            out.add(new Minute(journey, region, from + m * 60_000L, st, lat));
        }
        return out;
    }

    static SliAccumulator feed(SliAccumulator a, Minute m) {
        for (int i = 0; i < m.status.length; i++) {
            a.add(m.status[i], m.status[i] >= 500, Double.isNaN(m.latency[i]) ? -1 : Math.round(m.latency[i] * 1000));
        }
        return a;
    }

    /** The sli_minute row ingest writes for a minute (counts, thresholds, sketch, minute percentiles). */
    static SliMinuteRow row(Minute m, int[] thresholds) {
        SliAccumulator a = feed(new SliAccumulator(thresholds), m);
        SliMinuteRow r = new SliMinuteRow();
        r.journey = m.journey;
        r.region = m.region;
        r.minute = m.minute;
        r.total = a.total();
        r.good = a.good();
        r.serverErrors = a.serverErrors();
        r.withLatency = a.withLatency();
        r.thresholdsMs = thresholds;
        r.goodLatency = a.goodLatency();
        r.p99 = a.quantileMs(0.99);
        r.sketch = a.sketchBytes();
        return r;
    }

    static List<SliMinuteRow> rows(List<Minute> ms) {
        return ms.stream().map(m -> row(m, TH)).toList();
    }

    static SliRollup rollup(RollupPeriod p, List<SliMinuteRow> rows) {
        SliRollup r = SliRollup.of(p, rows.get(0));
        rows.subList(1, rows.size()).forEach(r::add);
        return r;
    }

    static void assertSame(SliRollup x, SliRollup y) {
        assertThat(x.toString()).isEqualTo(y.toString());
        assertThat(x.total()).isEqualTo(y.total());
        assertThat(x.good()).isEqualTo(y.good());
        assertThat(x.serverErrors()).isEqualTo(y.serverErrors());
        assertThat(x.withLatency()).isEqualTo(y.withLatency());
        assertThat(x.thresholdsMs()).containsExactly(y.thresholdsMs());
        assertThat(x.goodLatency()).containsExactly(y.goodLatency());
        assertThat(x.quantilesMs(SliRollupRow.QUANTILES)).containsExactly(y.quantilesMs(SliRollupRow.QUANTILES));
        assertThat(x.sketchBytes()).isEqualTo(y.sketchBytes());
    }

    @Test
    void anHourEqualsOneAccumulatorFedEveryRequestOfIt() {
        List<Minute> ms = minutes(1, "checkout", "", T0 + 3 * 3_600_000L, 60);
        SliAccumulator all = new SliAccumulator(TH);
        ms.forEach(m -> feed(all, m));
        SliRollup hour = rollup(RollupPeriod.HOUR, rows(ms));
        assertThat(hour.start()).isEqualTo(T0 + 3 * 3_600_000L);
        assertThat(hour.total()).isEqualTo(all.total()).isGreaterThan(60);
        assertThat(hour.good()).isEqualTo(all.good());
        assertThat(hour.serverErrors()).isEqualTo(all.serverErrors()).isPositive();
        assertThat(hour.withLatency()).isEqualTo(all.withLatency()).isLessThan(all.total());
        assertThat(hour.goodLatency()).containsExactly(all.goodLatency());
        assertThat(hour.quantilesMs(SliRollupRow.QUANTILES)).containsExactly(all.quantilesMs(SliRollupRow.QUANTILES));
        assertThat(hour.sketchBytes()).isEqualTo(all.sketchBytes());
    }

    @Test
    void mergeIsCommutativeAndAssociativeAndARollupOfASplitIsTheRollupOfTheWhole() {
        List<SliMinuteRow> rows = rows(minutes(2, "search", "eu", T0, 60));
        SliRollup whole = rollup(RollupPeriod.HOUR, rows);
        for (int cut : new int[] {1, 17, 59}) {
            SliRollup a = rollup(RollupPeriod.HOUR, rows.subList(0, cut));
            SliRollup b = rollup(RollupPeriod.HOUR, rows.subList(cut, rows.size()));
            assertSame(rollup(RollupPeriod.HOUR, rows.subList(0, cut)).merge(b), whole);
            assertSame(rollup(RollupPeriod.HOUR, rows.subList(cut, rows.size())).merge(a), whole); // commutative
            assertSame(a, rollup(RollupPeriod.HOUR, rows.subList(0, cut))); // merge leaves its argument alone
        }
        SliRollup x = rollup(RollupPeriod.HOUR, rows.subList(0, 5));
        SliRollup y = rollup(RollupPeriod.HOUR, rows.subList(5, 40));
        SliRollup z = rollup(RollupPeriod.HOUR, rows.subList(40, 60));
        SliRollup left = rollup(RollupPeriod.HOUR, rows.subList(0, 5)).merge(y).merge(z);
        SliRollup right = x.merge(rollup(RollupPeriod.HOUR, rows.subList(5, 40)).merge(z));
        assertSame(left, whole);
        assertSame(right, whole);
        List<SliMinuteRow> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(5));
        assertSame(rollup(RollupPeriod.HOUR, shuffled), whole);
    }

    @Test
    void daysFromHoursEqualDaysFromMinutesInAnyOrder() {
        List<SliMinuteRow> rows = new ArrayList<>();
        for (String j : List.of("checkout", "login")) {
            for (String region : List.of("", "us")) {
                rows.addAll(rows(minutes(j.hashCode() + region.hashCode(), j, region, T0 + 22 * 3_600_000L, 4 * 60)));
            }
        }
        List<SliRollup> days = SliRollups.rollup(rows, RollupPeriod.DAY);
        List<SliRollup> hours = SliRollups.rollup(rows, RollupPeriod.HOUR);
        assertThat(hours).hasSize(2 * 2 * 4);
        assertThat(days).hasSize(2 * 2 * 2).extracting(SliRollup::start).containsOnly(T0, T0 + 86_400_000L);
        List<SliRollup> shuffledHours = new ArrayList<>(hours);
        Collections.shuffle(shuffledHours, new Random(9));
        List<SliRollup> fromHours = SliRollups.coarsen(shuffledHours, RollupPeriod.DAY);
        assertThat(fromHours).hasSize(days.size());
        for (int i = 0; i < days.size(); i++) {
            assertSame(fromHours.get(i), days.get(i));
        }
        List<SliMinuteRow> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(11));
        List<SliRollup> again = SliRollups.rollup(shuffled, RollupPeriod.HOUR);
        for (int i = 0; i < hours.size(); i++) {
            assertSame(again.get(i), hours.get(i));
        }
        // the hours are not changed by being rolled into days
        List<SliRollup> fresh = SliRollups.rollup(rows, RollupPeriod.HOUR);
        for (int i = 0; i < hours.size(); i++) {
            assertSame(hours.get(i), fresh.get(i));
        }
    }

    @Test
    void aThresholdSomeMinutesLackIsLeftOutRatherThanCountedAsZero() {
        List<Minute> ms = minutes(3, "search", "", T0, 60);
        List<SliMinuteRow> rows = new ArrayList<>();
        for (int i = 0; i < ms.size(); i++) {
            // the first half was ingested before 300 ms was added to the catalog, and 500 ms removed
            rows.add(row(ms.get(i), i < 30 ? new int[] {100, 250, 500} : new int[] {100, 250, 300}));
        }
        SliRollup hour = rollup(RollupPeriod.HOUR, rows);
        assertThat(hour.thresholdsMs()).containsExactly(100, 250);
        long[] expected = new long[2];
        for (SliMinuteRow r : rows) {
            expected[0] += r.goodLatency[0];
            expected[1] += r.goodLatency[1];
        }
        assertThat(hour.goodLatency()).containsExactly(expected);
        // in any order and grouping
        SliRollup b = rollup(RollupPeriod.HOUR, rows.subList(30, 60)).merge(rollup(RollupPeriod.HOUR, rows.subList(0, 30)));
        assertSame(b, hour);
        SliHourRow row = SliHourRow.of(hour);
        assertThat(row.goodLatencyMap()).containsOnlyKeys(100, 250);
    }

    @Test
    void sketchesThatDoNotHoldEveryLatencyAreRefused() {
        List<SliMinuteRow> rows = new ArrayList<>(rows(minutes(4, "search", "", T0, 3)));
        rows.get(1).sketch = new byte[0]; // with_latency counts latencies the row's sketch lacks
        SliRollup hour = rollup(RollupPeriod.HOUR, rows);
        assertThatThrownBy(() -> SliHourRow.of(hour)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("with_latency counts " + hour.withLatency());
        SliMinuteRow garbage = row(minutes(5, "search", "", T0, 1).get(0), TH);
        garbage.sketch = new byte[] {1, 2, 3};
        assertThatThrownBy(() -> SliRollup.of(RollupPeriod.HOUR, garbage)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a mergeable DDSketch encoding");
    }

    @Test
    void rowsOfAnotherBucketJourneyOrRegionAreRefused() {
        List<SliMinuteRow> rows = rows(minutes(6, "search", "eu", T0, 61));
        SliRollup hour = rollup(RollupPeriod.HOUR, rows.subList(0, 60));
        assertThatThrownBy(() -> hour.add(rows.get(60))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2026-03-01T01:00:00Z");
        SliMinuteRow other = row(minutes(7, "search", "us", T0, 1).get(0), TH);
        assertThatThrownBy(() -> hour.add(other)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> hour.merge(SliRollup.of(RollupPeriod.HOUR, other))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> hour.merge(SliRollup.of(RollupPeriod.DAY, rows.get(0))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * An hour of 60 minutes × 200 requests around 50 ms, but 3 minutes of it at 1.5–2 s: 5% of the
     * hour's requests are slow, so its p99 is slow. The request-weighted mean of the minute p99s —
     * what the report drew before — says ~150 ms.
     */
    static List<Minute> spikeHour(long hourStart) {
        List<Minute> out = new ArrayList<>();
        for (int m = 0; m < 60; m++) {
            int[] st = new int[200];
            double[] lat = new double[200];
            Arrays.fill(st, 200);
            boolean spike = m >= 30 && m < 33;
            for (int i = 0; i < 200; i++) {
                lat[i] = spike ? 1500 + 2.5 * i : 40 + (i % 21);
            }
            out.add(new Minute("checkout", "", hourStart + m * 60_000L, st, lat));
        }
        return out;
    }

    /** The exact q-quantile (lower rank, as DDSketch ranks) of every latency of the minutes. */
    static double exactQuantile(List<Minute> ms, double q) {
        double[] all = ms.stream().flatMapToDouble(m -> Arrays.stream(m.latency)).sorted().toArray();
        return all[(int) Math.floor(q * (all.length - 1))];
    }

    @Test
    void aShortSpikeShowsInTheHoursP99WhereTheMeanOfMinuteP99sHidesIt() {
        List<Minute> ms = spikeHour(T0 + 10 * 3_600_000L);
        List<SliMinuteRow> rows = rows(ms);
        double weightedMean = rows.stream().mapToDouble(r -> r.p99 * r.withLatency).sum()
                / rows.stream().mapToLong(r -> r.withLatency).sum();
        SliHourRow hour = SliHourRow.of(rollup(RollupPeriod.HOUR, rows));
        double exact = exactQuantile(ms, 0.99);
        assertThat(exact).isGreaterThan(1500);
        assertThat(hour.p99).isCloseTo(exact, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(weightedMean).isLessThan(200); // the mean of minute p99s: off by a factor of ten
        assertThat(hour.p99).isGreaterThan(5 * weightedMean);
        assertThat(hour.p50).isCloseTo(exactQuantile(ms, 0.5), org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(hour.total).isEqualTo(12_000);
        assertThat(hour.dt).isEqualTo("2026-03-01");
        assertThat(hour.hour).isEqualTo(T0 + 10 * 3_600_000L);
        SliDayRow day = SliDayRow.of(SliRollups.coarsen(List.of(rollup(RollupPeriod.HOUR, rows)), RollupPeriod.DAY).get(0));
        assertThat(day.p99).isEqualTo(hour.p99);
        assertThat(day.day).isEqualTo((int) (T0 / 86_400_000L));
    }
}
