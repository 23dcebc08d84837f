package dev.sliflow.backtest;

import static dev.sliflow.backtest.Minutes.availability;
import static dev.sliflow.backtest.Minutes.config;
import static dev.sliflow.backtest.Minutes.latency;
import static dev.sliflow.backtest.Minutes.millis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sliflow.backtest.AlertEvent.Kind;
import dev.sliflow.slo.AlertTier;
import dev.sliflow.slo.Budgeting;
import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.Maintenance;
import dev.sliflow.slo.SloConfig;
import dev.sliflow.slo.SloWindow;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Live alerts report exactly the firings of the backtest over the same minutes. */
class LiveAlertsTest {
    static final String J = "shop";
    static final LocalDate FIRST = LocalDate.parse("2026-03-01");
    static final long START = FIRST.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    static final int DAYS = 10;
    static final int[] THRESHOLDS = {100, 500};
    static final long MINUTE = 60_000L;

    static final List<Candidate> CANDIDATES = List.of(
            availability(J, 0.999, SloWindow.rolling(28), Budgeting.OCCURRENCES),
            availability(J, 0.99, SloWindow.calendar(SloWindow.Kind.CALENDAR_MONTH), Budgeting.OCCURRENCES),
            // same series, target and rate (30 days) as the calendar month: one shared rule, two bindings
            availability(J, 0.99, SloWindow.rolling(30), Budgeting.TIMESLICES),
            availability(J, 0.9995, SloWindow.rolling(7), Budgeting.OCCURRENCES),
            latency(J, 100, 0.99, SloWindow.rolling(30)),
            latency(J, 500, 0.999, SloWindow.rolling(7)));

    /** Fixed-rate tiers, a fast one and one whose short window is longer than its long one. */
    static List<AlertTier> explicitTiers() {
        List<AlertTier> tiers = new ArrayList<>(Minutes.fixedTiers());
        tiers.add(new AlertTier("page-10m", "page", Duration.ofMinutes(10), Duration.ofMinutes(1), 20, 0));
        tiers.add(new AlertTier("odd-2h", "ticket", Duration.ofHours(2), Duration.ofHours(3), 3, 0));
        return tiers;
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (long seed = 1; seed <= 6; seed++) {
            out.add(Arguments.of(seed, "sre-workbook"));
            out.add(Arguments.of(seed, "explicit"));
            out.add(Arguments.of(seed, "low-traffic policy"));
        }
        return out.stream();
    }

    static SloConfig configOf(String tiers, JourneyMinutes data, long seed) {
        // maintenance: a daily 13:00–13:30 window and a fixed one over part of the outage
        int outage = outageStart(seed);
        long outageMillis = data.minuteMillis(outage);
        List<Maintenance> maintenance = List.of(
                Maintenance.recurring(null, LocalTime.of(13, 0), Duration.ofMinutes(30)),
                Maintenance.fixed(java.time.Instant.ofEpochMilli(outageMillis + 5 * MINUTE),
                        java.time.Instant.ofEpochMilli(outageMillis + 25 * MINUTE)));
        SloConfig config = config(tiers.equals("explicit") ? explicitTiers() : AlertTier.sreWorkbook(), maintenance);
        if (tiers.equals("low-traffic policy")) {
            // the first (reported) policy is what both report: page tiers need 10 bad and 50 valid events in
            // their long window, every window twice as long; the second policy changes nothing here
            return config.withAlertPolicies(List.of(new dev.sliflow.slo.AlertPolicy("low", 10, 50,
                    Duration.ofHours(1), 2), dev.sliflow.slo.AlertPolicy.sreWorkbook()));
        }
        return config;
    }

    static int outageStart(long seed) {
        return (3 * 24 + 8) * 60 + (int) (seed * 37 % 600);
    }

