package dev.sliflow.backtest.table;

import dev.sliflow.table.ColumnType;
import dev.sliflow.table.TableSchema;

/** One row of {@code sla_months}: a journey's SLA over one calendar month. */
public class SlaMonthRow {
    public String journey;
    public String month;
    public double target;
    public double attainment;
    public boolean breached;
    public double credit;

    public static final TableSchema<SlaMonthRow> SCHEMA = TableSchema.<SlaMonthRow>builder(
                    "sla_months", "Per journey with an SLA and calendar month: availability, breach and service credit.")
            .col("journey", ColumnType.STRING, "journey name", r -> r.journey)
            .col("month", ColumnType.STRING, "YYYY-MM (UTC)", r -> r.month)
            .col("target", ColumnType.DOUBLE, "SLA target", r -> r.target)
            .col("attainment", ColumnType.DOUBLE, "availability over the month (maintenance excluded)", r -> r.attainment)
            .col("breached", ColumnType.BOOLEAN, "attainment < target", r -> r.breached)
            .col("credit", ColumnType.DOUBLE, "service credit owed (share of the monthly fee)", r -> r.credit)
            .build();
}
