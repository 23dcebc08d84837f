package dev.sliflow.backtest;

import static dev.sliflow.backtest.Minutes.availability;
import static dev.sliflow.backtest.Minutes.fixedTiers;
import static dev.sliflow.backtest.Minutes.millis;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.slo.AlertPolicy;
import dev.sliflow.slo.AlertTier;
import dev.sliflow.slo.Budgeting;
import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.Incident;
import dev.sliflow.slo.Policy;
import dev.sliflow.slo.Recommend;
import dev.sliflow.slo.SliKind;
import dev.sliflow.slo.SloConfig;
import dev.sliflow.slo.SloWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Alert policies (issue 29): the tiers on every SLO window, the minimum events of a page tier, the window
 * scale, pager-like page counting, scoring against known incidents and the recommended (target, policy)
 * pair. Every expected number is derived by hand in the comments.
 */
class AlertPolicyTest {
    static final Duration HOUR = Duration.ofHours(1);
    static final AlertPolicy PAGER = new AlertPolicy("pager", 0, 0, HOUR, 1);
    static final AlertPolicy LOW_TRAFFIC = new AlertPolicy("low-traffic", 10, 0, HOUR, 1);

    static String windows(AlertTier t) {
        return t.longWindow().toMinutes() + "m/" + t.shortWindow().toMinutes() + "m@" + t.burnRate();
    }

    /**
     * Workbook tiers (2%, 5%, 10% of the budget in 1h/5m, 6h/30m, 3d/6h). 30 days: the Workbook, 0.02 × 43 200 /
     * 60 = 14.4, 0.05 × 43 200 / 360 = 6, 0.1 × 43 200 / 4320 = 1. 28 days (a month too): the same windows at
     * the same shares, 0.02 × 40 320 / 60 = 13.44, 0.05 × 40 320 / 360 = 5.6, 0.1 × 40 320 / 4320 = 0.9333….
     * Other windows: the 30-day factors, windows × P / 30 rounded half up, at least 1 minute —
     * 1 day: 60/30 = 2, 5/30 = 0.17 → 1; 360/30 = 12, 30/30 = 1; 4320/30 = 144, 360/30 = 12.
     * 7 days: 60 × 7/30 = 14, 5 × 7/30 = 1.17 → 1; 360 × 7/30 = 84, 30 × 7/30 = 7; 4320 × 7/30 = 1008, 84.
     * 91 days (calendar quarter): 182, 15.17 → 15; 1092, 91; 13 104, 1092.
     */
    @Test
    void workbookTiersOnEveryWindow() {
        List<AlertTier> wb = AlertTier.sreWorkbook();
        assertThat(wb).extracting(t -> windows(t.forPeriod(30))).containsExactly("60m/5m@14.4", "360m/30m@6.0",
                "4320m/360m@1.0");
        assertThat(wb).extracting(t -> windows(t.forPeriod(28))).containsExactly("60m/5m@13.44", "360m/30m@5.6",
                "4320m/360m@0.9333333333333333");
        assertThat(wb).extracting(t -> windows(t.forPeriod(1))).containsExactly("2m/1m@14.4", "12m/1m@6.0",
                "144m/12m@1.0");
        assertThat(wb).extracting(t -> windows(t.forPeriod(7))).containsExactly("14m/1m@14.4", "84m/7m@6.0",
                "1008m/84m@1.0");
        assertThat(wb).extracting(t -> windows(t.forPeriod(SloWindow.calendar(SloWindow.Kind.CALENDAR_QUARTER).days())))
                .containsExactly("182m/15m@14.4", "1092m/91m@6.0", "13104m/1092m@1.0");
        // no page tier below burn rate 1 on any window
        for (int days : new int[] {1, 2, 7, 14, 28, 30, 31, 91, 365}) {
            assertThat(wb).filteredOn(AlertTier::isPage).allSatisfy(t -> assertThat(t.rateFor(days)).isGreaterThan(1));
        }
        // a tier given with a fixed rate (user-given windows) is the same on every window
        AlertTier fixed = fixedTiers().get(0);
        assertThat(fixed.forPeriod(1)).isEqualTo(fixed);
        assertThat(fixed.forPeriod(91)).isEqualTo(fixed);
    }

