package dev.sliflow.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads UTF-8 text line by line with the line semantics of {@link java.io.BufferedReader#readLine()}:
 * a line ends at {@code \n}, {@code \r} or {@code \r\n}; a last line without a terminator is still a
 * line; invalid UTF-8 becomes replacement characters, never an exception.
 *
 * <p>Unlike a {@code BufferedReader} over an {@code InputStreamReader}, it finds line ends in the
 * bytes (eight at a time) and decodes each line once, straight into a compact {@code String} (an
 * ASCII line is a plain copy): no intermediate {@code char[]}, no second scan. Lines of any length
 * are supported (the buffer grows as needed).
 */
public final class Utf8LineReader implements Closeable {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long BELOW_0E = 0x0E0E0E0E0E0E0E0EL;

    private final InputStream in;
    private byte[] buf;
    private int pos;
    private int lim;
    private boolean eof;
    /** The last line ended with {@code \r}: a {@code \n} right after it belongs to that line end. */
    private boolean skipLf;

    public Utf8LineReader(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[Math.max(64, bufferSize)];
    }

    /** The bytes of the line {@link #nextLine} found: {@code buffer()[lineStart(), lineEnd())}. */
    private int lineStart;
    private int lineEnd;

    /** @return the next line without its terminator, or null at the end of the input */
    public String readLine() throws IOException {
        return nextLine() ? new String(buf, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8) : null;
    }

    /**
     * Finds the next line without decoding it: its UTF-8 bytes (without the terminator) are then
     * {@code buffer()[lineStart(), lineEnd())}, valid until the next call.
     *
     * @return false at the end of the input
     */
    public boolean nextLine() throws IOException {
        if (skipLf) {
            if (pos >= lim && !fill()) {
                return false;
            }
            if (buf[pos] == '\n') {
                pos++;
            }
            skipLf = false;
        }
        int scan = pos;
        while (true) {
            int eol = findEol(buf, scan, lim);
            if (eol >= 0) {
                lineStart = pos;
                lineEnd = eol;
                if (buf[eol] == '\r') {
                    skipLf = true;
                }
                pos = eol + 1;
                return true;
            }
            int scanned = lim - pos;
            if (!fill()) {
                if (lim > pos) {
                    lineStart = pos;
                    lineEnd = lim;
                    pos = lim;
                    return true;
                }
                return false;
            }
            scan = pos + scanned;
        }
    }

    /** The buffer holding the line {@link #nextLine} found (it may change with every call). */
    public byte[] buffer() {
        return buf;
    }

    public int lineStart() {
        return lineStart;
    }

    public int lineEnd() {
        return lineEnd;
    }

    /**
     * Reads more bytes after the unconsumed ones (moved to the front, the buffer grown when they
     * fill it). @return false at the end of the input (nothing was added)
     */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int keep = lim - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, keep);
            pos = 0;
            lim = keep;
        }
        if (lim == buf.length) {
            byte[] bigger = new byte[buf.length * 2];
            System.arraycopy(buf, 0, bigger, 0, lim);
            buf = bigger;
        }
        while (true) {
            int n = in.read(buf, lim, buf.length - lim);
            if (n < 0) {
                eof = true;
                return false;
            }
            if (n > 0) {
                lim += n;
                return true;
            }
        }
    }

    /** Index of the first {@code \n} or {@code \r} in {@code b[from, to)}, or -1. */
    static int findEol(byte[] b, int from, int to) {
        int i = from;
        for (int last = to - 8; i <= last; ) {
            long w = (long) LONGS.get(b, i);
            // one test for both terminators: the bytes below 0x0E (\n is 0x0A, \r 0x0D; the other control
            // bytes there, such as a tab, are rare in logs and only cost a step), exact for the lowest one
            long hit = (w - BELOW_0E) & ~w & HIGHS;
            if (hit == 0) {
                i += 8;
                continue;
            }
            int j = i + (Long.numberOfTrailingZeros(hit) >>> 3);
            byte c = b[j];
            if (c == '\n' || c == '\r') {
                return j;
            }
            i = j + 1;
        }
        for (; i < to; i++) {
            byte c = b[i];
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
