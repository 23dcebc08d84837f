package dev.sliflow.ingest;

/** A row that belongs to a {@code dt=YYYY-MM-DD} partition (its event date, UTC). */
public interface Partitioned {
    String dt();

    /**
     * The row's folder below its table: {@code dt=<date>}, or a folder inside it (the batch ingest
     * stages sli_minute rows per input file as {@code dt=<date>/src=<source>}, see SliMinuteRow).
     */
    default String partitionPath() {
        return "dt=" + dt();
    }
}
