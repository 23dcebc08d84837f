package dev.sliflow.backtest.table;

import dev.sliflow.table.ColumnType;
import dev.sliflow.table.TableSchema;

/**
 * One row of {@code alert_quality}: how one alert policy would have paged for one candidate SLO, scored
 * against the known incidents of its journey and SLI ({@link dev.sliflow.backtest.AlertQuality}).
 */
public class AlertQualityRow extends CandidateColumns {
    public String policy;
    public int incidents;
    public int detected;
    public int missed;
    public Integer maxDetectionDelayMinutes;
    public Double meanDetectionDelayMinutes;
    public int pages;
    public int falsePages;
    public int maxPagesPerMonth;
    public int maxFalsePagesPerMonth;

    public static final TableSchema<AlertQualityRow> SCHEMA = CandidateColumns.<AlertQualityRow>columns(
                    TableSchema.builder("alert_quality", "Per journey, candidate SLO and alert policy: its pages over the"
                            + " history, scored against the known incidents of the journey and SLI."))
            .col("policy", ColumnType.STRING, "alert policy name (the first one is the policy of the alerts table)",
                    r -> r.policy)
            .col("incidents", ColumnType.INT32, "known incidents of the journey and SLI overlapping the history",
                    r -> r.incidents)
            .col("detected", ColumnType.INT32, "incidents some page overlapped", r -> r.detected)
            .col("missed", ColumnType.INT32, "incidents no page overlapped", r -> r.missed)
            .nullable("max_detection_delay_minutes", ColumnType.INT32,
                    "longest time from a detected incident's start to its first page (0 when paging already; null: none detected)",
                    r -> r.maxDetectionDelayMinutes)
            .nullable("mean_detection_delay_minutes", ColumnType.DOUBLE,
                    "mean of those delays (null: none detected)", r -> r.meanDetectionDelayMinutes)
            .col("pages", ColumnType.INT32, "pages as the policy counts them", r -> r.pages)
            .col("false_pages", ColumnType.INT32, "pages overlapping no known incident of the journey and SLI",
                    r -> r.falsePages)
            .col("max_pages_per_month", ColumnType.INT32, "most pages in any calendar month", r -> r.maxPagesPerMonth)
            .col("max_false_pages_per_month", ColumnType.INT32, "most false pages in any calendar month",
                    r -> r.maxFalsePagesPerMonth)
            .build();
}
