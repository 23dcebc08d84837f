package dev.sliflow.backtest;

import static dev.sliflow.backtest.Minutes.availability;
import static dev.sliflow.backtest.Minutes.config;
import static dev.sliflow.backtest.Minutes.fixedTiers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sliflow.slo.Budgeting;
import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.Recommend;
import dev.sliflow.slo.SliKind;
import dev.sliflow.slo.Sla;
import dev.sliflow.slo.SloWindow;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scenario 6: Q1 2026 (90 days), 2000 requests a minute, 1 of them failing every minute (ratio 0.0005).
 * Incidents (every request fails): M = 10 minutes at 12:00 on 01-10 and 03-10; S = 3 minutes at 12:00
 * on 02-10 and 02-20. Fixed-rate tiers (page 14.4x 1h/5m, page 6x 6h/30m, ticket 1x 3d/6h).
 *
 * <p>Daily error ratios (1 day = 2 880 000 requests): normal 1440 / 2 880 000 = 0.0005; S day
 * (1437 + 3 × 2000) / 2 880 000 = 0.00258; M day (1430 + 10 × 2000) / 2 880 000 = 0.00744.
 * Freeze (ratio ≥ 1 − target on a 1-day window): 99.9% → S and M days = 4 in Q1; 99.5% → M days = 2;
 * 99% → none.
 *
 * <p>Pages: 1h ratio after k incident minutes = (60 − k + 2000k) / 120 000; 6h = (360 − k + 2000k) / 720 000.
 * 99.9% (page-1h needs 0.0144, page-6h 0.006): both fire on every incident → 2 a day → Jan 2, Feb 4, Mar 2.
 * 99.5% (0.072 / 0.03): M page-1h at k = 5 (10 055 / 120 000 = 0.084); 6h max 20 350 / 720 000 = 0.028 &lt;
 * 0.03 → no; S 1h max 6057 / 120 000 = 0.050 &lt; 0.072 → no → Jan 1, Mar 1. 99% (0.144 / 0.06): M page-1h
 * at k = 9 (18 051 / 120 000 = 0.150); nothing else → Jan 1, Mar 1.
 */
class RecommendationTest {
    static final SloWindow D1 = SloWindow.rolling(1);

    static JourneyMinutes quarter() {
        Minutes d = Minutes.constant("checkout", "2026-01-01", 90, 2000);
        for (int m = 0; m < d.total.length; m++) {
            d.set(m, 2000, 1999);
        }
        return d.outage("2026-01-10T12:00", 10).outage("2026-03-10T12:00", 10)
                .outage("2026-02-10T12:00", 3).outage("2026-02-20T12:00", 3).build();
    }

    static Candidate c(double target) {
        return availability("checkout", target, D1, Budgeting.OCCURRENCES);
    }

