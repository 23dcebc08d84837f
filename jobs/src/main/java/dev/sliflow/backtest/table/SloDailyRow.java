package dev.sliflow.backtest.table;

import dev.sliflow.ingest.Partitioned;
import dev.sliflow.table.ColumnType;
import dev.sliflow.table.TableSchema;

/** One row of {@code slo_daily}: a candidate SLO on one evaluated day. */
public class SloDailyRow extends CandidateColumns implements Partitioned {
    public int day;
    public double attainment;
    public double budgetRemaining;
    public String policyState;
    public int pages;
    public int tickets;
    public double burnRateDay;
    public double burnRateWindow;
    public Double daysToExhaustion;
    public String dt;

    @Override
    public String dt() {
        return dt;
    }

    public static final TableSchema<SloDailyRow> SCHEMA = CandidateColumns.<SloDailyRow>columns(TableSchema.builder(
                    "slo_daily", "Per journey, candidate SLO and evaluated day: attainment of the window ending that day,"
                            + " error budget remaining, policy state and alerts fired."))
            .col("day", ColumnType.DATE, "the evaluated day (UTC); the window ends at its end", r -> r.day)
            .col("attainment", ColumnType.DOUBLE, "SLI over the window ending at the end of the day", r -> r.attainment)
            .col("budget_remaining", ColumnType.DOUBLE, "1 - consumed/allowed over the window (negative = overspent)",
                    r -> r.budgetRemaining)
            .col("policy_state", ColumnType.STRING, "healthy | alert | pause | freeze (error-budget policy)", r -> r.policyState)
            .col("pages", ColumnType.INT32, "page-severity burn-rate alerts that fired this day", r -> r.pages)
            .col("tickets", ColumnType.INT32, "ticket-severity burn-rate alerts that fired this day", r -> r.tickets)
            .col("burn_rate_day", ColumnType.DOUBLE, "error ratio of the day's events / (1 - target)", r -> r.burnRateDay)
            .col("burn_rate_window", ColumnType.DOUBLE, "(1 - attainment) / (1 - target) over the window", r -> r.burnRateWindow)
            .nullable("days_to_exhaustion", ColumnType.DOUBLE, "days until the budget left runs out at the day's burn rate"
                    + " (lookback: the day): budget_remaining x window days / burn_rate_day; 0 when spent, null when the day"
                    + " burnt none", r -> r.daysToExhaustion)
            .build();
}
