package dev.sliflow.backtest;

import dev.sliflow.slo.AlertTier;
import dev.sliflow.slo.Budgeting;
import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.Maintenance;
import dev.sliflow.slo.Policy;
import dev.sliflow.slo.Recommend;
import dev.sliflow.slo.SliKind;
import dev.sliflow.slo.Sla;
import dev.sliflow.slo.SloConfig;
import dev.sliflow.slo.SloWindow;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/** Test fixture: mutable minute arrays for hand-made scenarios, and small config helpers. */
final class Minutes {
    final String journey;
    final LocalDate first;
    final long[] total;
    final long[] good;
    final long[] withLatency;
    final int[] thresholds;
    final long[][] goodLatency;

    private Minutes(String journey, LocalDate first, int days, int... thresholds) {
        this.journey = journey;
        this.first = first;
        int n = days * 1440;
        total = new long[n];
        good = new long[n];
        withLatency = new long[n];
        this.thresholds = thresholds;
        goodLatency = new long[thresholds.length][n];
    }

    /** {@code perMinute} requests every minute, all good and within every threshold. */
    static Minutes constant(String journey, String firstDay, int days, long perMinute, int... thresholds) {
        Minutes d = new Minutes(journey, LocalDate.parse(firstDay), days, thresholds);
        for (int m = 0; m < d.total.length; m++) {
            d.set(m, perMinute, perMinute);
        }
        return d;
    }

    /** Minute m: {@code total} requests, {@code good} of them good, all good ones within every threshold. */
    Minutes set(int m, long total, long good) {
        this.total[m] = total;
        this.good[m] = good;
        this.withLatency[m] = total;
        for (long[] g : goodLatency) {
            g[m] = good;
        }
        return this;
    }

    /** {@code minutes} fully failed minutes from {@code start} (e.g. "2026-03-02T12:00"). */
    Minutes outage(String start, int minutes) {
        int m0 = index(start);
        for (int m = m0; m < m0 + minutes; m++) {
            set(m, total[m], 0);
        }
        return this;
    }

    /** The minute index of a UTC local date-time. */
    int index(String localDateTime) {
        long ms = millis(localDateTime) - first.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        return (int) (ms / 60_000);
    }

    JourneyMinutes build() {
        long[][] gl = Arrays.stream(goodLatency).map(long[]::clone).toArray(long[][]::new);
        return new JourneyMinutes(journey, first.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(),
                total.length, total.clone(), good.clone(), withLatency.clone(), thresholds.clone(), gl);
    }

    /** Epoch ms of a UTC local date-time, e.g. "2026-03-02T12:00". */
    static long millis(String localDateTime) {
        return LocalDateTime.parse(localDateTime).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    static Candidate availability(String journey, double target, SloWindow window, Budgeting budgeting) {
        return new Candidate(journey, SliKind.AVAILABILITY, 0, target, window, budgeting, target);
    }

    static Candidate latency(String journey, int thresholdMs, double target, SloWindow window) {
        return new Candidate(journey, SliKind.LATENCY, thresholdMs, target, window, Budgeting.OCCURRENCES, target);
    }

    static SloConfig config(List<AlertTier> tiers, List<Maintenance> maintenance) {
        return new SloConfig(List.of(), tiers, Policy.defaults(), maintenance, Recommend.defaults(), List.of(), "test");
    }

    static SloConfig config(List<AlertTier> tiers, Recommend recommend, List<Sla> slas) {
        return new SloConfig(List.of(), tiers, Policy.defaults(), List.of(), recommend, slas, "test");
    }

    /** Tiers with fixed rates (budgetConsumed 0): page 14.4x 1h/5m, page 6x 6h/30m, ticket 1x 3d/6h. */
    static List<AlertTier> fixedTiers() {
        return List.of(
                new AlertTier("page-1h", "page", Duration.ofHours(1), Duration.ofMinutes(5), 14.4, 0),
                new AlertTier("page-6h", "page", Duration.ofHours(6), Duration.ofMinutes(30), 6.0, 0),
                new AlertTier("ticket-3d", "ticket", Duration.ofDays(3), Duration.ofHours(6), 1.0, 0));
    }
}
