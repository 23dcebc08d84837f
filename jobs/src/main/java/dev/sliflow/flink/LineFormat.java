package dev.sliflow.flink;

import dev.sliflow.ingest.Gunzip;
import dev.sliflow.ingest.Utf8LineReader;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.ArrayBlockingQueue;
import org.apache.flink.api.common.io.compression.GzipInflaterInputStreamFactory;
import org.apache.flink.api.common.io.compression.InflaterInputStreamFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.compression.StandardDeCompressors;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.SingletonResultIterator;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.Path;

/**
 * Reads text files (plain, .gz, .bz2, .xz, .zst, .deflate) line by line, tagging every line with
 * its file and 1-based line number — what {@code TextLineInputFormat} cannot, and what the
 * rejects table and the audit need. Files are never split. The checkpointed position is the number
 * of lines already emitted, so a restored reader skips exactly those (works for compressed files).
 * Lines are handed on as their bytes in chunks ({@link RawLines#data}), not as a string each: the
 * parse operator decodes only the lines its parser's byte fast path does not read; invalid UTF-8
 * is then decoded with replacement characters, never an exception.
 *
 * <p>A file that cannot be read to its end fails the run with an {@link InputFileException} naming
 * the file and the problem: vanished between listing and opening, not a regular file (a FIFO would
 * block forever), an I/O error, compressed data that ends early (a truncated {@code .gz}), or an
 * uncompressed file that ends before the size it had when the input was listed (truncated while
 * being read).
 */
public final class LineFormat implements BulkFormat<RawLines, FileSourceSplit> {
    /** How an input file is named in the tables (ingest_audit's and rejects' {@code file}) and in the lineage. */
    public static String fileName(Path path) {
        return "file".equals(path.toUri().getScheme()) ? path.toUri().getPath() : path.toString();
    }

    private static final long serialVersionUID = 1L;
    private static final int BATCH = 1024;
    private static final int IN_BUFFER = 1 << 16;
    /** A chunk's byte array starts at most this big (it grows for files of very long lines). */
    private static final int MAX_CHUNK_START = 4 << 20;
    /** Consumed chunks' arrays a reader keeps for reuse (the source's hand-over queue holds two batches). */
    private static final int POOL = 4;

