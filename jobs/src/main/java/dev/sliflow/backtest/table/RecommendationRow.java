package dev.sliflow.backtest.table;

import dev.sliflow.table.ColumnType;
import dev.sliflow.table.TableSchema;

/**
 * One row of {@code slo_recommendation}: the recommended target and alert policy of a journey's SLI, with
 * its evidence.
 */
public class RecommendationRow {
    public String journey;
    public String sli;
    public int thresholdMs;
    public double target;
    public String sloId;
    public String window;
    public String budgeting;
    public Double baseline;
    public Double worstAttainment;
    public int maxFreezeDaysPerQuarter;
    public int maxPagesPerMonth;
    public int freezeDays;
    public int pages;
    public boolean qualifies;
    public String policy;
    public String evidence;
    /** The first pages of the recommended target and policy, each with the known incident it belongs to. */
    public String pagesDetail = "";

    public static final TableSchema<RecommendationRow> SCHEMA = TableSchema.<RecommendationRow>builder(
                    "slo_recommendation", "Per journey and SLI: the tightest candidate target within the recommend limits"
                            + " and below the historical baseline, with the evidence.")
            .col("journey", ColumnType.STRING, "journey name", r -> r.journey)
            .col("sli", ColumnType.STRING, "availability | latency | pNN-<slice> (percentile time slices, e.g. p95-30m)", r -> r.sli)
            .col("threshold_ms", ColumnType.INT32, "latency threshold (0 for availability)", r -> r.thresholdMs)
            .col("target", ColumnType.DOUBLE, "recommended target", r -> r.target)
            .col("slo_id", ColumnType.STRING, "the recommended candidate", r -> r.sloId)
            .col("window", ColumnType.STRING, "its window", r -> r.window)
            .col("budgeting", ColumnType.STRING, "its budgeting method", r -> r.budgeting)
            .nullable("baseline", ColumnType.DOUBLE, "the SLI achieved over the whole history", r -> r.baseline)
            .nullable("worst_attainment", ColumnType.DOUBLE, "worst window attainment of the recommended candidate",
                    r -> r.worstAttainment)
            .col("max_freeze_days_per_quarter", ColumnType.INT32, "most freeze days in any calendar quarter",
                    r -> r.maxFreezeDaysPerQuarter)
            .col("max_pages_per_month", ColumnType.INT32, "most pages in any calendar month", r -> r.maxPagesPerMonth)
            .col("freeze_days", ColumnType.INT32, "freeze days over the history", r -> r.freezeDays)
            .col("pages", ColumnType.INT32, "pages over the history", r -> r.pages)
            .col("qualifies", ColumnType.BOOLEAN, "false when no candidate met the limits (the loosest is shown)",
                    r -> r.qualifies)
            .col("policy", ColumnType.STRING, "the alert policy recommended with the target (alert_quality)",
                    r -> r.policy)
            .col("evidence", ColumnType.STRING, "the trade-off in one sentence", r -> r.evidence)
            .col("pages_detail", ColumnType.STRING, "the first pages (up to 3) of the recommended target and policy and the"
                    + " known incident each belongs to, e.g. 2026-01-12 13:58 (incident 2026-01-12 13:54–14:12); 2026-02-11"
                    + " 04:12 (no known incident); empty when it would not have paged", r -> r.pagesDetail)
            .build();
}
