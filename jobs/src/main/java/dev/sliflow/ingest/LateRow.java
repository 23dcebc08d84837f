package dev.sliflow.ingest;

import dev.sliflow.table.ColumnType;
import dev.sliflow.table.TableSchema;

/** One row of {@code late_events}: a parsed line that arrived after its minute was closed (streaming). */
public class LateRow implements Partitioned {
    public String file;
    public long lineNumber;
    public long eventTime;
    public String journey;
    public long closedBefore;
    public String dt;

    public LateRow() {}

    public LateRow(String file, long lineNumber, long eventTime, String journey, long closedBefore) {
        this.file = file;
        this.lineNumber = lineNumber;
        this.eventTime = eventTime;
        this.journey = journey;
        this.closedBefore = closedBefore;
        this.dt = Dates.dt(eventTime);
    }

    @Override
    public String dt() {
        return dt;
    }

    public static final TableSchema<LateRow> SCHEMA = TableSchema.<LateRow>builder(
                    "late_events", "Streaming: journey requests whose minute was already closed by the watermark when they"
                            + " arrived; counted as late in ingest_audit, not in sli_minute.")
            .col("file", ColumnType.STRING, "input file path", r -> r.file)
            .col("line_number", ColumnType.INT64, "1-based line number", r -> r.lineNumber)
            .col("event_time", ColumnType.TIMESTAMP_MILLIS_UTC, "the line's timestamp", r -> r.eventTime)
            .col("journey", ColumnType.STRING, "journey it matched", r -> r.journey)
            .col("closed_before", ColumnType.TIMESTAMP_MILLIS_UTC, "minutes before this were closed when it arrived",
                    r -> r.closedBefore)
            .build();
}
