package dev.sliflow.backtest.flink;

import dev.sliflow.backtest.AlertFiring;
import dev.sliflow.backtest.BacktestResult;
import dev.sliflow.backtest.Backtester;
import dev.sliflow.backtest.CandidateSummary;
import dev.sliflow.backtest.DailyResult;
import dev.sliflow.backtest.JourneyMinutes;
import dev.sliflow.backtest.Recommendation;
import dev.sliflow.backtest.SlaMonth;
import dev.sliflow.backtest.table.AlertRow;
import dev.sliflow.backtest.table.RecommendationRow;
import dev.sliflow.backtest.table.SlaMonthRow;
import dev.sliflow.backtest.table.SloDailyRow;
import dev.sliflow.backtest.table.SloSummaryRow;
import dev.sliflow.ingest.Dates;
import dev.sliflow.slo.AlertTier;
import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.SloConfig;
import dev.sliflow.slo.SliKind;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.GlobalWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Thin wiring around {@link Backtester}: all minutes of one journey in, the journey's rows of every
 * backtest table out (recommendations on the main output, the rest on side outputs).
 */
public final class BacktestFunction extends ProcessWindowFunction<MinuteRow, RecommendationRow, String, GlobalWindow> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<SloDailyRow> DAILY = new OutputTag<>("slo_daily") {};
    public static final OutputTag<AlertRow> ALERTS = new OutputTag<>("alerts") {};
    public static final OutputTag<SloSummaryRow> SUMMARY = new OutputTag<>("slo_summary") {};
    public static final OutputTag<SlaMonthRow> SLA = new OutputTag<>("sla_months") {};

    private final SloConfig config;
    private final LocalDate from;
    private final LocalDate to;

    public BacktestFunction(SloConfig config, LocalDate from, LocalDate to) {
        this.config = config;
        this.from = from;
        this.to = to;
    }

    @Override
    public void process(String journey, Context ctx, Iterable<MinuteRow> rows, Collector<RecommendationRow> out) {
        List<Candidate> candidates = new ArrayList<>();
        Map<String, Candidate> byId = new HashMap<>();
        for (Candidate c : config.candidates()) {
            if (c.journey().equals(journey)) {
                candidates.add(c);
                byId.put(c.sloId(), c);
            }
        }
        boolean hasSla = config.slas().stream().anyMatch(s -> s.journey().equals(journey));
        if (candidates.isEmpty() && !hasSla) {
            return;
        }
        JourneyMinutes.Builder b = JourneyMinutes.builder(journey, from, to);
        for (MinuteRow m : rows) {
            b.add(m.minute, m.total, m.good, m.withLatency, m.goodLatencyMap());
        }
        BacktestResult r = Backtester.run(b.build(), candidates, config);
        Map<String, AlertTier> tiers = new HashMap<>();
        config.tiers().forEach(t -> tiers.put(t.name(), t));
        for (DailyResult d : r.daily()) {
            ctx.output(DAILY, daily(byId.get(d.sloId()), d));
        }
        for (AlertFiring a : r.alerts()) {
            ctx.output(ALERTS, alert(byId.get(a.sloId()), tiers.get(a.tier()), a));
        }
        for (CandidateSummary s : r.summaries()) {
            ctx.output(SUMMARY, summary(s));
        }
        for (SlaMonth s : r.slaMonths()) {
            ctx.output(SLA, sla(s));
        }
        for (Recommendation rec : r.recommendations()) {
            out.collect(recommendation(byId.get(rec.sloId()), rec));
        }
    }

    static SloDailyRow daily(Candidate c, DailyResult d) {
        SloDailyRow row = new SloDailyRow();
        row.setCandidate(c);
        row.day = (int) d.day().toEpochDay();
        row.attainment = d.attainment();
        row.budgetRemaining = d.budgetRemaining();
        row.policyState = d.policyState();
        row.pages = d.pages();
        row.tickets = d.tickets();
        row.burnRateDay = d.dayBurnRate();
        row.burnRateWindow = d.windowBurnRate();
        row.dt = d.day().toString();
        return row;
    }

    public static AlertRow alert(Candidate c, AlertTier tier, AlertFiring a) {
        AlertRow row = new AlertRow();
        row.setCandidate(c);
        row.tier = a.tier();
        row.severity = a.severity();
        row.firedAt = a.firedAtMillis();
        row.resolvedAt = a.resolvedAtMillis();
        row.longWindow = tier == null ? "" : duration(tier.longWindow());
        row.shortWindow = tier == null ? "" : duration(tier.shortWindow());
        row.rateThreshold = a.thresholdRate();
        row.longBurnRate = a.longBurnRate();
        row.shortBurnRate = a.shortBurnRate();
        row.dt = Dates.dt(a.firedAtMillis());
        return row;
    }

    static SloSummaryRow summary(CandidateSummary s) {
        SloSummaryRow row = new SloSummaryRow();
        row.setCandidate(s.candidate());
        row.daysEvaluated = s.daysEvaluated();
        row.daysMet = s.daysMet();
        row.worstAttainment = Double.isNaN(s.worstAttainment()) ? null : s.worstAttainment();
        row.daysHealthy = s.daysHealthy();
        row.daysAlert = s.daysAlert();
        row.daysPause = s.daysPause();
        row.daysFreeze = s.daysFreeze();
        row.pages = s.pages();
        row.tickets = s.tickets();
        Double last = null;
        for (Double v : s.budgetAtMonthEnd().values()) {
            last = v;
        }
        row.budgetRemainingEnd = last;
        return row;
    }

    static SlaMonthRow sla(SlaMonth s) {
        SlaMonthRow row = new SlaMonthRow();
        row.journey = s.journey();
        row.month = s.month();
        row.target = s.target();
        row.attainment = s.attainment();
        row.breached = s.breached();
        row.credit = s.credit();
        return row;
    }

    static RecommendationRow recommendation(Candidate c, Recommendation r) {
        RecommendationRow row = new RecommendationRow();
        row.journey = r.journey();
        row.sli = r.sli().id();
        row.thresholdMs = r.sli() == SliKind.LATENCY ? r.thresholdMs() : 0;
        row.target = r.target();
        row.sloId = r.sloId();
        row.window = c == null ? "" : c.window().id();
        row.budgeting = c == null ? "" : c.budgeting().id();
        row.baseline = Double.isNaN(r.baseline()) ? null : r.baseline();
        row.worstAttainment = Double.isNaN(r.worstAttainment()) ? null : r.worstAttainment();
        row.maxFreezeDaysPerQuarter = r.maxFreezeDaysPerQuarter();
        row.maxPagesPerMonth = r.maxPagesPerMonth();
        row.freezeDays = r.totalFreezeDays();
        row.pages = r.totalPages();
        row.qualifies = r.qualifies();
        row.evidence = r.evidence();
        return row;
    }

    /** 5m, 1h, 3d: the largest whole unit. */
    static String duration(Duration d) {
        long m = d.toMinutes();
        if (m % 1440 == 0) {
            return m / 1440 + "d";
        }
        if (m % 60 == 0) {
            return m / 60 + "h";
        }
        return m + "m";
    }
}