    /**
     * Ten days of random minutes: diurnal busy hours (50–300 requests, background errors, some empty
     * minutes), sparse nights (0–3 requests, mostly empty, occasional failures), a 2 h degradation, a
     * latency spike, an outage burst on day 4 and a long silent gap (80 h, longer than the 3-day ticket
     * window, for seeds divisible by 3). Minute 0 always has traffic.
     */
    static JourneyMinutes randomData(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = DAYS * 1440;
        long[] total = new long[n];
        long[] good = new long[n];
        long[] withLatency = new long[n];
        long[][] gl = new long[THRESHOLDS.length][n];
        int outage = outageStart(seed);
        int outageLength = 10 + r.nextInt(80);
        int degraded = (1 * 24 + 10) * 60 + r.nextInt(600);
        int spike = (2 * 24 + 14) * 60 + r.nextInt(300);
        int gap = (5 * 24) * 60 + r.nextInt(300);
        int gapLength = seed % 3 == 0 ? 80 * 60 : 60 * (2 + r.nextInt(20));
        for (int m = 0; m < n; m++) {
            int hour = m % 1440 / 60;
            boolean sparse = hour < 6;
            if (m >= gap && m < gap + gapLength) {
                continue;
            }
            long t;
            double error;
            if (sparse) {
                t = r.nextInt(10) < 6 ? 0 : r.nextInt(1, 4);
                error = r.nextInt(50) == 0 ? 0.5 : 0;
            } else {
                t = r.nextInt(50) == 0 ? 0 : 50 + r.nextInt(250);
                error = 0.0005;
            }
            if (m == 0) {
                t = Math.max(t, 5);
            }
            if (m >= degraded && m < degraded + 120) {
                error = 0.03;
            }
            if (m >= outage && m < outage + outageLength) {
                error = 1;
            }
            long bad = error >= 1 ? t : Math.min(t, Math.round(t * error * r.nextDouble() * 2));
            total[m] = t;
            good[m] = t - bad;
            withLatency[m] = t > 0 && r.nextInt(10) == 0 ? t - 1 : t;
            long fastBase = Math.min(good[m], withLatency[m]);
            double slow = m >= spike && m < spike + 45 ? 0.3 : 0.004;
            gl[0][m] = Math.max(0, fastBase - Math.round(fastBase * slow * r.nextDouble() * 2));
            gl[1][m] = gl[0][m] + Math.round((fastBase - gl[0][m]) * 0.9);
        }
        return new JourneyMinutes(J, START, n, total, good, withLatency, THRESHOLDS.clone(), gl);
    }

    /** Feeds the minutes with traffic, then advances through the end of the range. */
    static List<AlertEvent> feed(LiveAlerts live, JourneyMinutes data) {
        List<AlertEvent> events = new ArrayList<>();
        for (int m = 0; m < data.minutes(); m++) {
            if (data.total()[m] == 0 && data.withLatency()[m] == 0) {
                continue;
            }
            events.addAll(live.onMinute(data.minuteMillis(m), data.total()[m], data.good()[m],
                    data.withLatency()[m], goodLatency(data, m)));
        }
        events.addAll(live.advanceThrough(data.minuteMillis(data.minutes() - 1)));
        return events;
    }

    static Map<Integer, Long> goodLatency(JourneyMinutes data, int m) {
        Map<Integer, Long> out = new HashMap<>();
        for (int i = 0; i < data.thresholdsMs().length; i++) {
            out.put(data.thresholdsMs()[i], data.goodLatency()[i][m]);
        }
        return out;
    }

    /** Pairs FIRED and RESOLVED events into firings, checking that each RESOLVED closes an open firing. */
    static List<AlertFiring> firings(List<AlertEvent> events) {
        Map<String, Integer> open = new HashMap<>();
        List<AlertFiring> out = new ArrayList<>();
        long last = Long.MIN_VALUE;
        for (AlertEvent e : events) {
            assertThat(e.minuteMillis()).as("events in minute order").isGreaterThanOrEqualTo(last);
            last = e.minuteMillis();
            String key = e.sloId() + "|" + e.tier();
            if (e.kind() == Kind.FIRED) {
                assertThat(e.firedAtMillis()).isEqualTo(e.minuteMillis());
                assertThat(open.put(key, out.size())).as("fired while firing: " + e).isNull();
                out.add(e.toFiring());
            } else {
                Integer i = open.remove(key);
                assertThat(i).as("resolved while not firing: " + e).isNotNull();
                AlertFiring fired = out.get(i);
                AlertFiring resolved = e.toFiring();
                assertThat(resolved).usingRecursiveComparison().ignoringFields("resolvedAtMillis").isEqualTo(fired);
                out.set(i, resolved);
            }
        }
        return out;
    }

