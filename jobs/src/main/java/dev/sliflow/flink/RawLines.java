package dev.sliflow.flink;

/**
 * Consecutive lines of one input file with where they came from (a Flink POJO). The source hands
 * lines on in chunks so that the per-record cost of the runtime is paid once per chunk, not once
 * per line; the chunk is chained into the parse operator and never serialized.
 */
public class RawLines {
    public String file;
    public long fileMtime;
    /** 1-based line number of {@code lines[0]} in the decompressed file. */
    public long firstLineNo;
    public String[] lines;
    /** Lines used in {@link #lines}. */
    public int count;

    public RawLines() {}

    public RawLines(String file, long fileMtime, long firstLineNo, String[] lines, int count) {
        this.file = file;
        this.fileMtime = fileMtime;
        this.firstLineNo = firstLineNo;
        this.lines = lines;
        this.count = count;
    }
}