    /** window_scale 4: 1h/5m → 4h/20m at the same rate; on 1 day 2m/1m → 8m/4m; a ticket likewise. */
    @Test
    void windowScaleLengthensEveryWindow() {
        AlertPolicy longer = new AlertPolicy("long", 0, 0, null, 4);
        List<AlertTier> wb = AlertTier.sreWorkbook();
        assertThat(wb).extracting(t -> windows(longer.apply(t, 30))).containsExactly("240m/20m@14.4",
                "1440m/120m@6.0", "17280m/1440m@1.0");
        assertThat(windows(longer.apply(wb.get(0), 1))).isEqualTo("8m/4m@14.4");
        assertThat(AlertPolicy.sreWorkbook().apply(wb.get(0), 30)).isEqualTo(wb.get(0).forPeriod(30));
    }

    /**
     * min_bad_events / min_valid_events gate the condition on the long window's counts. 99.9% at 14.4: the
     * ratio must exceed 0.0144. 1 bad of 5 in both windows is a burn of 200: the Workbook fires, a minimum of
     * 3 bad events does not; 3 bad of 15 (long) and 1 of 5 (short) does (burn 200 both). A minimum of 20
     * valid events: 15 is not enough, 20 (3 bad: 0.15) is.
     */
    @Test
    void minimumEventsGateAPage() {
        assertThat(new AlertRule(0.999, 14.4).step(1, 5, 1, 5)).isEqualTo(AlertRule.Transition.FIRED);
        AlertRule minBad = new AlertRule(0.999, 14.4, 3, 0);
        assertThat(minBad.step(1, 5, 1, 5)).isEqualTo(AlertRule.Transition.NONE);
        assertThat(minBad.step(2, 10, 1, 5)).isEqualTo(AlertRule.Transition.NONE);
        assertThat(minBad.step(3, 15, 1, 5)).isEqualTo(AlertRule.Transition.FIRED);
        assertThat(minBad.firedLongBurn()).isEqualTo(0.2 / 0.001);
        // the count falling under the minimum resolves, even at the same ratio
        assertThat(minBad.step(2, 10, 1, 5)).isEqualTo(AlertRule.Transition.RESOLVED);
        AlertRule minValid = new AlertRule(0.999, 14.4, 0, 20);
        assertThat(minValid.step(3, 15, 1, 5)).isEqualTo(AlertRule.Transition.NONE);
        assertThat(minValid.step(3, 20, 1, 5)).isEqualTo(AlertRule.Transition.FIRED);
        // tickets are not gated
        assertThat(LOW_TRAFFIC.minBadFor(AlertTier.sreWorkbook().get(0))).isEqualTo(10);
        assertThat(LOW_TRAFFIC.minBadFor(AlertTier.sreWorkbook().get(2))).isZero();
    }

    /** The skipping evaluation (nextChange, used by the backtest) decides as stepping every minute does. */
    @Test
    void theSkippingEvaluationAppliesTheMinimumsToo() {
        Minutes d = Minutes.constant("tiny", "2026-03-01", 1, 1);
        for (int m = 100; m < 1440; m += 97) {
            d.set(m, 1, 0);
        }
        d.outage("2026-03-01T14:00", 15);
        SliSeries s = SliSeries.of(d.build(), SliKind.AVAILABILITY, 0, new boolean[1440]);
        for (long min : new long[] {0, 3, 10, 12}) {
            AlertRule stepped = new AlertRule(0.999, 14.4, min, 0);
            AlertRule skipped = new AlertRule(0.999, 14.4, min, 0);
            StringBuilder a = new StringBuilder();
            StringBuilder b = new StringBuilder();
            for (int m = 0; m < 1440; m++) {
                int end = m + 1;
                AlertRule.Transition t = stepped.step(s.bad(end - 60, end), s.valid(end - 60, end),
                        s.bad(end - 5, end), s.valid(end - 5, end));
                if (t != AlertRule.Transition.NONE) {
                    a.append(m).append(t).append(' ');
                }
            }
            for (int m = skipped.nextChange(s, 60, 5, 0, 1440); m < 1440; m = skipped.nextChange(s, 60, 5, m + 1, 1440)) {
                int end = m + 1;
                b.append(m).append(skipped.step(s.bad(end - 60, end), s.valid(end - 60, end), s.bad(end - 5, end),
                        s.valid(end - 5, end))).append(' ');
            }
            assertThat(b.toString()).isEqualTo(a.toString()).isNotEmpty();
        }
    }

