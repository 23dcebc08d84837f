package dev.sliflow.backtest;

import dev.sliflow.slo.AlertPolicy;
import dev.sliflow.slo.Budgeting;
import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.Recommend;
import dev.sliflow.slo.SliKind;
import dev.sliflow.slo.SlicePercentile;
import dev.sliflow.slo.SloWindow;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Recommends a target together with an alert policy per journey × SLI × threshold (× percentile and slice for
 * a percentile SLI, whose baseline is good slices / slices over the range).
 *
 * <p>A group's targets are its candidates with the group's <em>primary</em> window and budgeting: those
 * of the group's first candidate in the candidate list order (one per target, the first such candidate
 * winning); its options are every target × alert policy of the configuration. An option qualifies when
 * (a) its most freeze days in any calendar quarter the range touches ≤ {@code maxFreezeDaysPerQuarter},
 * (b) its most pages in any calendar month the range touches ≤ {@code maxPagesPerMonth} — counted as the
 * policy counts pages; when incidents of the journey and SLI are declared in the range, only the pages
 * overlapping none of them (false pages) count: a page for a real outage is what alerting is for —
 * (c) when such incidents are declared, the policy pages for every one of them ({@link AlertQuality}),
 * and (d) its target ≤ the baseline, the SLI over the whole range (events, maintenance excluded) — start
 * below what history already achieved. The recommendation is the tightest (highest) target with a
 * qualifying option, with its qualifying policy of the fewest false pages (then fewest pages, then the
 * first in the configuration); when none qualifies, the loosest target with {@code qualifies = false},
 * the policy missing the fewest incidents (then as above), and the reason.
 *
 * <p>No evidence is never a recommendation: an option with no evaluated day (its window never fits in
 * the history: "history of 3 days is shorter than the 28d window") does not qualify, and neither does
 * any option of an SLI without a valid request (no baseline: NaN, not 100%); the evidence then says
 * "no evidence: …".
 */
final class Recommender {
    private Recommender() {}

    /** A journey's SLI: its kind, threshold, and for a percentile SLI its percentile and slice (else null). */
    private record Group(SliKind sli, int thresholdMs, SlicePercentile percentile) {}

    /** @param baselineOf the baseline of a candidate's SLI ({@link Backtester#baseline}) */
    static List<Recommendation> recommend(JourneyMinutes data, List<CandidateOutcome> outcomes, Recommend limits,
            List<AlertPolicy> policies, ToDoubleFunction<Candidate> baselineOf) {
        Map<Group, List<CandidateOutcome>> groups = new LinkedHashMap<>();
        for (CandidateOutcome o : outcomes) {
            Candidate c = o.candidate();
            groups.computeIfAbsent(new Group(c.sli(), c.sli() == SliKind.AVAILABILITY ? 0 : c.thresholdMs(),
                    c.percentile()), g -> new ArrayList<>()).add(o);
        }
        int months = monthsTouched(data);
        List<Recommendation> out = new ArrayList<>();
        for (Map.Entry<Group, List<CandidateOutcome>> e : groups.entrySet()) {
            Group g = e.getKey();
            double baseline = baselineOf.applyAsDouble(e.getValue().get(0).candidate());
            List<RecommendationOption> options = new ArrayList<>();
            for (CandidateOutcome o : primaryOptions(e.getValue())) {
                for (AlertQuality q : o.quality()) {
                    options.add(option(o, q, limits, baseline, months, data.days()));
                }
            }
            out.add(recommendation(data.journey(), g, baseline, options));
        }
        return out;
    }

    /** The group's candidates with its first window and budgeting, one per target, loosest first. */
    private static List<CandidateOutcome> primaryOptions(List<CandidateOutcome> group) {
        SloWindow window = group.get(0).candidate().window();
        Budgeting budgeting = group.get(0).candidate().budgeting();
        Map<Double, CandidateOutcome> byTarget = new LinkedHashMap<>();
        for (CandidateOutcome o : group) {
            if (o.candidate().window().equals(window) && o.candidate().budgeting() == budgeting) {
                byTarget.putIfAbsent(o.candidate().target(), o);
            }
        }
        List<CandidateOutcome> options = new ArrayList<>(byTarget.values());
        options.sort(Comparator.comparingDouble(o -> o.candidate().target()));
        return options;
    }

