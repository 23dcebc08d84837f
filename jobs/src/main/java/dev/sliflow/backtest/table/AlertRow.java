package dev.sliflow.backtest.table;

import dev.sliflow.ingest.Partitioned;
import dev.sliflow.table.ColumnType;
import dev.sliflow.table.TableSchema;

/** One row of {@code alerts}: a burn-rate alert firing a candidate would have produced. */
public class AlertRow extends CandidateColumns implements Partitioned {
    public String tier;
    public String severity;
    public long firedAt;
    public Long resolvedAt;
    public String longWindow;
    public String shortWindow;
    public double rateThreshold;
    public double longBurnRate;
    public double shortBurnRate;
    public String dt;

    @Override
    public String dt() {
        return dt;
    }

    public static final TableSchema<AlertRow> SCHEMA = CandidateColumns.<AlertRow>columns(TableSchema.builder(
                    "alerts", "Every multi-window burn-rate alert firing of every candidate."))
            .col("tier", ColumnType.STRING, "tier name, e.g. page-1h", r -> r.tier)
            .col("severity", ColumnType.STRING, "page | ticket", r -> r.severity)
            .col("fired_at", ColumnType.TIMESTAMP_MILLIS_UTC, "start of the minute at whose end the condition became true",
                    r -> r.firedAt)
            .nullable("resolved_at", ColumnType.TIMESTAMP_MILLIS_UTC,
                    "start of the first minute at whose end it was false again (null: still firing at the end)",
                    r -> r.resolvedAt)
            .col("long_window", ColumnType.STRING, "long window, e.g. 1h", r -> r.longWindow)
            .col("short_window", ColumnType.STRING, "short window, e.g. 5m", r -> r.shortWindow)
            .col("rate_threshold", ColumnType.DOUBLE, "burn rate both windows had to exceed", r -> r.rateThreshold)
            .col("long_burn_rate", ColumnType.DOUBLE, "burn rate over the long window when it fired", r -> r.longBurnRate)
            .col("short_burn_rate", ColumnType.DOUBLE, "burn rate over the short window when it fired", r -> r.shortBurnRate)
            .withoutDictionary("fired_at", "resolved_at")
            .build();
}
