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
    /** The lines as strings; null when the chunk carries them as {@link #data} bytes. */
    public String[] lines;
    /**
     * The lines as UTF-8 bytes, one after another without terminators (what the file source hands
     * on: a line is decoded only when it is not the plain shape the byte parser reads); line
     * {@code i} is {@code data[i == 0 ? 0 : ends[i - 1], ends[i])}. Null when {@link #lines} is used.
     */
    public byte[] data;
    public int[] ends;
    /** Lines in the chunk. */
    public int count;

    public RawLines() {}

    /** A chunk of {@code count} lines given as bytes (see {@link #data}). */
    public static RawLines ofBytes(String file, long fileMtime, long firstLineNo, byte[] data, int[] ends, int count) {
        RawLines r = new RawLines(file, fileMtime, firstLineNo, null, count);
        r.data = data;
        r.ends = ends;
        return r;
    }

    public RawLines(String file, long fileMtime, long firstLineNo, String[] lines, int count) {
        this.file = file;
        this.fileMtime = fileMtime;
        this.firstLineNo = firstLineNo;
        this.lines = lines;
        this.count = count;
    }
}
