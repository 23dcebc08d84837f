package dev.sliflow.backtest;

import dev.sliflow.slo.AlertTier;
import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.Policy;
import dev.sliflow.slo.Recommend;
import dev.sliflow.slo.SliKind;
import dev.sliflow.slo.SloConfig;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Backtests candidate SLOs of one journey against its minute history: daily attainment, budget and
 * policy state, burn-rate alerts, per-candidate summaries, SLA months and recommended targets.
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li><b>SLI series.</b> Availability: valid = total, good = good. Latency: valid = withLatency,
 *       good = goodLatency at the candidate's threshold (a threshold missing from the data is an
 *       {@link IllegalArgumentException}). Maintenance minutes are removed from good and valid and are
 *       not slices.
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
 *       {@link LiveAlerts} shares) over every minute of the range, always on events, with
 *       each tier's rate {@link AlertTier#rateFor}(window days). The condition is evaluated at the end
 *       of each minute m over windows ending with m (minutes before the range are empty); a firing is
 *       stamped with the <em>start</em> of minute m where the condition turns true (false before the
 *       range), and resolves at the start of the first later minute where it is false (null if never).
 *       Pages/tickets of a day = firings of that severity whose fired-at minute lies in the day.
 *   <li><b>Summary</b>: pages and tickets count every firing in the range, also on days not evaluated.
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
     *     (0, 1), or its latency threshold is missing from {@code data}
     */
    public static BacktestResult run(JourneyMinutes data, List<Candidate> candidates, SloConfig config) {
        Run run = new Run(data, config);
        List<CandidateOutcome> outcomes = new ArrayList<>();
        List<DailyResult> daily = new ArrayList<>();
        List<AlertFiring> alerts = new ArrayList<>();
        List<CandidateSummary> summaries = new ArrayList<>();
        for (Candidate c : candidates) {
            CandidateOutcome o = run.evaluate(c);
            outcomes.add(o);
            daily.addAll(o.daily());
            alerts.addAll(o.alerts());
            summaries.add(o.summary());
        }
        SliSeries availability = run.series(SliKind.AVAILABILITY, 0);
        List<SlaMonth> sla = SlaMonths.evaluate(data, availability, orEmpty(config.slas()));
        List<Recommendation> recommendations = Recommender.recommend(data, outcomes,
                config.recommend() == null ? Recommend.defaults() : config.recommend(),
                (kind, threshold) -> baseline(run.series(kind, threshold)));
        return new BacktestResult(daily, alerts, summaries, sla, recommendations);
    }

    /** The SLI over the whole range, on events: Σgood / Σvalid (1 when Σvalid = 0). */
    static double baseline(SliSeries s) {
        long valid = s.valid(0, s.minutes());
        return valid == 0 ? 1.0 : (double) (valid - s.bad(0, s.minutes())) / valid;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** The shared state of one run: series and alert evaluations computed once. */
    private static final class Run {
        private final JourneyMinutes data;
        private final List<AlertTier> tiers;
        private final Policy policy;
        private final boolean[] maintenance;
        private final Map<String, SliSeries> series = new HashMap<>();
        private final BurnRateAlerts alerts = new BurnRateAlerts();

        Run(JourneyMinutes data, SloConfig config) {
            this.data = data;
            this.tiers = orEmpty(config.tiers());
            this.policy = config.policy() == null ? Policy.defaults() : config.policy();
            this.maintenance = data.maintenanceMask(orEmpty(config.maintenance()));
        }

        SliSeries series(SliKind kind, int thresholdMs) {
            int t = kind == SliKind.AVAILABILITY ? 0 : thresholdMs;
            return series.computeIfAbsent(kind.id() + "/" + t, k -> SliSeries.of(data, kind, t, maintenance));
        }

        CandidateOutcome evaluate(Candidate c) {
            validate(c);
            SliSeries s = series(c.sli(), c.thresholdMs());
            String sloId = c.sloId();
            int days = data.days();
            int[] pages = new int[days];
            int[] tickets = new int[days];
            List<AlertFiring> firings = new ArrayList<>();
            for (AlertTier tier : tiers) {
                double rate = tier.rateFor(c.window().days());
                for (BurnRateAlerts.Firing f : alerts.firings(s, c.target(), tier, rate)) {
                    AlertFiring a = new AlertFiring(data.journey(), sloId, tier.name(), tier.severity(),
                            data.minuteMillis(f.firedMinute()),
                            f.resolvedMinute() < 0 ? null : data.minuteMillis(f.resolvedMinute()),
                            f.longBurnRate(), f.shortBurnRate(), rate);
                    firings.add(a);
                    int day = f.firedMinute() / JourneyMinutes.MINUTES_PER_DAY;
                    pages[day] += a.isPage() ? 1 : 0;
                    tickets[day] += a.isTicket() ? 1 : 0;
                }
            }
            return new CandidateOutcome(c, daily(c, s, sloId, pages, tickets), firings);
        }

        private List<DailyResult> daily(Candidate c, SliSeries s, String sloId, int[] pages, int[] tickets) {
            LocalDate first = data.firstDay();
            double allowed = 1 - c.target();
            List<DailyResult> rows = new ArrayList<>();
            for (int d = 0; d < data.days(); d++) {
                LocalDate day = first.plusDays(d);
                LocalDate start = Windows.start(c.window(), day);
                if (start.isBefore(first)) {
                    continue;
                }
                int from = (int) (start.toEpochDay() - first.toEpochDay()) * JourneyMinutes.MINUTES_PER_DAY;
                int dayFrom = d * JourneyMinutes.MINUTES_PER_DAY;
                int to = dayFrom + JourneyMinutes.MINUTES_PER_DAY;
                WindowScore score = WindowScore.of(c, s, from, to);
                rows.add(new DailyResult(data.journey(), sloId, day, score.attainment(), score.budgetRemaining(),
                        policy.state(score.budgetRemaining()), score.attainment() >= c.target(), pages[d],
                        tickets[d], BurnRateAlerts.burn(s, dayFrom, to, allowed),
                        BurnRateAlerts.burn(s, from, to, allowed)));
            }
            return rows;
        }

        private void validate(Candidate c) {
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
