package dev.sliflow.report;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.sliflow.query.SqlRunner;
import dev.sliflow.sli.LatencySketch;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.flink.types.Row;

/**
 * What the HTML report shows, as plain records, and the loader that reads it from the tables of an
 * output folder with four Flink SQL queries (recommendations; daily results, and hourly alert counts,
 * of each recommendation's group of candidates; the hourly latency sketches of {@code sli_hour}).
 *
 * @param recommendations the rows of {@code slo_recommendation}
 * @param daily {@code slo_daily} rows of the candidates in a recommendation's group (same journey, SLI,
 *     threshold, window and budgeting as the recommended candidate: one per target)
 * @param latency per journey and UTC hour, latency percentiles of all the hour's requests
 * @param alerts per candidate of those groups, severity and UTC hour, the alert firings
 */
public record ReportData(List<Recommendation> recommendations, List<Daily> daily, List<Latency> latency,
        List<Alerts> alerts, List<Quality> quality) {

    /** The data without alert-quality rows (a backtest without incidents still has them; tests may leave them out). */
    public ReportData(List<Recommendation> recommendations, List<Daily> daily, List<Latency> latency, List<Alerts> alerts) {
        this(recommendations, daily, latency, alerts, List.of());
    }

    /**
     * A row of {@code alert_quality} of a recommended candidate: how one alert policy would have paged for it,
     * scored against the known incidents.
     */
    public record Quality(String sloId, String policy, int incidents, int detected, Integer maxDelayMinutes, int pages,
            int falsePages, int maxFalsePagesPerMonth) {}

    /** A candidate SLO; {@link #group()} identifies the recommendation group it belongs to. */
    public record Slo(String journey, String sloId, String sli, int thresholdMs, double target, String window,
            String budgeting) {
        /** The recommendation group: journey, SLI, threshold, window and budgeting. */
        public String group() {
            return String.join("|", journey, sli, Integer.toString(thresholdMs), window, budgeting);
        }
    }

    /** A row of {@code slo_recommendation}; {@code slo} is the recommended candidate. */
    public record Recommendation(Slo slo, double baseline, double worstAttainment, int maxFreezeDaysPerQuarter,
            int maxPagesPerMonth, int freezeDays, int pages, boolean qualifies, String evidence, String policy,
            String pagesDetail) {
        /** Without an alert policy (a backtest before alert policies, and tests). */
        public Recommendation(Slo slo, double baseline, double worstAttainment, int maxFreezeDaysPerQuarter,
                int maxPagesPerMonth, int freezeDays, int pages, boolean qualifies, String evidence) {
            this(slo, baseline, worstAttainment, maxFreezeDaysPerQuarter, maxPagesPerMonth, freezeDays, pages, qualifies,
                    evidence, "", "");
        }
    }

    /** One candidate's evaluated day: window attainment, budget remaining and policy state. */
    public record Daily(Slo slo, LocalDate day, double attainment, double budgetRemaining, String policyState,
            Double daysToExhaustion) {
        /** Without a time to exhaustion (tests). */
        public Daily(Slo slo, LocalDate day, double attainment, double budgetRemaining, String policyState) {
            this(slo, day, attainment, budgetRemaining, policyState, null);
        }
    }

    /**
     * The p50 and p99 latencies of one journey over one hour: of all its requests, from the hour's
     * merged sketches (those of {@code sli_hour}, merged across regions) — not a mean of minute
     * percentiles, which would flatten a spike of a few minutes.
     */
    public record Latency(String journey, Instant hour, double p50Ms, double p99Ms) {}

    /** How many alerts of one severity a candidate fired within one hour. */
    public record Alerts(Slo slo, String severity, Instant hour, int count) {}

    private static final String GROUP_JOIN = " JOIN slo_recommendation r ON x.journey = r.journey AND x.sli = r.sli"
            + " AND x.threshold_ms = r.threshold_ms AND x.`window` = r.`window` AND x.budgeting = r.budgeting";
    private static final String SLO_COLUMNS = "x.journey, x.slo_id, x.sli, x.threshold_ms, x.target, x.`window`, x.budgeting";

    /** Reads the report's data from the tables of {@code runner}'s output folder. */
    public static ReportData load(SqlRunner runner) {
        List<Recommendation> recs = query(runner, "SELECT " + SLO_COLUMNS + ", x.baseline, x.worst_attainment,"
                + " x.max_freeze_days_per_quarter, x.max_pages_per_month, x.freeze_days, x.pages, x.qualifies, x.evidence,"
                + " x.policy, x.pages_detail FROM slo_recommendation x ORDER BY x.journey, x.sli, x.threshold_ms",
                r -> new Recommendation(slo(r), dbl(r, 7), dbl(r, 8), (Integer) r.getField(9), (Integer) r.getField(10),
                        (Integer) r.getField(11), (Integer) r.getField(12), (Boolean) r.getField(13), (String) r.getField(14),
                        str(r, 15), str(r, 16)));
        List<Daily> daily = query(runner, "SELECT " + SLO_COLUMNS + ", x.`day`, x.attainment, x.budget_remaining,"
                + " x.policy_state, x.days_to_exhaustion FROM slo_daily x" + GROUP_JOIN + " ORDER BY x.slo_id, x.`day`",
                r -> new Daily(slo(r), (LocalDate) r.getField(7), dbl(r, 8), dbl(r, 9), (String) r.getField(10),
                        (Double) r.getField(11)));
        List<Latency> latency = latency(runner);
        List<Alerts> alerts = query(runner, "SELECT " + SLO_COLUMNS + ", x.severity, FLOOR(x.fired_at TO HOUR) AS h,"
                + " CAST(COUNT(*) AS INT) FROM alerts x" + GROUP_JOIN + " GROUP BY " + SLO_COLUMNS
                + ", x.severity, FLOOR(x.fired_at TO HOUR) ORDER BY h",
                r -> new Alerts(slo(r), (String) r.getField(7), (Instant) r.getField(8), (Integer) r.getField(9)));
        List<Quality> quality = query(runner, "SELECT q.slo_id, q.policy, q.incidents, q.detected,"
                + " q.max_detection_delay_minutes, q.pages, q.false_pages, q.max_false_pages_per_month FROM alert_quality q"
                + " JOIN slo_recommendation r ON q.slo_id = r.slo_id ORDER BY q.slo_id, q.policy",
                r -> new Quality((String) r.getField(0), (String) r.getField(1), (Integer) r.getField(2),
                        (Integer) r.getField(3), (Integer) r.getField(4), (Integer) r.getField(5), (Integer) r.getField(6),
                        (Integer) r.getField(7)));
        return new ReportData(recs, daily, latency, alerts, quality);
    }

    /**
     * Per journey and hour, p50 and p99 from the hour's {@code sli_hour} sketches merged across the
     * journey's regions (one row per region; with no region rule there is one).
     */
    public static List<Latency> latency(SqlRunner runner) {
        List<Latency> out = new ArrayList<>();
        String journey = null;
        Instant hour = null;
        DDSketch merged = null;
        for (Row r : runner.run("SELECT journey, `hour`, latency_sketch FROM sli_hour WHERE with_latency > 0"
                + " ORDER BY journey, `hour`").rows) {
            String j = (String) r.getField(0);
            Instant h = (Instant) r.getField(1);
            if (!j.equals(journey) || !h.equals(hour)) {
                addLatency(out, journey, hour, merged);
                journey = j;
                hour = h;
                merged = LatencySketch.create();
            }
            merged.mergeWith(LatencySketch.fromBytes((byte[]) r.getField(2)));
        }
        addLatency(out, journey, hour, merged);
        return out;
    }

    private static void addLatency(List<Latency> out, String journey, Instant hour, DDSketch merged) {
        if (merged != null) {
            double[] q = LatencySketch.quantiles(merged, 0.50, 0.99);
            out.add(new Latency(journey, hour, q[0], q[1]));
        }
    }

    private static <T> List<T> query(SqlRunner runner, String sql, Function<Row, T> mapper) {
        List<T> out = new ArrayList<>();
        for (Row r : runner.run(sql).rows) {
            out.add(mapper.apply(r));
        }
        return out;
    }

    private static Slo slo(Row r) {
        return new Slo((String) r.getField(0), (String) r.getField(1), (String) r.getField(2), (Integer) r.getField(3),
                dbl(r, 4), (String) r.getField(5), (String) r.getField(6));
    }

    private static String str(Row r, int i) {
        Object v = r.getField(i);
        return v == null ? "" : (String) v;
    }

    private static double dbl(Row r, int i) {
        Object v = r.getField(i);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }
}