    static final Comparator<AlertFiring> ORDER = Comparator.comparing(AlertFiring::sloId)
            .thenComparing(AlertFiring::tier).thenComparingLong(AlertFiring::firedAtMillis);

    static List<AlertFiring> sorted(List<AlertFiring> firings) {
        return firings.stream().sorted(ORDER).toList();
    }

    @ParameterizedTest(name = "seed {0}, {1} tiers")
    @MethodSource("cases")
    void liveFiringsAreTheBacktestFirings(long seed, String tiers) {
        JourneyMinutes data = randomData(seed);
        SloConfig config = configOf(tiers, data, seed);
        List<AlertFiring> batch = sorted(Backtester.run(data, CANDIDATES, config).alerts());
        assertThat(batch).as("the scenario fires").hasSizeGreaterThan(10);
        assertThat(batch).as("some firings resolve").anyMatch(a -> a.resolvedAtMillis() != null);
        if (tiers.equals("low-traffic policy")) {
            assertThat(batch).as("the policy changes the firings").isNotEqualTo(
                    sorted(Backtester.run(data, CANDIDATES, configOf("sre-workbook", data, seed)).alerts()));
        }

        // from 00:00 of the first day, and from the first minute fed (which is 00:00 here)
        for (LiveAlerts live : List.of(new LiveAlerts(J, CANDIDATES, config, START), new LiveAlerts(J, CANDIDATES, config))) {
            List<AlertEvent> events = feed(live, data);
            // exact equality: same long sums, same arithmetic (burn rates are bitwise equal, well within 1e-12)
            assertThat(sorted(firings(events))).containsExactlyElementsOf(batch);
            assertThat(live.lastMinute()).isEqualTo(data.minuteMillis(data.minutes() - 1));
        }
    }

    @Test
    void transitionsHappenAtMinutesWithoutTraffic() {
        // the property test covers them: resolutions (and firings) at skipped minutes
        JourneyMinutes data = randomData(3);
        List<AlertEvent> events = feed(new LiveAlerts(J, CANDIDATES, configOf("explicit", data, 3)), data);
        assertThat(events).anyMatch(e -> {
            int m = (int) ((e.minuteMillis() - START) / MINUTE);
            return e.kind() == Kind.RESOLVED && data.total()[m] == 0;
        });
        assertThat(events).anyMatch(e -> {
            int m = (int) ((e.minuteMillis() - START) / MINUTE);
            return e.kind() == Kind.FIRED && data.total()[m] == 0;
        });
    }

    @Test
    void startingAtTheFirstMinuteFedEqualsStartingAtMidnightOnlyWhenTheMinutesBetweenAreEmpty() {
        JourneyMinutes data = randomData(2);
        SloConfig config = configOf("explicit", data, 2);
        // drop minute 0: live from the first minute fed (00:01 or later) still equals the backtest from 00:00
        data.total()[0] = 0;
        data.good()[0] = 0;
        data.withLatency()[0] = 0;
        for (long[] g : data.goodLatency()) {
            g[0] = 0;
        }
        List<AlertFiring> batch = sorted(Backtester.run(data, CANDIDATES, config).alerts());
        assertThat(batch).isNotEmpty();
        assertThat(sorted(firings(feed(new LiveAlerts(J, CANDIDATES, config, START), data)))).isEqualTo(batch);
        assertThat(sorted(firings(feed(new LiveAlerts(J, CANDIDATES, config), data)))).isEqualTo(batch);
    }

