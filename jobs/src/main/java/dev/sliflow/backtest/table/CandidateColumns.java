package dev.sliflow.backtest.table;

import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.SliKind;
import dev.sliflow.table.ColumnType;
import dev.sliflow.table.TableSchema;

/** The columns that name a candidate SLO, shared by the backtest tables. */
public abstract class CandidateColumns {
    public String journey;
    public String sloId;
    public String sli;
    public int thresholdMs;
    public double target;
    public String window;
    public String budgeting;

    public void setCandidate(Candidate c) {
        setCandidate(c, c.sloId());
    }

    /** As {@link #setCandidate(Candidate)} with the candidate's {@code sloId} already at hand (it is formatted). */
    public void setCandidate(Candidate c, String sloId) {
        journey = c.journey();
        this.sloId = sloId;
        sli = c.sliColumn();
        thresholdMs = c.sli() == SliKind.AVAILABILITY ? 0 : c.thresholdMs();
        target = c.target();
        window = c.window().id();
        budgeting = c.budgeting().id();
    }

    static <T extends CandidateColumns> TableSchema.Builder<T> columns(TableSchema.Builder<T> b) {
        return b.col("journey", ColumnType.STRING, "journey name", r -> r.journey)
                .col("slo_id", ColumnType.STRING, "candidate id: journey-sli[-threshold][-slice]-target-window-budgeting", r -> r.sloId)
                .col("sli", ColumnType.STRING, "availability | latency | pNN-<slice> (percentile time slices, e.g. p95-30m)", r -> r.sli)
                .col("threshold_ms", ColumnType.INT32, "latency threshold (0 for availability)", r -> r.thresholdMs)
                .col("target", ColumnType.DOUBLE, "candidate target, e.g. 0.999", r -> r.target)
                .col("window", ColumnType.STRING, "rolling Nd or calendar-week|month|quarter", r -> r.window)
                .col("budgeting", ColumnType.STRING, "occurrences | timeslices | ratio-timeslices", r -> r.budgeting);
    }
}