    static BurnRateAlerts.Firing f(int fired, int resolved) {
        return new BurnRateAlerts.Firing(fired, resolved, 0, 0);
    }

    /**
     * Firings A 10–20, B 15–40, C 70–80, D 100–(open), E 130–140 (minutes). No gap: 5 pages. Gap 0m (only
     * while open): B fires while A's page is open (15 &lt; 20) → page 10–40; C at 70 ≥ 40 → a new page; D at
     * 100 ≥ 80 → new, never resolves, so E joins it → 3 pages. Gap 30m: C at 70 is not &lt; 40 + 30 → new page
     * 70–80; D at 100 &lt; 80 + 30 joins it → 2 pages. Gap 31m: C at 70 &lt; 71 joins the first → 1 page.
     */
    @Test
    void pagesAreCountedAsAPagerDoes() {
        List<BurnRateAlerts.Firing> firings = List.of(f(100, -1), f(10, 20), f(70, 80), f(15, 40), f(130, 140));
        assertThat(Pages.of(firings, null)).extracting(Pages.Page::firedMinute).containsExactly(10, 15, 70, 100, 130);
        assertThat(Pages.of(firings, Duration.ZERO)).containsExactly(new Pages.Page(10, 40, 2),
                new Pages.Page(70, 80, 1), new Pages.Page(100, -1, 2));
        assertThat(Pages.of(firings, Duration.ofMinutes(30))).containsExactly(new Pages.Page(10, 40, 2),
                new Pages.Page(70, -1, 3));
        assertThat(Pages.of(firings, Duration.ofMinutes(31))).containsExactly(new Pages.Page(10, -1, 5));
        assertThat(Pages.of(List.of(), HOUR)).isEmpty();
    }

    /**
     * A journey of 1 request a minute, 2026-03-01..30, all good but one failed request on 03-05 at 10:00 and
     * an outage (every request fails) 03-05 14:00–14:14 (15 bad), the incident declared 14:00–14:15. Fixed
     * tiers page 14.4x 1h/5m, page 6x 6h/30m (ticket 1x 3d/6h), policies sre-workbook, pager (gap 1h),
     * low-traffic (≥ 10 bad events in a page tier's long window, gap 1h).
     */
    static JourneyMinutes tiny() {
        return Minutes.constant("tiny", "2026-03-01", 30, 1).outage("2026-03-05T10:00", 1)
                .outage("2026-03-05T14:00", 15).build();
    }

    static final Incident OUTAGE = new Incident("tiny", Instant.parse("2026-03-05T14:00:00Z"),
            Instant.parse("2026-03-05T14:15:00Z"), SliKind.AVAILABILITY);

    static SloConfig config(Recommend limits, List<AlertPolicy> policies, List<Incident> incidents) {
        return new SloConfig(List.of(), fixedTiers(), Policy.defaults(), List.of(), limits, List.of(), policies,
                incidents, "test");
    }

