package dev.sliflow.backtest;

import dev.sliflow.slo.AlertPolicy;
import dev.sliflow.slo.AlertTier;
import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.Policy;
import dev.sliflow.slo.Recommend;
import dev.sliflow.slo.SliKind;
import dev.sliflow.slo.SlicePercentile;
import dev.sliflow.slo.SloConfig;
import dev.sliflow.slo.SloWindow;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Backtests candidate SLOs of one journey against its minute history: daily attainment, budget and
 * policy state, burn-rate alerts, per-candidate summaries, SLA months and recommended targets.
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li><b>SLI series.</b> Availability: valid = total, good = good. Latency: valid = withLatency,
 *       good = goodLatency at the candidate's threshold. A threshold missing from the data is an
 *       {@link IllegalArgumentException}; one missing from some days' rows (ingested before it was in the
 *       catalog) is a {@link MissingThresholdException} naming those dates: unknown is not bad, so those
 *       requests are never counted as slow. Maintenance minutes are removed from good and valid and are
 *       not slices. Percentile time-slice SLIs ({@link SliSeries#percentile}): one event per slice with
 *       latencies, at its last minute, good when the slice's percentile from the merged sketches is within
 *       the threshold; their maintenance minutes add no latency to their slice.
 *   <li><b>Daily evaluation</b> ({@link Windows}): day D's attainment is the SLI over the window that
 *       ends at the end of D. A day is evaluated only when the whole window lies inside the range
 *       (rolling N days: D − N + 1 ≥ first day; calendar: the period's first day ≥ first day);
 *       other days produce no row. Attainment and budget per budgeting method ({@link WindowScore}):
 *       occurrences Σgood/Σvalid and 1 − (Σvalid − Σgood) / ((1 − target) × Σvalid); timeslices good
 *       slices / slices and 1 − bad slices / ((1 − target) × slices); ratio-timeslices the mean slice SLI
 *       and 1 − (1 − attainment) / (1 − target). An empty window has attainment 1 and budget remaining 1;
 *       the remaining budget may go negative. Policy state = {@link Policy#state}(budget remaining); a day
 *       is met when attainment ≥ target.
 *   <li><b>Alerts</b> ({@link BurnRateAlerts}, deciding each minute with {@link AlertRule}, the rule
 *       {@link LiveAlerts} shares) over every minute of the range, always on events, with each tier as
 *       the first (reported) alert policy applies it to the candidate's window
 *       ({@link AlertPolicy#apply}: {@link AlertTier#forPeriod}, window scale, minimum events). The condition is evaluated at the end
 *       of each minute m over windows ending with m (minutes before the range are empty); a firing is
 *       stamped with the <em>start</em> of minute m where the condition turns true (false before the
 *       range), and resolves at the start of the first later minute where it is false (null if never).
 *       Pages of a day = pages of the reported policy ({@link Pages}: every page-tier firing for the SRE
 *       Workbook policy) whose first firing lies in the day; tickets = ticket firings fired in the day.
 *   <li><b>Summary</b>: pages and tickets count every page and ticket in the range, also on days not
 *       evaluated.
 *   <li><b>Alert quality</b> ({@link AlertQuality}): per candidate and alert policy of the configuration,
 *       the policy's pages scored against the known incidents of the journey and SLI.
 *       On a percentile SLI the events are slices, so a burn rate is bad slices / slices ending in the
 *       window / (1 − target), and a window that no slice ends in (a short window shorter than the slice)
 *       has none: a tier can fire only in the minutes after a bad slice ended.
 *   <li><b>SLA months</b> and <b>recommendations</b>: {@link SlaMonths}, {@link Recommender}.
 * </ul>
 * Null tiers, maintenance or SLAs in the configuration mean none; a null policy or recommend means
 * their defaults.
 */
public final class Backtester {
    private Backtester() {}

    /**
     * Backtests {@code candidates} (all of {@code data}'s journey) with the tiers, policy, maintenance,
     * recommendation limits and SLAs of {@code config} (its own candidate list is not used).
     * Result lists follow the candidate order, then day / firing time.
     *
     * @throws IllegalArgumentException when a candidate is of another journey, its target is not in
     *     (0, 1), or its latency threshold is missing from {@code data}, or from some of its days
     *     ({@link MissingThresholdException}); then nothing was emitted
     */
    public static BacktestResult run(JourneyMinutes data, List<Candidate> candidates, SloConfig config) {
        List<DailyResult> daily = new ArrayList<>();
        List<AlertFiring> alerts = new ArrayList<>();
        List<CandidateSummary> summaries = new ArrayList<>();
        List<SlaMonth> sla = new ArrayList<>();
        List<Recommendation> recommendations = new ArrayList<>();
        List<AlertQuality> quality = new ArrayList<>();
        run(data, candidates, config, new BacktestSink() {
            @Override
            public void alert(Candidate candidate, AlertTier tier, AlertFiring firing) {
                alerts.add(firing);
            }

            @Override
            public void daily(Candidate candidate, DailyResult day) {
                daily.add(day);
            }

            @Override
            public void summary(CandidateSummary summary) {
                summaries.add(summary);
            }

            @Override
            public void slaMonth(SlaMonth month) {
                sla.add(month);
            }

            @Override
            public void recommendation(Recommendation recommendation) {
                recommendations.add(recommendation);
            }

            @Override
            public void alertQuality(AlertQuality q) {
                quality.add(q);
            }
        });
        return new BacktestResult(daily, alerts, summaries, sla, recommendations, quality);
    }

    /**
     * The same backtest, streamed: every row goes to {@code sink} as soon as it is computed, in the order
     * {@link BacktestSink} describes, and only per-candidate aggregates are kept for the recommendation —
     * memory does not grow with the rows. Candidates are all validated before the first row.
     *
     * @throws IllegalArgumentException as {@link #run(JourneyMinutes, List, SloConfig)}
     */
    public static void run(JourneyMinutes data, List<Candidate> candidates, SloConfig config, BacktestSink sink) {
        Run run = new Run(data, config);
        for (Candidate c : candidates) {
            run.validate(c);
            run.series(c);
        }
        List<CandidateOutcome> outcomes = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            outcomes.add(run.evaluate(c, sink));
        }
        SliSeries availability = run.series(SliKind.AVAILABILITY, 0);
        for (SlaMonth m : SlaMonths.evaluate(data, availability, orEmpty(config.slas()))) {
            sink.slaMonth(m);
        }
        for (Recommendation r : Recommender.recommend(data, outcomes,
                config.recommend() == null ? Recommend.defaults() : config.recommend(), run.policies,
                c -> baseline(run.series(c)))) {
            sink.recommendation(r);
        }
    }

    /**
     * The first day of history that a backtest of the days from {@code from} on needs so that each of
     * them gets exactly the rows of a backtest over all history (a ranged run's warm-up): the start of
     * the longest candidate window of day {@code from} ({@link Windows#start}; later days' windows start
     * later), and for alerts the longest tier window before {@code from}'s first minute plus the minute
     * before it (a firing at a minute depends on the condition at the minute before). The caller clamps
     * it to the first day of data: a full run does not evaluate windows that reach before it either.
     */
    public static LocalDate historyStart(SloConfig config, LocalDate from) {
        LocalDate start = from;
        for (Candidate c : config.candidates()) {
            LocalDate w = Windows.start(c.window(), from);
            start = w.isBefore(start) ? w : start;
        }
        long longest = 0;
        for (AlertTier t : orEmpty(config.tiers())) {
            for (AlertPolicy p : config.policiesOrDefault()) {
                for (Candidate c : config.candidates()) {
                    longest = Math.max(longest, p.apply(t, c.window().days()).longWindow().toMinutes());
                }
            }
        }
        long days = (longest + 1 + JourneyMinutes.MINUTES_PER_DAY - 1) / JourneyMinutes.MINUTES_PER_DAY;
        LocalDate alerts = from.minusDays(Math.min(days, 365L * 100));
        return alerts.isBefore(start) ? alerts : start;
    }

    /** The SLI over the whole range, on events: Σgood / Σvalid (NaN when Σvalid = 0: no evidence). */
    static double baseline(SliSeries s) {
        long valid = s.valid(0, s.minutes());
        return valid == 0 ? Double.NaN : (double) (valid - s.bad(0, s.minutes())) / valid;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** The shared state of one run: series, alert evaluations and calendar keys computed once. */
    private static final class Run {
        private final JourneyMinutes data;
        private final List<AlertTier> tiers;
        private final Policy policy;
        /** The alert policies searched, the reported one first. */
        private final List<AlertPolicy> policies;
        private final List<dev.sliflow.slo.Incident> incidents;
        private final boolean[] maintenance;
        private final Map<String, SliSeries> series = new HashMap<>();
        private final BurnRateAlerts alerts = new BurnRateAlerts();
        /** Per day index of the range: its date, "YYYY-MM" and "YYYY-Qn". */
        private final LocalDate[] dates;
        private final String[] monthKeys;
        private final String[] quarterKeys;
        /** Per SLO window: the day index where the window of each day starts, −1 when before the range. */
        private final Map<SloWindow, int[]> windowStarts = new HashMap<>();

        Run(JourneyMinutes data, SloConfig config) {
            this.data = data;
            this.tiers = orEmpty(config.tiers());
            this.policy = config.policy() == null ? Policy.defaults() : config.policy();
            this.policies = config.policiesOrDefault();
            this.incidents = config.incidentsOrNone();
            this.maintenance = data.maintenanceMask(orEmpty(config.maintenance()));
            int days = data.days();
            dates = new LocalDate[days];
            monthKeys = new String[days];
            quarterKeys = new String[days];
            LocalDate first = data.firstDay();
            for (int d = 0; d < days; d++) {
                dates[d] = first.plusDays(d);
                monthKeys[d] = d > 0 && dates[d].getMonth() == dates[d - 1].getMonth() ? monthKeys[d - 1]
                        : Windows.monthKey(dates[d]);
                String q = Windows.quarterKey(dates[d]);
                quarterKeys[d] = d > 0 && q.equals(quarterKeys[d - 1]) ? quarterKeys[d - 1] : q;
            }
        }

        /** The series a candidate is evaluated on (shared by candidates of the same SLI). */
        SliSeries series(Candidate c) {
            if (c.sli() != SliKind.PERCENTILE) {
                return series(c.sli(), c.thresholdMs());
            }
            SlicePercentile p = c.percentile();
            return series.computeIfAbsent("percentile/" + p.percentile() + "/" + p.sliceMinutes() + "/" + c.thresholdMs(),
                    k -> SliSeries.percentile(data, p, c.thresholdMs(), maintenance));
        }

        SliSeries series(SliKind kind, int thresholdMs) {
            int t = kind == SliKind.AVAILABILITY ? 0 : thresholdMs;
            return series.computeIfAbsent(kind.id() + "/" + t, k -> SliSeries.of(data, kind, t, maintenance));
        }

        private int[] windowStarts(SloWindow window) {
            return windowStarts.computeIfAbsent(window, w -> {
                LocalDate first = data.firstDay();
                int[] starts = new int[dates.length];
                for (int d = 0; d < dates.length; d++) {
                    LocalDate start = Windows.start(w, dates[d]);
                    starts[d] = start.isBefore(first) ? -1 : (int) (start.toEpochDay() - first.toEpochDay());
                }
                return starts;
            });
        }

        CandidateOutcome evaluate(Candidate c, BacktestSink sink) {
            SliSeries s = series(c);
            String sloId = c.sloId();
            String journey = data.journey();
            int days = data.days();
            int[] pages = new int[days];
            int[] tickets = new int[days];
            int totalPages = 0;
            int totalTickets = 0;
            AlertPolicy reported = policies.get(0);
            List<BurnRateAlerts.Firing> reportedPageFirings = new ArrayList<>();
            for (AlertTier tier : tiers) {
                AlertTier applied = reported.apply(tier, c.window().days());
                double rate = applied.burnRate();
                for (BurnRateAlerts.Firing f : alerts.firings(s, c.target(), applied, rate, reported.minBadFor(tier),
                        reported.minValidFor(tier))) {
                    AlertFiring a = new AlertFiring(journey, sloId, tier.name(), tier.severity(),
                            data.minuteMillis(f.firedMinute()),
                            f.resolvedMinute() < 0 ? null : data.minuteMillis(f.resolvedMinute()),
                            f.longBurnRate(), f.shortBurnRate(), rate);
                    sink.alert(c, applied, a);
                    int day = f.firedMinute() / JourneyMinutes.MINUTES_PER_DAY;
                    if (a.isPage()) {
                        reportedPageFirings.add(f);
                    }
                    if (a.isTicket()) {
                        tickets[day]++;
                        totalTickets++;
                    }
                }
            }
            List<Pages.Page> reportedPages = Pages.of(reportedPageFirings, reported.pageGap());
            for (Pages.Page p : reportedPages) {
                pages[p.firedMinute() / JourneyMinutes.MINUTES_PER_DAY]++;
                totalPages++;
            }

            int[] starts = windowStarts(c.window());
            ErrorBudget budget = ErrorBudget.of(c.target());
            double allowed = budget.allowed();
            int evaluated = 0;
            int met = 0;
            int healthy = 0;
            int alert = 0;
            int pause = 0;
            int freeze = 0;
            double worst = Double.NaN;
            Map<String, Double> monthEnd = new LinkedHashMap<>();
            Map<String, Integer> freezeByQuarter = new LinkedHashMap<>();
            for (int d = 0; d < days; d++) {
                if (starts[d] < 0) {
                    continue;
                }
                int from = starts[d] * JourneyMinutes.MINUTES_PER_DAY;
                int dayFrom = d * JourneyMinutes.MINUTES_PER_DAY;
                int to = dayFrom + JourneyMinutes.MINUTES_PER_DAY;
                WindowScore score = WindowScore.of(c, budget, s, from, to);
                String state = score.state(policy);
                boolean dayMet = score.attainment() >= c.target();
                sink.daily(c, new DailyResult(journey, sloId, dates[d], score.attainment(), score.budgetRemaining(),
                        state, dayMet, pages[d], tickets[d], BurnRateAlerts.burn(s, dayFrom, to, allowed),
                        BurnRateAlerts.burn(s, from, to, allowed)));
                evaluated++;
                met += dayMet ? 1 : 0;
                worst = Double.isNaN(worst) ? score.attainment() : Math.min(worst, score.attainment());
                switch (state) {
                    case "healthy" -> healthy++;
                    case "alert" -> alert++;
                    case "pause" -> pause++;
                    case "freeze" -> {
                        freeze++;
                        freezeByQuarter.merge(quarterKeys[d], 1, Integer::sum);
                    }
                    default -> throw new IllegalStateException("unknown policy state " + state);
                }
                monthEnd.put(monthKeys[d], score.budgetRemaining()); // days ascend: the last one wins
            }
            CandidateSummary summary = new CandidateSummary(c, evaluated, met, worst, healthy, alert, pause, freeze,
                    totalPages, totalTickets, Collections.unmodifiableMap(monthEnd));
            sink.summary(summary);
            List<AlertQuality.Span> spans = AlertQuality.spans(data, incidents, c);
            List<AlertQuality> quality = new ArrayList<>(policies.size());
            for (int i = 0; i < policies.size(); i++) {
                AlertPolicy p = policies.get(i);
                List<Pages.Page> policyPages = i == 0 ? reportedPages : Pages.of(pageFirings(s, c, p), p.pageGap());
                AlertQuality q = AlertQuality.of(c, sloId, p.name(), policyPages, spans, data, monthKeys);
                sink.alertQuality(q);
                quality.add(q);
            }
            return new CandidateOutcome(c, summary, freezeByQuarter, quality);
        }

        /** The firings of every page tier of {@code c} under {@code p}, in tier order. */
        private List<BurnRateAlerts.Firing> pageFirings(SliSeries s, Candidate c, AlertPolicy p) {
            List<BurnRateAlerts.Firing> out = new ArrayList<>();
            for (AlertTier tier : tiers) {
                if (tier.isPage()) {
                    AlertTier applied = p.apply(tier, c.window().days());
                    out.addAll(alerts.firings(s, c.target(), applied, applied.burnRate(), p.minBadFor(tier),
                            p.minValidFor(tier)));
                }
            }
            return out;
        }

        void validate(Candidate c) {
            if (!data.journey().equals(c.journey())) {
                throw new IllegalArgumentException("candidate " + c.sloId() + " is not of journey " + data.journey());
            }
            if (!(c.target() > 0 && c.target() < 1)) {
                throw new IllegalArgumentException("candidate " + c.sloId() + ": target must be in (0, 1), got "
                        + c.target());
            }
        }
    }
}
