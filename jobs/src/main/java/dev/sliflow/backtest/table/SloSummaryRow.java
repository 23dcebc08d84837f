package dev.sliflow.backtest.table;

import dev.sliflow.table.ColumnType;
import dev.sliflow.table.TableSchema;

/** One row of {@code slo_summary}: a candidate over the whole backtest range. */
public class SloSummaryRow extends CandidateColumns {
    public int daysEvaluated;
    public int daysMet;
    public Double worstAttainment;
    public int daysHealthy;
    public int daysAlert;
    public int daysPause;
    public int daysFreeze;
    public int pages;
    public int tickets;
    public Double budgetRemainingEnd;

    public static final TableSchema<SloSummaryRow> SCHEMA = CandidateColumns.<SloSummaryRow>columns(TableSchema.builder(
                    "slo_summary", "Per journey and candidate SLO over the backtest range."))
            .col("days_evaluated", ColumnType.INT32, "days with a whole window of history", r -> r.daysEvaluated)
            .col("days_met", ColumnType.INT32, "evaluated days whose attainment >= target", r -> r.daysMet)
            .nullable("worst_attainment", ColumnType.DOUBLE, "lowest daily attainment (null: no day evaluated)",
                    r -> r.worstAttainment)
            .col("days_healthy", ColumnType.INT32, "days in policy state healthy", r -> r.daysHealthy)
            .col("days_alert", ColumnType.INT32, "days in policy state alert", r -> r.daysAlert)
            .col("days_pause", ColumnType.INT32, "days in policy state pause", r -> r.daysPause)
            .col("days_freeze", ColumnType.INT32, "days in policy state freeze", r -> r.daysFreeze)
            .col("pages", ColumnType.INT32, "page alerts fired", r -> r.pages)
            .col("tickets", ColumnType.INT32, "ticket alerts fired", r -> r.tickets)
            .nullable("budget_remaining_end", ColumnType.DOUBLE, "budget remaining on the last evaluated day",
                    r -> r.budgetRemainingEnd)
            .build();
}