    /**
     * Target 0.5 (budget 0.5), one tier 4 min / 2 min at rate 1.5. Fed: 00:00 100 good, 00:03 10 all bad,
     * 00:07 10 good.
     * <ul>
     *   <li>00:03: long 00:00–00:03 = 10 / 110 → 0.18 ≤ 1.5 (short 00:02–00:03 = 10 / 10 → 2 would exceed).
     *   <li>00:04 (no traffic): long 00:01–00:04 = 10 / 10 → 2; short 00:03–00:04 → 2: FIRED, 2 / 2.
     *   <li>00:05 (no traffic): long 00:02–00:05 → 2; short 00:04–00:05 empty → 0: RESOLVED.
     *   <li>00:06: long → 2, short 0; 00:07: long 00:04–00:07 = 0 / 10 → 0.
     * </ul>
     */
    @Test
    void handComputedFiringAndResolutionAtMinutesWithoutTraffic() {
        AlertTier tier = new AlertTier("fast", "page", Duration.ofMinutes(4), Duration.ofMinutes(2), 1.5, 0);
        Candidate c = availability(J, 0.5, SloWindow.rolling(1), Budgeting.OCCURRENCES);
        SloConfig config = config(List.of(tier), List.of());
        LiveAlerts live = new LiveAlerts(J, List.of(c), config);
        long t0 = millis("2026-03-01T00:00");

        assertThat(live.onMinute(t0, 100, 100, 100, Map.of())).isEmpty();
        assertThat(live.onMinute(t0 + 3 * MINUTE, 10, 0, 10, Map.of())).isEmpty();
        List<AlertEvent> events = live.onMinute(t0 + 7 * MINUTE, 10, 10, 10, Map.of());
        String id = c.sloId();
        assertThat(events).containsExactly(
                new AlertEvent(Kind.FIRED, J, id, "fast", "page", t0 + 4 * MINUTE, t0 + 4 * MINUTE, 2.0, 2.0, 1.5),
                new AlertEvent(Kind.RESOLVED, J, id, "fast", "page", t0 + 5 * MINUTE, t0 + 4 * MINUTE, 2.0, 2.0, 1.5));
        assertThat(live.lastMinute()).isEqualTo(t0 + 7 * MINUTE);

        Minutes m = Minutes.constant(J, "2026-03-01", 1, 0);
        m.set(0, 100, 100).set(3, 10, 0).set(7, 10, 10);
        assertThat(Backtester.run(m.build(), List.of(c), config).alerts()).containsExactly(
                new AlertFiring(J, id, "fast", "page", t0 + 4 * MINUTE, t0 + 5 * MINUTE, 2.0, 2.0, 1.5));
    }

