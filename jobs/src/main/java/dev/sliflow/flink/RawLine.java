package dev.sliflow.flink;

/** One line of an input file with where it came from (a Flink POJO). */
public class RawLine {
    public String file;
    public long fileMtime;
    /** 1-based line number in the decompressed file. */
    public long lineNo;
    public String text;

    public RawLine() {}

    public RawLine(String file, long fileMtime, long lineNo, String text) {
        this.file = file;
        this.fileMtime = fileMtime;
        this.lineNo = lineNo;
        this.text = text;
    }
}
