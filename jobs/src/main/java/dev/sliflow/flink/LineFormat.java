package dev.sliflow.flink;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
 * Invalid UTF-8 is decoded with replacement characters, never an exception.
 */
public final class LineFormat implements BulkFormat<RawLines, FileSourceSplit> {
    private static final long serialVersionUID = 1L;
    private static final int BATCH = 1024;

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
        private final BufferedReader in;
        private final String file;
        private final long mtime;
        private long lineNo;

        LineReader(FileSourceSplit split, long skip) throws IOException {
            Path path = split.path();
            this.file = "file".equals(path.toUri().getScheme()) ? path.toUri().getPath() : path.toString();
            this.mtime = split.fileModificationTime();
            InputStream raw = path.getFileSystem().open(path);
            InflaterInputStreamFactory<?> inflater = StandardDeCompressors.getDecompressorForFileName(path.getName());
            InputStream stream = inflater == null ? raw : inflater.create(raw);
            this.in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 20);
            for (long i = 0; i < skip; i++) {
                if (in.readLine() == null) {
                    break;
                }
                lineNo++;
            }
        }

        /**
         * One chunk of up to {@link #BATCH} lines as one record. Its position is the number of lines
         * emitted once it is consumed, so a restored reader skips exactly those lines.
         */
        @Override
        public RecordIterator<RawLines> readBatch() throws IOException {
            String[] batch = new String[BATCH];
            int n = 0;
            long first = lineNo + 1;
            String s;
            while (n < BATCH && (s = in.readLine()) != null) {
                lineNo++;
                batch[n++] = s;
            }
            if (n == 0) {
                return null;
            }
            SingletonResultIterator<RawLines> it = new SingletonResultIterator<>();
            it.set(new RawLines(file, mtime, first, batch, n), CheckpointedPosition.NO_OFFSET, lineNo);
            return it;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
