package dev.sliflow.ingest;

import dev.sliflow.table.ColumnType;
import dev.sliflow.table.TableSchema;

/**
 * One row of {@code late_events} (streaming): journey requests that arrived after their minute was
 * closed by the watermark. Two kinds, told apart by {@code line_number}: a line the parse step itself
 * found late (its minute closed by the reader's own watermark, or before the checkpoint a stream was
 * restored from): one row per line, {@code requests} = 1; and a pre-aggregated partial that reached
 * its minute's event-time window after the window had fired (another reader had moved event time on
 * — Flink's window side output): one row per file × journey × region × minute, {@code requests} = its
 * request count, no line number. Either way the requests are not in {@code sli_minute}.
 */
public class LateRow implements Partitioned {
    public String file;
    /** 1-based line number; null for a late partial (many lines). */
    public Long lineNumber;
    /** The line's timestamp; for a late partial, the start of its minute. */
    public long eventTime;
    public String journey;
    public String region;
    /** Start of the minute the requests belong to. */
    public long minute;
    /** Journey requests in this row (1 for a line). */
    public long requests;
    /** Minutes before this were closed when the line arrived; null for a late partial (judged by the window). */
    public Long closedBefore;
    public String dt;

    public LateRow() {}

    /** A line the parse step found late (its minute starts before {@code closedBefore}). */
    public LateRow(String file, long lineNumber, long eventTime, String journey, String region, long closedBefore) {
        this.file = file;
        this.lineNumber = lineNumber;
        this.eventTime = eventTime;
        this.journey = journey;
        this.region = region;
        this.minute = Dates.minuteStart(eventTime);
        this.requests = 1;
        this.closedBefore = closedBefore;
        this.dt = Dates.dt(eventTime);
    }

    /**
     * A partial aggregate that reached its minute's window after the window had fired: its requests,
     * counted as matched in ingest_audit, are late. {@code file}: the input file it came from, or null.
     */
    public static LateRow ofPartial(SliPartial p, String file) {
        LateRow r = new LateRow();
        r.file = file;
        r.eventTime = p.minute;
        r.journey = p.journey;
        r.region = p.region;
        r.minute = p.minute;
        r.requests = p.total;
        r.dt = Dates.dt(p.minute);
        return r;
    }

    @Override
    public String dt() {
        return dt;
    }

    public static final TableSchema<LateRow> SCHEMA = TableSchema.<LateRow>builder(
                    "late_events", "Streaming: journey requests whose minute was already closed by the watermark when they"
                            + " arrived; in neither sli_minute nor any other minute. sum(requests) + sum(sli_minute.total) ="
                            + " sum(ingest_audit.matched + ingest_audit.late).")
            .nullable("file", ColumnType.STRING, "input file path (null when not known)", r -> r.file)
            .nullable("line_number", ColumnType.INT64, "1-based line number of a late line; null for a late partial",
                    r -> r.lineNumber)
            .col("event_time", ColumnType.TIMESTAMP_MILLIS_UTC, "the line's timestamp (a late partial: its minute)",
                    r -> r.eventTime)
            .col("journey", ColumnType.STRING, "journey it matched", r -> r.journey)
            .col("region", ColumnType.STRING, "region (empty when not configured)", r -> r.region)
            .col("minute", ColumnType.TIMESTAMP_MILLIS_UTC, "start of the minute the requests belong to", r -> r.minute)
            .col("requests", ColumnType.INT64, "journey requests in the row: 1 for a line, the count of a late partial",
                    r -> r.requests)
            .nullable("closed_before", ColumnType.TIMESTAMP_MILLIS_UTC, "a late line: minutes before this were closed"
                    + " when it arrived; null for a late partial", r -> r.closedBefore)
            .build();
}