    @Test
    void outOfOrderDuplicateAndMisalignedMinutesAreRejectedWithoutChangingTheState() {
        LiveAlerts live = new LiveAlerts(J, CANDIDATES, config(AlertTier.sreWorkbook(), List.of()));
        long t = millis("2026-03-01T10:00");
        Map<Integer, Long> gl = Map.of(100, 10L, 500, 10L);
        live.onMinute(t, 10, 10, 10, gl);
        assertThatThrownBy(() -> live.onMinute(t, 10, 10, 10, gl)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not after the last minute");
        assertThatThrownBy(() -> live.onMinute(t - MINUTE, 10, 10, 10, gl)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> live.onMinute(t + 1000, 10, 10, 10, gl)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a minute start");
        // a latency threshold of a candidate missing from a minute with latency data
        assertThatThrownBy(() -> live.onMinute(t + MINUTE, 10, 10, 10, Map.of(100, 10L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("500 ms");
        assertThat(live.lastMinute()).isEqualTo(t);
        assertThat(live.onMinute(t + MINUTE, 10, 10, 10, gl)).isEmpty();
        assertThat(live.advanceThrough(t)).isEmpty(); // already evaluated: a no-op
        assertThat(live.lastMinute()).isEqualTo(t + MINUTE);

        LiveAlerts fromMidnight = new LiveAlerts(J, CANDIDATES, config(AlertTier.sreWorkbook(), List.of()), START);
        assertThatThrownBy(() -> fromMidnight.onMinute(START - MINUTE, 1, 1, 1, gl))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before the start");
        assertThat(fromMidnight.lastMinute()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void candidatesAreValidatedLikeTheBacktest() {
        SloConfig config = config(AlertTier.sreWorkbook(), List.of());
        assertThatThrownBy(() -> new LiveAlerts("other", CANDIDATES, config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not of journey other");
        assertThatThrownBy(() -> new LiveAlerts(J, List.of(availability(J, 1.0, SloWindow.rolling(28),
                Budgeting.OCCURRENCES)), config)).isInstanceOf(IllegalArgumentException.class);
        AlertTier huge = new AlertTier("huge", "ticket", Duration.ofDays(365), Duration.ofDays(30), 1, 0);
        assertThatThrownBy(() -> new LiveAlerts(J, CANDIDATES, config(List.of(huge), List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not supported live");
    }

    @Test
    void stateSizeDoesNotGrowWithTheMinutesFed() throws Exception {
        SloConfig config = config(AlertTier.sreWorkbook(), List.of());
        LiveAlerts live = new LiveAlerts(J, CANDIDATES, config, START);
        // 3 series × (valid, bad) longs: availability and latency 100 ms hold 4320 minutes (the ticket's 3d on
        // 28/30-day windows); latency 500 ms, only on 7 days, holds its scaled ticket window 4320 × 7/30 = 1008
        assertThat(live.ringMinutes()).isEqualTo(4320);
        long size = live.stateSizeBytes();
        assertThat(size).isBetween((2 * 4320 + 1008) * 16L, (2 * 4320 + 1008) * 16L + 4096);

        JourneyMinutes data = randomData(1);
        List<Integer> serialized = new ArrayList<>();
        for (int m = 0; m < data.minutes(); m++) {
            if (data.total()[m] > 0) {
                live.onMinute(data.minuteMillis(m), data.total()[m], data.good()[m], data.withLatency()[m],
                        goodLatency(data, m));
            }
            if (m == 1439 || m == 4 * 1440 - 1 || m == data.minutes() - 1) {
                assertThat(live.stateSizeBytes()).isEqualTo(size);
                serialized.add(serialize(live).length);
            }
        }
        assertThat(serialized).hasSize(3).containsOnly(serialized.get(0));
        assertThat(serialized.get(0)).isLessThan((2 * 4320 + 1008) * 16 + 16_384);
    }

    @Test
    void aStateRestoredFromItsSerializedFormContinuesIdentically() throws Exception {
        JourneyMinutes data = randomData(4);
        SloConfig config = configOf("sre-workbook", data, 4);
        List<AlertEvent> expected = feed(new LiveAlerts(J, CANDIDATES, config, START), data);

        LiveAlerts live = new LiveAlerts(J, CANDIDATES, config, START);
        List<AlertEvent> events = new ArrayList<>();
        int half = data.minutes() / 2;
        for (int m = 0; m < data.minutes(); m++) {
            if (m == half) {
                live = deserialize(serialize(live));
            }
            if (data.total()[m] > 0 || data.withLatency()[m] > 0) {
                events.addAll(live.onMinute(data.minuteMillis(m), data.total()[m], data.good()[m],
                        data.withLatency()[m], goodLatency(data, m)));
            }
        }
        events.addAll(live.advanceThrough(data.minuteMillis(data.minutes() - 1)));
        assertThat(events).isEqualTo(expected).isNotEmpty();
    }

    @Test
    void withoutTiersNothingFiresAndTheStateIsTiny() {
        LiveAlerts live = new LiveAlerts(J, CANDIDATES, config(List.of(), List.of()));
        LongStream.range(0, 100).forEach(i -> assertThat(
                live.onMinute(START + i * MINUTE, 10, 0, 10, Map.of(100, 0L, 500, 0L))).isEmpty());
        assertThat(live.stateSizeBytes()).isLessThan(100);
    }

    static byte[] serialize(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    static LiveAlerts deserialize(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (LiveAlerts) in.readObject();
        }
    }
}