    /** Why an option has no evidence at all, or null when it has some. */
    static String noEvidence(CandidateOutcome o, double baseline, int days) {
        String history = "the history of " + plural(days, "day");
        if (Double.isNaN(baseline)) {
            return "no valid requests in " + history;
        }
        if (o.summary().daysEvaluated() == 0) {
            SloWindow w = o.candidate().window();
            return w.rolling() ? "history of " + plural(days, "day") + " is shorter than the " + w.id() + " window"
                    : "no whole " + w.id() + " window in " + history;
        }
        return null;
    }

    private static RecommendationOption option(CandidateOutcome o, AlertQuality q, Recommend limits,
            double baseline, int months, int days) {
        Map<String, Integer> freeze = o.freezeDaysByQuarter();
        int maxFreeze = freeze.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int totalFreeze = freeze.values().stream().mapToInt(Integer::intValue).sum();
        int maxPages = q.maxPagesPerMonth();
        int totalPages = q.pages();
        boolean withinBaseline = o.candidate().target() <= baseline; // false when NaN (no valid request)
        List<String> reasons = new ArrayList<>();
        String noEvidence = noEvidence(o, baseline, days);
        if (noEvidence != null) {
            return new RecommendationOption(o.candidate(), o.summary().worstAttainment(), maxFreeze, maxPages,
                    (double) totalPages / months, totalPages, totalFreeze, withinBaseline, false, noEvidence,
                    q.policy(), q);
        }
        if (maxFreeze > limits.maxFreezeDaysPerQuarter()) {
            reasons.add(maxFreeze + " freeze days in a quarter > " + limits.maxFreezeDaysPerQuarter() + " allowed");
        }
        if (q.incidents() == 0 && maxPages > limits.maxPagesPerMonth()) {
            reasons.add(maxPages + " pages in a month > " + limits.maxPagesPerMonth() + " allowed");
        }
        if (q.incidents() > 0 && q.maxFalsePagesPerMonth() > limits.maxPagesPerMonth()) {
            reasons.add(q.maxFalsePagesPerMonth() + " other pages in a month > " + limits.maxPagesPerMonth()
                    + " allowed");
        }
        if (q.missed() > 0) {
            reasons.add("misses " + q.missed() + " of " + plural(q.incidents(), "known incident"));
        }
        if (!withinBaseline) {
            reasons.add("above the historical baseline " + pct(baseline));
        }
        return new RecommendationOption(o.candidate(), o.summary().worstAttainment(), maxFreeze, maxPages,
                (double) totalPages / months, totalPages, totalFreeze, withinBaseline, reasons.isEmpty(),
                String.join("; ", reasons), q.policy(), q);
    }

    /** Qualifying options first, then fewer missed incidents, fewer false pages, fewer pages, policy order. */
    private static final Comparator<RecommendationOption> BEST = Comparator
            .comparing((RecommendationOption o) -> !o.qualifies())
            .thenComparingInt(o -> o.quality().missed())
            .thenComparingInt(o -> o.quality().falsePages())
            .thenComparingInt(RecommendationOption::totalPages);

    /** The best option (per {@link #BEST}; the first on ties) of each target, loosest target first. */
    private static List<RecommendationOption> bestPerTarget(List<RecommendationOption> options) {
        Map<Double, RecommendationOption> best = new LinkedHashMap<>();
        for (RecommendationOption o : options) {
            best.merge(o.candidate().target(), o, (a, b) -> BEST.compare(b, a) < 0 ? b : a);
        }
        return new ArrayList<>(best.values());
    }