    @Test
    void picksTheTightestTargetWithinTheLimits() {
        List<Candidate> candidates = List.of(c(0.99), c(0.995), c(0.999),
                // not the primary window / budgeting (the group's first candidate is 1d occurrences): ignored
                availability("checkout", 0.9, SloWindow.rolling(7), Budgeting.OCCURRENCES),
                availability("checkout", 0.9, D1, Budgeting.TIMESLICES));
        BacktestResult r = Backtester.run(quarter(), candidates,
                config(fixedTiers(), new Recommend(2, 1), List.of()));

        assertThat(r.recommendations()).hasSize(1);
        Recommendation rec = r.recommendations().get(0);
        assertThat(rec.journey()).isEqualTo("checkout");
        assertThat(rec.sli()).isEqualTo(SliKind.AVAILABILITY);
        assertThat(rec.thresholdMs()).isZero();
        assertThat(rec.target()).isEqualTo(0.995);
        assertThat(rec.sloId()).isEqualTo("checkout-availability-99.5-1d-occurrences");
        assertThat(rec.qualifies()).isTrue();
        assertThat(rec.reason()).isEmpty();
        // baseline: bad = 129 600 minutes × 1 + 2 × 10 × 1999 + 2 × 3 × 1999 = 129 600 + 39 980 + 11 994 = 181 574
        // of 129 600 × 2000 = 259 200 000 → 259 018 426 / 259 200 000 = 0.9992995
        assertThat(rec.baseline()).isCloseTo(259_018_426.0 / 259_200_000, within(1e-12));
        // worst day of 99.5%: an M day, 1 − 21 430 / 2 880 000
        assertThat(rec.worstAttainment()).isCloseTo(1 - 21_430 / 2_880_000.0, within(1e-12));
        assertThat(rec.maxFreezeDaysPerQuarter()).isEqualTo(2);
        assertThat(rec.maxPagesPerMonth()).isEqualTo(1);
        assertThat(rec.totalPages()).isEqualTo(2);
        assertThat(rec.totalFreezeDays()).isEqualTo(2);
        // no incident declared: what the (only) policy would have paged and when — the M outages' page-1h at
        // k = 5, 12:04
        assertThat(rec.policy()).isEqualTo("sre-workbook");
        assertThat(rec.evidence()).isEqualTo("99.5% with alert policy sre-workbook: at most 1 page a month and 2 freeze"
                + " days a quarter; it would have paged 2 times (2026-01-10 12:04, 2026-03-10 12:04); "
                + "99.9% would cost 4 freeze days a quarter and 4 pages a month (history achieved 99.93%)");

        assertThat(rec.options()).extracting(o -> o.candidate().target()).containsExactly(0.99, 0.995, 0.999);
        RecommendationOption loose = rec.options().get(0);
        assertThat(loose.maxFreezeDaysPerQuarter()).isZero();
        assertThat(loose.maxPagesPerMonth()).isEqualTo(1);
        assertThat(loose.qualifies()).isTrue();
        RecommendationOption tight = rec.options().get(2);
        assertThat(tight.maxFreezeDaysPerQuarter()).isEqualTo(4);
        assertThat(tight.totalFreezeDays()).isEqualTo(4);
        assertThat(tight.maxPagesPerMonth()).isEqualTo(4);
        assertThat(tight.totalPages()).isEqualTo(8);
        assertThat(tight.pagesPerMonth()).isCloseTo(8 / 3.0, within(1e-12));
        assertThat(tight.withinBaseline()).isTrue();
        assertThat(tight.qualifies()).isFalse();
        assertThat(tight.reason()).isEqualTo("4 freeze days in a quarter > 2 allowed; 4 pages in a month > 1 allowed");
    }

    /**
     * SLA 99.93% with credits below 99.93% → 10%, below 99.928% → 25%.
     * Jan (31 days): bad = 44 640 − 10 + 10 × 2000 = 64 630 of 89 280 000 → 0.99927610 → breached, 25%.
     * Feb (28 days): bad = 40 320 − 6 + 6 × 2000 = 52 314 of 80 640 000 → 0.99935127 → met, no credit.
     * Mar: as January.
     */
    @Test
    void slaMonthsAndCredits() {
        Sla sla = new Sla("checkout", 0.9993, List.of(new Sla.CreditTier(0.9993, 0.10), new Sla.CreditTier(0.99928, 0.25)));
        Sla other = new Sla("login", 0.9, List.of());
        BacktestResult r = Backtester.run(quarter(), List.of(c(0.99)),
                config(fixedTiers(), Recommend.defaults(), List.of(sla, other)));
        List<SlaMonth> months = r.slaMonths();
        assertThat(months).extracting(SlaMonth::month).containsExactly("2026-01", "2026-02", "2026-03");
        assertThat(months.get(0).attainment()).isCloseTo(1 - 64_630 / 89_280_000.0, within(1e-12));
        assertThat(months.get(0).breached()).isTrue();
        assertThat(months.get(0).credit()).isEqualTo(0.25);
        assertThat(months.get(1).attainment()).isCloseTo(1 - 52_314 / 80_640_000.0, within(1e-12));
        assertThat(months.get(1).breached()).isFalse();
        assertThat(months.get(1).credit()).isZero();
        assertThat(months.get(2).attainment()).isCloseTo(months.get(0).attainment(), within(1e-15));
        assertThat(months.get(2).credit()).isEqualTo(0.25);
    }

