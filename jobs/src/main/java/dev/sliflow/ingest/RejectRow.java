package dev.sliflow.ingest;

import dev.sliflow.table.ColumnType;
import dev.sliflow.table.TableSchema;

/** One row of the {@code rejects} table: an input line that could not be used, and why. */
public class RejectRow implements Partitioned {
    public String file;
    /** The file's lineage identity (SourceId, hex): which rows a re-ingest of the file replaces. */
    public String source;
    public long lineNumber;
    public String reasonCode;
    public String reason;
    public String snippet;
    public String dt;

    public RejectRow() {}

    public RejectRow(String file, long lineNumber, String reasonCode, String reason, String snippet) {
        this.file = file;
        this.lineNumber = lineNumber;
        this.reasonCode = reasonCode;
        this.reason = reason;
        this.snippet = snippet;
    }

    @Override
    public String dt() {
        return dt;
    }

    public static final TableSchema<RejectRow> SCHEMA = TableSchema.<RejectRow>builder(
                    "rejects", "Input lines that could not be parsed, with the reason; dt = event date of the"
                            + " nearest parsed line of the same file.")
            .col("file", ColumnType.STRING, "input file path", r -> r.file)
            .nullable("source", ColumnType.STRING, "the file's identity in the lineage (hash of its first line):"
                    + " a re-ingest of the file, under any name, replaces the rows of its source", r -> r.source)
            .col("line_number", ColumnType.INT64, "1-based line number in the (decompressed) file", r -> r.lineNumber)
            .col("reason_code", ColumnType.STRING, "stable reason code, e.g. bad_timestamp", r -> r.reasonCode)
            .col("reason", ColumnType.STRING, "human explanation", r -> r.reason)
            .col("snippet", ColumnType.STRING,
                    "start of the line, redacted (IPs, emails, query strings, tokens, quoted agents masked)",
                    r -> r.snippet)
            .build();
}
