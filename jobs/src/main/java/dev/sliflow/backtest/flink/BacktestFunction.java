package dev.sliflow.backtest.flink;

import dev.sliflow.backtest.AlertFiring;
import dev.sliflow.backtest.AlertQuality;
import dev.sliflow.backtest.BacktestSink;
import dev.sliflow.backtest.Backtester;
import dev.sliflow.backtest.CandidateSummary;
import dev.sliflow.backtest.DailyResult;
import dev.sliflow.backtest.DayOrderedBuffer;
import dev.sliflow.backtest.JourneyMinutes;
import dev.sliflow.backtest.Recommendation;
import dev.sliflow.backtest.SlaMonth;
import dev.sliflow.backtest.table.AlertQualityRow;
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
 * Thin wiring around {@link Backtester}: all minutes of one journey in (as day chunks), the journey's rows
 * of every backtest table ({@code alert_quality} too) out as they are computed (recommendations on the main output, the rest on side
 * outputs).
 */
public final class BacktestFunction extends ProcessWindowFunction<MinuteChunk, RecommendationRow, Integer, GlobalWindow> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<SloDailyRow> DAILY = new OutputTag<>("slo_daily") {};
    public static final OutputTag<AlertRow> ALERTS = new OutputTag<>("alerts") {};
    public static final OutputTag<SloSummaryRow> SUMMARY = new OutputTag<>("slo_summary") {};
    public static final OutputTag<SlaMonthRow> SLA = new OutputTag<>("sla_months") {};
    public static final OutputTag<AlertQualityRow> ALERT_QUALITY = new OutputTag<>("alert_quality") {};

    /**
     * Dated rows ({@code alerts}, {@code slo_daily}) held at most per table before they are handed to the
     * date-partitioned writers date by date ({@link DayOrderedBuffer}): ~180 rows per date on the
     * benchmark's 180 days. {@code -Dsliflow.backtest.rowsHeld=1} hands every row on at once.
     */
    static final int DATED_ROWS_HELD = Integer.getInteger("sliflow.backtest.rowsHeld", 32_768);

    private final SloConfig config;
    /** The first day read: the warm-up of the windows of {@code from} and later (≤ from). */
    private final LocalDate history;
    private final LocalDate from;
    private final LocalDate to;
    /** The journey of each key ({@link JourneySlots}). */
    private final Map<Integer, String> journeyOfKey;

    /**
     * @param history the first day of the minutes (≤ {@code from}): days before {@code from} only warm up
     *     the windows, their rows are not emitted
     * @param from the first day whose dated rows (slo_daily, alerts fired that day or later) are emitted
     */
    public BacktestFunction(SloConfig config, LocalDate history, LocalDate from, LocalDate to,
            Map<Integer, String> journeyOfKey) {
        this.config = config;
        this.history = history;
        this.from = from;
        this.to = to;
        this.journeyOfKey = new HashMap<>(journeyOfKey);
    }

    @Override
    public void process(Integer key, Context ctx, Iterable<MinuteChunk> chunks, Collector<RecommendationRow> out) {
        String journey = journeyOfKey.get(key);
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
        JourneyMinutes.Builder b = JourneyMinutes.builder(journey, history, to);
        int[] sketchThresholds = BacktestJob.sketchThresholds(candidates);
        if (sketchThresholds.length > 0) {
            b.sketchThresholds(sketchThresholds);
        }
        for (MinuteChunk c : chunks) {
            b.addMinutes(c.dayStart, c.total, c.good, c.withLatency, c.thresholdsMs, c.goodLatency, c.thresholdsInEveryRow);
            if (c.sketchCount != null) {
                b.addSketchCounts(c.dayStart, c.sketchCount, c.sketchThresholdsMs, c.sketchAtMost);
            }
        }
        // rows go out as they are computed, the dated ones through a bounded buffer that hands them to
        // the date-partitioned writers date by date: little of the journey's results is held here
        DtStrings dts = new DtStrings(from, to);
        Map<AlertTier, String[]> tierWindows = new HashMap<>();
        DayOrderedBuffer<AlertRow> alerts = new DayOrderedBuffer<>(from.toEpochDay(), to.toEpochDay(), DATED_ROWS_HELD,
                r -> ctx.output(ALERTS, r));
        DayOrderedBuffer<SloDailyRow> days = new DayOrderedBuffer<>(from.toEpochDay(), to.toEpochDay(), DATED_ROWS_HELD,
                r -> ctx.output(DAILY, r));
        long fromMillis = from.toEpochDay() * Dates.DAY_MS;
        Backtester.run(b.build(), candidates, config, new BacktestSink() {
            @Override
            public void alert(Candidate c, AlertTier tier, AlertFiring a) {
                if (a.firedAtMillis() < fromMillis) {
                    return; // fired during the warm-up: its day is not this run's
                }
                String[] windows = tierWindows.computeIfAbsent(tier,
                        t -> new String[] {duration(t.longWindow()), duration(t.shortWindow())});
                AlertRow row = alertRow(c, a.sloId(), a, windows[0], windows[1]);
                row.dt = dts.of(a.firedAtMillis());
                alerts.add(Dates.epochDay(a.firedAtMillis()), row);
            }

            @Override
            public void daily(Candidate c, DailyResult d) {
                if (d.day().isBefore(from)) {
                    return; // a warm-up day
                }
                SloDailyRow row = dailyRow(c, d);
                row.dt = dts.of(d.day());
                days.add(d.day().toEpochDay(), row);
            }

            @Override
            public void summary(CandidateSummary s) {
                ctx.output(SUMMARY, BacktestFunction.summary(s));
            }

            @Override
            public void alertQuality(AlertQuality q) {
                ctx.output(ALERT_QUALITY, BacktestFunction.alertQuality(q));
            }

            @Override
            public void slaMonth(SlaMonth s) {
                ctx.output(SLA, sla(s));
            }

            @Override
            public void recommendation(Recommendation rec) {
                out.collect(BacktestFunction.recommendation(byId.get(rec.sloId()), rec));
            }
        });
        alerts.flush();
        days.flush();
    }

    /** "YYYY-MM-DD" of the days of the range, formatted once (the dt of every daily and alert row). */
    private static final class DtStrings {
        private final long firstDay;
        private final String[] dts;

        DtStrings(LocalDate from, LocalDate to) {
            firstDay = from.toEpochDay();
            dts = new String[(int) (to.toEpochDay() - firstDay + 1)];
            for (int i = 0; i < dts.length; i++) {
                dts[i] = LocalDate.ofEpochDay(firstDay + i).toString();
            }
        }

        String of(LocalDate day) {
            long i = day.toEpochDay() - firstDay;
            return i >= 0 && i < dts.length ? dts[(int) i] : day.toString();
        }

        String of(long epochMillis) {
            long i = Dates.epochDay(epochMillis) - firstDay;
            return i >= 0 && i < dts.length ? dts[(int) i] : Dates.dt(epochMillis);
        }
    }

    static SloDailyRow daily(Candidate c, DailyResult d) {
        SloDailyRow row = dailyRow(c, d);
        row.dt = d.day().toString();
        return row;
    }

    private static SloDailyRow dailyRow(Candidate c, DailyResult d) {
        SloDailyRow row = new SloDailyRow();
        row.setCandidate(c, d.sloId());
        row.day = (int) d.day().toEpochDay();
        row.attainment = d.attainment();
        row.budgetRemaining = d.budgetRemaining();
        row.policyState = d.policyState();
        row.pages = d.pages();
        row.tickets = d.tickets();
        row.burnRateDay = d.dayBurnRate();
        row.burnRateWindow = d.windowBurnRate();
        row.daysToExhaustion = d.daysToExhaustion(c.window().days());
        return row;
    }

    public static AlertRow alert(Candidate c, AlertTier tier, AlertFiring a) {
        AlertRow row = alertRow(c, c.sloId(), a, tier == null ? "" : duration(tier.longWindow()),
                tier == null ? "" : duration(tier.shortWindow()));
        row.dt = Dates.dt(a.firedAtMillis());
        return row;
    }

    private static AlertRow alertRow(Candidate c, String sloId, AlertFiring a, String longWindow, String shortWindow) {
        AlertRow row = new AlertRow();
        row.setCandidate(c, sloId);
        row.tier = a.tier();
        row.severity = a.severity();
        row.firedAt = a.firedAtMillis();
        row.resolvedAt = a.resolvedAtMillis();
        row.longWindow = longWindow;
        row.shortWindow = shortWindow;
        row.rateThreshold = a.thresholdRate();
        row.longBurnRate = a.longBurnRate();
        row.shortBurnRate = a.shortBurnRate();
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

    static AlertQualityRow alertQuality(AlertQuality q) {
        AlertQualityRow row = new AlertQualityRow();
        row.setCandidate(q.candidate(), q.sloId());
        row.policy = q.policy();
        row.incidents = q.incidents();
        row.detected = q.detected();
        row.missed = q.missed();
        row.maxDetectionDelayMinutes = q.maxDetectionDelayMinutes();
        row.meanDetectionDelayMinutes = q.meanDetectionDelayMinutes();
        row.pages = q.pages();
        row.falsePages = q.falsePages();
        row.maxPagesPerMonth = q.maxPagesPerMonth();
        row.maxFalsePagesPerMonth = q.maxFalsePagesPerMonth();
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
        row.sli = c == null ? r.sli().id() : c.sliColumn();
        row.thresholdMs = r.sli() == SliKind.AVAILABILITY ? 0 : r.thresholdMs();
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
        row.policy = r.policy();
        row.evidence = r.evidence();
        row.pagesDetail = r.quality() == null ? "" : r.quality().pagesDetail();
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
