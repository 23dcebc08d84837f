package dev.sliflow.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of an input file in the output's lineage (a <em>source</em>): its <b>first line</b>
 * (decompressed; lines starting with {@code #}, W3C headers, skipped). A log file keeps its first
 * line while it grows and when logrotate renames or compresses it ({@code access.log.1} →
 * {@code access.log.2.gz}, {@code access.log-20260602} → {@code .gz}), and gets a new one when it
 * is rotated or truncated (copytruncate): so re-ingesting a file under any of its names replaces
 * what it contributed before, and new content under an old name (numbered rotation) is a new source.
 * A file without a line is identified by its path. The key is the first 64 bits of a SHA-256 (a
 * collision among the files of one output is ~n²/2⁶⁵: nil in practice); its 16 hex digits name the
 * source's folders in the lineage and fill the {@code source} column of the per-file tables.
 */
public final class SourceId {
    private SourceId() {}

    /** The key of a file without a line: of its path; never 0 (0 means "no source"). */
    public static long of(String path) {
        return hash("path:" + path);
    }

    /** A line longer than this is keyed by its first this many bytes. */
    public static final int MAX_KEY_LINE = 64 * 1024;

    /** Whether a line (no terminator) identifies its file: the first one that is not empty and not a '#' header. */
    public static boolean isKeyLine(byte[] b, int from, int to) {
        return to > from && b[from] != '#' && !(to - from == 1 && b[from] == '\r');
    }

    /** {@link #isKeyLine(byte[], int, int)} of a decoded line. */
    public static boolean isKeyLine(String line) {
        return !line.isEmpty() && line.charAt(0) != '#' && !"\r".equals(line);
    }

    /**
     * The key of a file whose first key line (without its terminator) is {@code firstLine}: a trailing '\r'
     * is not part of it, and only its first {@link #MAX_KEY_LINE} bytes count.
     */
    public static long ofFirstLine(byte[] firstLine) {
        int n = Math.min(firstLine.length, MAX_KEY_LINE);
        if (n > 0 && firstLine[n - 1] == '\r' && n == firstLine.length) {
            n--;
        }
        if (n != firstLine.length) {
            firstLine = java.util.Arrays.copyOf(firstLine, n);
        }
        byte[] b = new byte[firstLine.length + 5];
        System.arraycopy("line:".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 5);
        System.arraycopy(firstLine, 0, b, 5, firstLine.length);
        return hash(b);
    }

    private static long hash(String s) {
        return hash(s.getBytes(StandardCharsets.UTF_8));
    }

    private static long hash(byte[] bytes) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(bytes);
            long k = 0;
            for (int i = 0; i < 8; i++) {
                k = (k << 8) | (h[i] & 0xff);
            }
            return k == 0 ? 1 : k;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The key as the 16 hex digits that name its lineage folders ({@code src=<hex>}). */
    public static String hex(long key) {
        return HexFormat.of().toHexDigits(key);
    }

    /**
     * Where the batch ingest stages a row of sli_minute, sli_hour or sli_day within its table
     * (rollup.DayGroupMerger, flink.LineagePublish): {@code dt=D} a row of all the run's files (a merge of
     * several), {@code dt=D/src=S} a row of file S alone that is also the table's row (no other file of the
     * run has lines of its key), {@code dt=D/lin=S} a row of file S alone that only its lineage keeps (the
     * table holds the merge).
     */
    public static String stagingPath(String dt, long sourceKey, boolean lineageOnly) {
        if (sourceKey == 0) {
            return "dt=" + dt;
        }
        return "dt=" + dt + (lineageOnly ? "/lin=" : "/src=") + hex(sourceKey);
    }

}
