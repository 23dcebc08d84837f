package dev.sliflow.ingest;

import dev.sliflow.table.ColumnType;
import dev.sliflow.table.TableSchema;

/**
 * One row of {@code ingest_audit}: what happened to the lines of one input file that fall on one
 * event date. Invariants: read = parsed + rejected + non_access; parsed = matched + excluded + unmatched (+ late,
 * in streaming). Mergeable by addition.
 */
public class AuditRow implements Partitioned {
    public String file;
    /** The file's lineage identity (SourceId, hex): which rows a re-ingest of the file replaces. */
    public String source;
    public String format;
    public String dt;
    public long linesRead;
    public long parsed;
    public long rejected;
    /** Lines that are no request: W3C directives ({@code #Fields:} …), servers' own messages. */
    public long nonAccess;
    public long matched;
    public long excluded;
    public long unmatched;
    public long late;
    /** Rejected lines beyond the per-file limit of kept rejects (counted in rejected, not in rejects). */
    public long rejectsNotKept;
    /**
     * Matched lines whose region value came beyond the catalog's {@code max_regions} distinct ones:
     * counted under region "(other)" (in matched, and in sli_minute).
     */
    public long regionOverflow;
    /** Epoch ms, Long.MAX_VALUE when no parsed line. */
    public long firstTs = Long.MAX_VALUE;
    /** Epoch ms, Long.MIN_VALUE when no parsed line. */
    public long lastTs = Long.MIN_VALUE;

    public AuditRow() {}

    public AuditRow(String file, String format, String dt) {
        this.file = file;
        this.format = format;
        this.dt = dt;
    }

    @Override
    public String dt() {
        return dt;
    }

    public String key() {
        return file + '\u0001' + dt;
    }

    public static AuditRow merge(AuditRow a, AuditRow b) {
        AuditRow r = new AuditRow(a.file, a.format, a.dt);
        r.source = a.source;
        r.linesRead = a.linesRead + b.linesRead;
        r.parsed = a.parsed + b.parsed;
        r.rejected = a.rejected + b.rejected;
        r.nonAccess = a.nonAccess + b.nonAccess;
        r.matched = a.matched + b.matched;
        r.excluded = a.excluded + b.excluded;
        r.unmatched = a.unmatched + b.unmatched;
        r.late = a.late + b.late;
        r.rejectsNotKept = a.rejectsNotKept + b.rejectsNotKept;
        r.regionOverflow = a.regionOverflow + b.regionOverflow;
        r.firstTs = Math.min(a.firstTs, b.firstTs);
        r.lastTs = Math.max(a.lastTs, b.lastTs);
        return r;
    }

    public static final TableSchema<AuditRow> SCHEMA = TableSchema.<AuditRow>builder(
                    "ingest_audit", "Per input file and event date: lines read, parsed, rejected, excluded,"
                            + " unmatched. read = parsed + rejected + non_access; parsed = matched + excluded + unmatched + late.")
            .col("file", ColumnType.STRING, "input file path", r -> r.file)
            .nullable("source", ColumnType.STRING, "the file's identity in the lineage (hash of its first line):"
                    + " a re-ingest of the file, under any name, replaces the rows of its source", r -> r.source)
            .col("format", ColumnType.STRING, "log format used for the file (detected with --format auto)", r -> r.format)
            .col("lines_read", ColumnType.INT64, "lines read", r -> r.linesRead)
            .col("parsed", ColumnType.INT64, "lines parsed", r -> r.parsed)
            .col("rejected", ColumnType.INT64, "lines rejected (see rejects)", r -> r.rejected)
            .col("non_access", ColumnType.INT64, "lines that are no request, counted apart from rejects: W3C"
                    + " directives (#Fields: …)", r -> r.nonAccess)
            .col("matched", ColumnType.INT64, "parsed lines that matched a journey", r -> r.matched)
            .col("excluded", ColumnType.INT64, "parsed lines matching an exclude rule", r -> r.excluded)
            .col("unmatched", ColumnType.INT64, "parsed lines matching no journey", r -> r.unmatched)
            .col("late", ColumnType.INT64, "parsed lines too late for their window (streaming)", r -> r.late)
            .col("rejects_not_kept", ColumnType.INT64,
                    "rejected lines beyond --max-rejects-per-file: counted in rejected, not itemised in rejects",
                    r -> r.rejectsNotKept)
            .col("region_overflow", ColumnType.INT64,
                    "matched lines whose region came beyond the catalog's max_regions: counted under region (other)",
                    r -> r.regionOverflow)
            .nullable("first_ts", ColumnType.TIMESTAMP_MILLIS_UTC, "earliest parsed timestamp",
                    r -> r.firstTs == Long.MAX_VALUE ? null : r.firstTs)
            .nullable("last_ts", ColumnType.TIMESTAMP_MILLIS_UTC, "latest parsed timestamp",
                    r -> r.lastTs == Long.MIN_VALUE ? null : r.lastTs)
            .build();
}