    private static Recommendation recommendation(String journey, Group g, double baseline,
            List<RecommendationOption> options) {
        List<RecommendationOption> targets = bestPerTarget(options);
        int chosen = -1;
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i).qualifies()) {
                chosen = i;
            }
        }
        boolean qualifies = chosen >= 0;
        RecommendationOption r = targets.get(qualifies ? chosen : 0);
        String history = Double.isNaN(baseline) ? "" : " (history achieved " + pct(baseline) + ")";
        String evidence;
        if (!qualifies && (Double.isNaN(baseline) || Double.isNaN(r.worstAttainment()))) { // no evaluated day
            evidence = "no evidence: " + r.reason();
        } else if (qualifies) {
            evidence = Candidate.percent(r.candidate().target()) + "% with alert policy " + r.policy() + ": "
                    + paged(r);
            if (chosen + 1 < targets.size()) {
                RecommendationOption tighter = targets.get(chosen + 1);
                evidence += "; " + Candidate.percent(tighter.candidate().target()) + "% would cost " + costs(tighter);
            }
        } else {
            evidence = "no target qualifies; the loosest, " + Candidate.percent(r.candidate().target())
                    + "% with alert policy " + r.policy() + ", would cost " + costs(r) + ": " + r.reason();
        }
        return new Recommendation(journey, g.sli(), g.thresholdMs(), r.candidate().target(), r.sloId(), baseline,
                r.worstAttainment(), r.maxFreezeDaysPerQuarter(), r.maxPagesPerMonth(), r.totalPages(),
                r.totalFreezeDays(), qualifies, r.reason(), evidence + history, Collections.unmodifiableList(options),
                r.policy(), r.quality());
    }

    /**
     * What the chosen option pages: with declared incidents "paged for both known incidents within 6 min;
     * 1 other page a month; 0 freeze days a quarter"; without, "at most 1 page a month and 2 freeze days a
     * quarter; it would have paged 2 times (2026-01-10 12:05, 2026-03-10 12:09)".
     */
    private static String paged(RecommendationOption o) {
        AlertQuality q = o.quality();
        String freeze = plural(o.maxFreezeDaysPerQuarter(), "freeze day") + " a quarter";
        if (q.incidents() > 0) {
            String which = q.incidents() == 1 ? "the known incident" : q.incidents() == 2 ? "both known incidents"
                    : "all " + q.incidents() + " known incidents";
            return "paged for " + which + " within " + q.maxDetectionDelayMinutes() + " min; "
                    + plural(q.maxFalsePagesPerMonth(), "other page") + " a month; " + freeze;
        }
        String when;
        if (q.pages() == 0) {
            when = "it would not have paged";
        } else {
            List<String> times = new ArrayList<>();
            for (long t : q.firstPagesMillis()) {
                times.add(TIME.format(java.time.Instant.ofEpochMilli(t)));
            }
            int more = q.pages() - times.size();
            when = "it would have paged " + (q.pages() == 1 ? "once" : q.pages() + " times") + " ("
                    + String.join(", ", times) + (more > 0 ? " and " + more + " more" : "") + ")";
        }
        return "at most " + plural(o.maxPagesPerMonth(), "page") + " a month and " + freeze + "; " + when;
    }

    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(java.time.ZoneOffset.UTC);

    private static String costs(RecommendationOption o) {
        AlertQuality q = o.quality();
        String freeze = plural(o.maxFreezeDaysPerQuarter(), "freeze day") + " a quarter and ";
        if (q.incidents() == 0) {
            return freeze + plural(o.maxPagesPerMonth(), "page") + " a month";
        }
        return freeze + plural(q.maxFalsePagesPerMonth(), "other page") + " a month"
                + (q.missed() > 0 ? " and miss " + q.missed() + " of " + plural(q.incidents(), "known incident") : "");
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String pct(double ratio) {
        return String.format(Locale.ROOT, "%.2f%%", ratio * 100);
    }

    /** The number of calendar months the range touches. */
    private static int monthsTouched(JourneyMinutes data) {
        YearMonth first = YearMonth.from(data.firstDay());
        YearMonth last = YearMonth.from(data.firstDay().plusDays(data.days() - 1L));
        return (int) ChronoUnit.MONTHS.between(first, last) + 1;
    }
}