    /**
     * 99.9% (page-1h needs a ratio above 0.0144, page-6h above 0.006).
     * The lone error: 1h window 1/60 = 0.0167 and 5m 1/5 → page-1h fires at 10:00, resolves at 10:05 (5m
     * window clean); 6h 1/360 = 0.0028 → no page-6h. The outage, k-th minute 14:00 + k − 1: page-1h at k = 1
     * (1h window 13:01..14:00 holds 1 bad: 1/60) → 14:00, resolves when the 5m window leaves 14:14 → 14:19;
     * page-6h: the 6h window also holds 10:00's error, (1 + k)/360 > 0.006 ⇔ k ≥ 2 → 14:01, resolves when the
     * 30m window leaves 14:14 → 14:44.
     * <ul>
     *   <li>sre-workbook: every firing a page: 10:00, 14:00, 14:01 = 3 pages; 10:00 overlaps no incident → 1
     *       false page; the incident detected at 14:00, delay 0.
     *   <li>pager: 10:00–10:05, then 14:00 (not &lt; 10:05 + 1h) opens 14:00–14:44 with 14:01 in it → 2 pages,
     *       1 false, delay 0.
     *   <li>low-traffic: the lone error's page-1h has 1 &lt; 10 bad → no page. page-6h needs 10 bad in 6h:
     *       1 + k ≥ 10 at k = 9 → 14:08; page-1h 10 bad in 1h at k = 10 → 14:09, while the 14:08 page is open →
     *       1 page, 0 false, delay 8 minutes.
     * </ul>
     */
    @Test
    void alertQualityAgainstAKnownIncident() {
        Candidate c = availability("tiny", 0.999, SloWindow.rolling(1), Budgeting.OCCURRENCES);
        BacktestResult r = Backtester.run(tiny(), List.of(c),
                config(Recommend.defaults(), List.of(AlertPolicy.sreWorkbook(), PAGER, LOW_TRAFFIC), List.of(OUTAGE)));
        assertThat(r.alertQuality()).extracting(AlertQuality::policy)
                .containsExactly("sre-workbook", "pager", "low-traffic");
        AlertQuality wb = r.alertQuality().get(0);
        assertThat(wb.sloId()).isEqualTo(c.sloId());
        assertThat(wb.incidents()).isEqualTo(1);
        assertThat(wb.detected()).isEqualTo(1);
        assertThat(wb.missed()).isZero();
        assertThat(wb.pages()).isEqualTo(3);
        assertThat(wb.falsePages()).isEqualTo(1);
        assertThat(wb.maxDetectionDelayMinutes()).isZero();
        assertThat(wb.maxPagesPerMonth()).isEqualTo(3);
        assertThat(wb.maxFalsePagesPerMonth()).isEqualTo(1);
        assertThat(wb.firstPagesMillis()).containsExactly(millis("2026-03-05T10:00"), millis("2026-03-05T14:00"),
                millis("2026-03-05T14:01"));
        // the alerts table (the reported policy, sre-workbook) holds those firings; slo_summary counts its pages
        assertThat(r.alerts()).filteredOn(AlertFiring::isPage).extracting(AlertFiring::firedAtMillis)
                .containsExactly(millis("2026-03-05T10:00"), millis("2026-03-05T14:00"), millis("2026-03-05T14:01"));
        assertThat(r.summaries().get(0).pages()).isEqualTo(3);

        AlertQuality pager = r.alertQuality().get(1);
        assertThat(pager.pages()).isEqualTo(2);
        assertThat(pager.falsePages()).isEqualTo(1);
        assertThat(pager.detected()).isEqualTo(1);
        assertThat(pager.firstPagesMillis()).containsExactly(millis("2026-03-05T10:00"), millis("2026-03-05T14:00"));

        AlertQuality low = r.alertQuality().get(2);
        assertThat(low.pages()).isEqualTo(1);
        assertThat(low.falsePages()).isZero();
        assertThat(low.detected()).isEqualTo(1);
        assertThat(low.maxDetectionDelayMinutes()).isEqualTo(8);
        assertThat(low.meanDetectionDelayMinutes()).isEqualTo(8.0);
        assertThat(low.firstPagesMillis()).containsExactly(millis("2026-03-05T14:08"));

        // without the incident declared every page is a false page, and nothing is detected (delay null)
        AlertQuality undeclared = Backtester.run(tiny(), List.of(c),
                config(Recommend.defaults(), List.of(PAGER), List.of())).alertQuality().get(0);
        assertThat(undeclared.incidents()).isZero();
        assertThat(undeclared.falsePages()).isEqualTo(2);
        assertThat(undeclared.maxDetectionDelayMinutes()).isNull();
        assertThat(undeclared.meanDetectionDelayMinutes()).isNull();

        // a latency incident does not count for availability; an incident outside the range is not counted
        Incident latency = new Incident("tiny", OUTAGE.start(), OUTAGE.end(), SliKind.LATENCY);
        Incident before = new Incident("tiny", Instant.parse("2026-02-01T00:00:00Z"),
                Instant.parse("2026-02-01T01:00:00Z"), SliKind.AVAILABILITY);
        assertThat(Backtester.run(tiny(), List.of(c), config(Recommend.defaults(), List.of(PAGER),
                List.of(latency, before))).alertQuality().get(0).incidents()).isZero();
    }