    /**
     * 2026-01-01..10, 100 requests a minute, all good except 2026-01-05 when half fail all day: baseline
     * 1 − 72 000 / 1 440 000 = 95%. 90% and 99% each freeze 1 day (ratio 0.5 on a 1-day window); 90% pages
     * never (burn 5 &lt; 6), 99% twice (burn 50: page-1h and page-6h, each held all day). Limits: 1 freeze day
     * a quarter, 5 pages a month. 99% is within the limits but above the baseline → 90% is recommended.
     */
    @Test
    void respectsTheHistoricalBaseline() {
        Minutes d = Minutes.constant("login", "2026-01-01", 10, 100);
        int from = d.index("2026-01-05T00:00");
        for (int m = from; m < from + 1440; m++) {
            d.set(m, 100, 50);
        }
        JourneyMinutes data = d.build();
        Candidate p90 = availability("login", 0.9, D1, Budgeting.OCCURRENCES);
        Candidate p99 = availability("login", 0.99, D1, Budgeting.OCCURRENCES);
        Candidate p999 = availability("login", 0.999, D1, Budgeting.OCCURRENCES);

        Recommendation rec = Backtester.run(data, List.of(p99, p90),
                config(fixedTiers(), new Recommend(1, 5), List.of())).recommendations().get(0);
        assertThat(rec.baseline()).isCloseTo(0.95, within(1e-12));
        assertThat(rec.target()).isEqualTo(0.9);
        assertThat(rec.qualifies()).isTrue();
        assertThat(rec.options().get(1).maxFreezeDaysPerQuarter()).isEqualTo(1);
        assertThat(rec.options().get(1).maxPagesPerMonth()).isEqualTo(2);
        assertThat(rec.options().get(1).withinBaseline()).isFalse();
        assertThat(rec.evidence()).isEqualTo("90% with alert policy sre-workbook: at most 0 pages a month and 1 freeze"
                + " day a quarter; it would not have paged; "
                + "99% would cost 1 freeze day a quarter and 2 pages a month (history achieved 95.00%)");

        // none qualifies → the loosest, flagged, with its reason
        Recommendation none = Backtester.run(data, List.of(p999, p99),
                config(fixedTiers(), new Recommend(1, 5), List.of())).recommendations().get(0);
        assertThat(none.target()).isEqualTo(0.99);
        assertThat(none.qualifies()).isFalse();
        assertThat(none.reason()).isEqualTo("above the historical baseline 95.00%");
        assertThat(none.evidence()).isEqualTo("no target qualifies; the loosest, 99% with alert policy sre-workbook,"
                + " would cost 1 freeze day a quarter and 2 pages a month: above the historical baseline 95.00%"
                + " (history achieved 95.00%)");
    }

    /**
     * Issue 27 item 8: 3 days of history and a 28-day window → no day evaluated, hence no freeze day and
     * no page: that is no evidence, not a qualifying target.
     */
    @Test
    void aWindowLongerThanTheHistoryIsNoEvidence() {
        JourneyMinutes data = Minutes.constant("checkout", "2026-01-01", 3, 100).build();
        Recommendation rec = Backtester.run(data, List.of(availability("checkout", 0.99, SloWindow.rolling(28),
                Budgeting.OCCURRENCES)), config(fixedTiers(), Recommend.defaults(), List.of())).recommendations().get(0);
        assertThat(rec.qualifies()).isFalse();
        assertThat(rec.reason()).isEqualTo("history of 3 days is shorter than the 28d window");
        assertThat(rec.evidence()).isEqualTo("no evidence: history of 3 days is shorter than the 28d window"
                + " (history achieved 100.00%)");
        assertThat(rec.options().get(0).qualifies()).isFalse();

        // a calendar month that never starts inside the history: likewise
        JourneyMinutes mid = Minutes.constant("checkout", "2026-01-05", 10, 100).build();
        Recommendation month = Backtester.run(mid, List.of(availability("checkout", 0.99, SloWindow.calendar(SloWindow.Kind.CALENDAR_MONTH),
                Budgeting.OCCURRENCES)), config(fixedTiers(), Recommend.defaults(), List.of())).recommendations().get(0);
        assertThat(month.qualifies()).isFalse();
        assertThat(month.reason()).isEqualTo("no whole calendar-month window in the history of 10 days");
    }

    /** Issue 27 item 8: a journey without a valid request has no baseline (not 100%) and no recommendation. */
    @Test
    void noValidRequestIsNoEvidence() {
        JourneyMinutes data = Minutes.constant("checkout", "2026-01-01", 3, 0).build();
        Recommendation rec = Backtester.run(data, List.of(c(0.99)), config(fixedTiers(), Recommend.defaults(), List.of()))
                .recommendations().get(0);
        assertThat(rec.baseline()).isNaN();
        assertThat(rec.qualifies()).isFalse();
        assertThat(rec.reason()).isEqualTo("no valid requests in the history of 3 days");
        assertThat(rec.evidence()).isEqualTo("no evidence: no valid requests in the history of 3 days");
    }
}