    @Override
    public Reader<RawLines> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return new LineReader(split, 0);
    }

    @Override
    public Reader<RawLines> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        long skip = split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L);
        return new LineReader(split, skip);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<RawLines> getProducedType() {
        return TypeInformation.of(RawLines.class);
    }

    private static final class LineReader implements BulkFormat.Reader<RawLines> {
        private final Utf8LineReader in;
        private final CountingInputStream counted;
        private final long expectedBytes;
        private final String file;
        private final long mtime;
        private long lineNo;
        /** Initial size of a chunk's byte array (grows when a chunk needs more). */
        private int chunkBytes = 64 * 1024;
        /**
         * Arrays of chunks already consumed, for the next chunks: a chunk's batch is released (by the
         * source, on the task thread) only after the chained parse operator has processed it, or after
         * it was serialized when not chained, and the operator keeps nothing of it; without reuse the
         * chunks were ~2 GB of garbage per 10 M lines (a young collection every ~0.3 s).
         */
        private final ArrayBlockingQueue<byte[]> freeData = new ArrayBlockingQueue<>(POOL);
        private final ArrayBlockingQueue<int[]> freeEnds = new ArrayBlockingQueue<>(POOL);

        LineReader(FileSourceSplit split, long skip) throws IOException {
            Path path = split.path();
            boolean local = "file".equals(path.toUri().getScheme()) || path.toUri().getScheme() == null;
            this.file = fileName(path);
            this.mtime = split.fileModificationTime();
            InflaterInputStreamFactory<?> inflater = StandardDeCompressors.getDecompressorForFileName(path.getName());
            // only an uncompressed file's length is comparable to the bytes read
            this.expectedBytes = inflater == null ? split.length() : -1;
            if (local) {
                java.nio.file.Path p = java.nio.file.Path.of(path.toUri().getPath());
                if (Files.exists(p) && !Files.isRegularFile(p)) {
                    throw new InputFileException(file, "not a regular file (a FIFO, socket or device never ends or blocks)", null);
                }
            }
            InputStream raw;
            try {
                raw = path.getFileSystem().open(path);
            } catch (FileNotFoundException | NoSuchFileException e) {
                throw new InputFileException(file, "vanished before it was read (deleted or moved after the input was listed)", e);
            } catch (IOException e) {
                throw new InputFileException(file, "cannot be opened: " + message(e), e);
            }
            this.counted = new CountingInputStream(raw);
            try {
                // gzip through ingest.Gunzip: ISA-L when installed, else the JDK's zlib with a 64 KiB input
                // buffer (Flink's factory uses the JDK default of 512 bytes: a read call on the file and an
                // inflate call per 512 compressed bytes)
                InputStream stream = inflater == null ? counted
                        : inflater instanceof GzipInflaterInputStreamFactory ? Gunzip.open(counted)
                        : inflater.create(new BufferedInputStream(counted, IN_BUFFER));
                this.in = new Utf8LineReader(stream, 1 << 20);
                for (long i = 0; i < skip; i++) {
                    if (in.readLine() == null) {
                        break;
                    }
                    lineNo++;
                }
            } catch (IOException e) {
                counted.close();
                throw readFailure(e);
            }
        }

        /**
         * One chunk of up to {@link #BATCH} lines (their bytes copied into one array) as one record.
         * Its position is the number of lines emitted once it is consumed, so a restored reader skips
         * exactly those lines.
         */
        @Override
        public RecordIterator<RawLines> readBatch() throws IOException {
            byte[] data = freeData.poll();
            if (data == null || data.length < chunkBytes) {
                data = new byte[chunkBytes];
            }
            int[] ends = freeEnds.poll();
            if (ends == null) {
                ends = new int[BATCH];
            }
            int n = 0;
            int size = 0;
            long first = lineNo + 1;
            try {
                while (n < BATCH && in.nextLine()) {
                    int len = in.lineEnd() - in.lineStart();
                    if (size + len > data.length) {
                        data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, size + len));
                    }
                    System.arraycopy(in.buffer(), in.lineStart(), data, size, len);
                    size += len;
                    ends[n++] = size;
                    lineNo++;
                }
            } catch (IOException e) {
                throw readFailure(e);
            }
            if (n == 0) {
                if (expectedBytes > 0 && counted.count < expectedBytes) {
                    throw new InputFileException(file, "shrank while being read: " + expectedBytes + " bytes when listed, "
                            + counted.count + " read (truncated or rotated mid-read; line " + lineNo
                            + " may be cut)", null);
                }
                return null;
            }
            // the next chunk starts with room for this one's bytes (lines of a file are alike)
            chunkBytes = Math.min(Math.max(chunkBytes, size + size / 8), MAX_CHUNK_START);
            byte[] usedData = data;
            int[] usedEnds = ends;
            SingletonResultIterator<RawLines> it = new SingletonResultIterator<>(() -> {
                freeData.offer(usedData);
                freeEnds.offer(usedEnds);
            });
            it.set(RawLines.ofBytes(file, mtime, first, data, ends, n), CheckpointedPosition.NO_OFFSET, lineNo);
            return it;
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }

        private InputFileException readFailure(IOException e) {
            if (e instanceof InputFileException) {
                return (InputFileException) e;
            }
            String where = "after line " + lineNo;
            if (e instanceof EOFException && expectedBytes < 0) {
                return new InputFileException(file, "the compressed data ends early " + where
                        + " (a truncated or corrupt file: " + message(e) + ")", e);
            }
            return new InputFileException(file, "read failed " + where + ": " + message(e), e);
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Counts the raw (compressed) bytes read, to notice a file that ends before its listed size. */
    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long k = in.skip(n);
            count += Math.max(0, k);
            return k;
        }
    }
}
