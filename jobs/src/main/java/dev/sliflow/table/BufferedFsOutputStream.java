package dev.sliflow.table;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.core.fs.FSDataOutputStream;

/**
 * A buffer in front of a Flink file system's output stream, for Parquet writers. Parquet serializes
 * its page headers and its footer (Thrift) one byte at a time, and Flink's local file system stream
 * is not buffered: every byte was a {@code write} system call, ~5 ms for the footer of even a
 * 60-row file — most of the time of writing an ingest's small tables (sli_hour, sli_day, ingest_audit)
 * and a fixed cost per date and table of every other. The position counts the buffered bytes, as
 * Parquet's offsets need.
 *
 * <p>{@link #flush()} writes the buffer through; {@link #close()} flushes and closes the stream below.
 */
public final class BufferedFsOutputStream extends FSDataOutputStream {
    static final int BUFFER_BYTES = 64 * 1024;
    private final FSDataOutputStream out;
    private final byte[] buf = new byte[BUFFER_BYTES];
    private int count;

    public BufferedFsOutputStream(FSDataOutputStream out) {
        this.out = Objects.requireNonNull(out);
    }

    @Override
    public long getPos() throws IOException {
        return out.getPos() + count;
    }

    @Override
    public void write(int b) throws IOException {
        if (count == buf.length) {
            drain();
        }
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len >= buf.length) {
            drain(); // a large array (a page): past the buffer, in one call
            out.write(b, off, len);
            return;
        }
        if (len > buf.length - count) {
            drain();
        }
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    private void drain() throws IOException {
        if (count > 0) {
            out.write(buf, 0, count);
            count = 0;
        }
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void sync() throws IOException {
        drain();
        out.sync();
    }

    @Override
    public void close() throws IOException {
        try {
            drain();
        } finally {
            out.close();
        }
    }
}
