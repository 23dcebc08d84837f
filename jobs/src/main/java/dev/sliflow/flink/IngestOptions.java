package dev.sliflow.flink;

import dev.sliflow.ingest.DateRange;
import dev.sliflow.parse.LogFormat;
import dev.sliflow.parse.ParserOptions;
import java.io.Serializable;
import java.util.List;

/** Typed options of the ingest job. */
public final class IngestOptions implements Serializable {
    private static final long serialVersionUID = 1L;
    public List<String> logs;
    public String journeys;
    public String out;
    public LogFormat format = LogFormat.AUTO;
    /** The parsers' settings; for {@link LogFormat#DECLARED}, the declared layout. */
    public ParserOptions parserOptions = ParserOptions.defaults();
    public DateRange range = DateRange.all();
    public int parallelism = Math.max(1, Runtime.getRuntime().availableProcessors());
    public int maxLineLength = 64 * 1024;
    public int maxRejectsPerFile = dev.sliflow.ingest.IngestCore.DEFAULT_MAX_REJECTS_PER_FILE;
    /** Print progress lines to stderr while the job runs. */
    public boolean progress = true;
    /** With {@code --format auto}: leave out input files in no known format instead of stopping (InputFormats). */
    public boolean skipUnknownFiles;
}