    /**
     * The recommendation searches targets × policies. Limits: 7 freeze days a quarter, 0 pages a month — with
     * the incident declared only false pages count. Baseline 1 − 16 / 43 200 = 99.963%.
     * <ul>
     *   <li>99.9%: sre-workbook and pager page falsely for the lone error (above); low-traffic pages only for
     *       the incident (delay 8) → qualifies; 1 freeze day (03-05: 16 bad of 1440 on a 1-day window, more
     *       than the 1.44 allowed).
     *   <li>99.99% is above the baseline; "blind" (≥ 100 bad events) never pages and misses the incident.
     * </ul>
     */
    @Test
    void recommendsTheTightestTargetWithAPolicyThatCatchesEveryIncident() {
        AlertPolicy blind = new AlertPolicy("blind", 100, 0, HOUR, 1);
        List<Candidate> candidates = List.of(availability("tiny", 0.99, SloWindow.rolling(1), Budgeting.OCCURRENCES),
                availability("tiny", 0.999, SloWindow.rolling(1), Budgeting.OCCURRENCES),
                availability("tiny", 0.9999, SloWindow.rolling(1), Budgeting.OCCURRENCES));
        Recommendation rec = Backtester.run(tiny(), candidates, config(new Recommend(7, 0),
                List.of(AlertPolicy.sreWorkbook(), PAGER, LOW_TRAFFIC, blind), List.of(OUTAGE)))
                .recommendations().get(0);
        assertThat(rec.target()).isEqualTo(0.999);
        assertThat(rec.policy()).isEqualTo("low-traffic");
        assertThat(rec.sloId()).isEqualTo("tiny-availability-99.9-1d-occurrences");
        assertThat(rec.qualifies()).isTrue();
        assertThat(rec.quality().detected()).isEqualTo(1);
        assertThat(rec.evidence()).isEqualTo("99.9% with alert policy low-traffic: paged for the known incident within"
                + " 8 min; 0 other pages a month; 1 freeze day a quarter; 99.99% would cost 1 freeze day a quarter and"
                + " 0 other pages a month (history achieved 99.96%)");
        // 3 targets × 4 policies
        assertThat(rec.options()).hasSize(12);
        RecommendationOption wb999 = rec.options().get(4);
        assertThat(wb999.policy()).isEqualTo("sre-workbook");
        assertThat(wb999.candidate().target()).isEqualTo(0.999);
        assertThat(wb999.reason()).isEqualTo("1 other pages in a month > 0 allowed");
        RecommendationOption blind999 = rec.options().get(7);
        assertThat(blind999.policy()).isEqualTo("blind");
        assertThat(blind999.reason()).isEqualTo("misses 1 of 1 known incident");
        assertThat(rec.options().get(10).reason()).isEqualTo("above the historical baseline 99.96%");
    }
}
