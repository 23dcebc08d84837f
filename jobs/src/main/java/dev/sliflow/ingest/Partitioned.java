package dev.sliflow.ingest;

/** A row that belongs to a {@code dt=YYYY-MM-DD} partition (its event date, UTC). */
public interface Partitioned {
    String dt();
}
