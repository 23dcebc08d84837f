package dev.sliflow.flink;

import dev.sliflow.ingest.Partitioned;
import dev.sliflow.table.ParquetTables;
import dev.sliflow.table.TableSchema;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The batch ingest's Parquet sink: rows into {@code <table>/dt=<date>/part-<subtask>-<attempt>-<n>.parquet}
 * under the run's staging folder, with at most {@code maxOpen} files open per writer.
 *
 * <p>Why not Flink's {@code FileSink}: in a bounded job it keeps one in-progress part file per date
 * open until the end of the input, and an open Parquet file holds its whole row group in memory. A
 * backfill of a year of a quiet service (1.7 M lines over 365 days) had ~1,460 Parquet files open at
 * once and died with {@code OutOfMemoryError} in the default 1 GiB heap (with 3 GiB: peak RSS 2.1 GiB),
 * although each date's rows are small: memory grew with the number of dates, not with journeys and open
 * minutes. Here a file is finished (its row group written, its buffers freed) when {@code maxOpen}
 * others were used after it: the minute merge emits its rows in minute order, so its dates come one
 * after the other and each gets one file per writer; rows of a date that comes back later (input files
 * whose dates interleave) go to a further file of the same date, so nothing is lost either way.
 *
 * <p>No committer: a batch run writes into a staging folder that {@link PartitionCommitter} publishes
 * only when the job succeeded (a failed job leaves the published tables as they were). If a writer
 * is restarted within the job (a cluster's restart strategy), the new attempt first deletes the files
 * of this subtask's earlier attempts, so the rows it writes again are not doubled. The streaming
 * ingest keeps {@code FileSink}, whose part files are committed with checkpoints.
 */
public final class DatePartitionedParquetSink<T extends Partitioned> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    /**
     * Open files per writer. The minute merge's rows come date after date ({@code SliPartial.daySortKey}),
     * rejects in the order of their input files, ingest_audit and unmatched_paths grouped by file or
     * date: a few files are enough to keep one file per date and writer, and every open file holds its
     * date's rows until it is finished (a dense day of 10 M lines over 10 days: ~3 MB).
     */
    public static final int DEFAULT_MAX_OPEN = 4;

    private final Path tableDir;
    private final BulkWriter.Factory<T> factory;
    private final int maxOpen;

    public DatePartitionedParquetSink(Path staging, TableSchema<T> schema, int maxOpen) {
        if (maxOpen < 1) {
            throw new IllegalArgumentException("maxOpen must be at least 1: " + maxOpen);
        }
        this.tableDir = new Path(staging, schema.name());
        this.factory = ParquetTables.writerFactory(schema);
        this.maxOpen = maxOpen;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return new Writer<>(tableDir, factory, maxOpen, context.getTaskInfo().getIndexOfThisSubtask(),
                context.getTaskInfo().getAttemptNumber());
    }

    /** {@code dt=<date>}, or below it {@code src=} or {@code lin=<16 hex digits>} ({@link Partitioned#partitionPath}). */
    static boolean isPartitionPath(String p) {
        if (p == null || !p.startsWith("dt=")) {
            return false;
        }
        int slash = p.indexOf('/');
        if (slash < 0) {
            return DtBucketAssigner.isDate(p.substring(3));
        }
        return DtBucketAssigner.isDate(p.substring(3, slash)) && p.substring(slash + 1).matches("(src|lin)=[0-9a-f]{16}");
    }

    /** The writer of one subtask (plain Java over Flink's file system: testable without a cluster). */
    static final class Writer<T extends Partitioned> implements SinkWriter<T> {
        private final Path tableDir;
        private final BulkWriter.Factory<T> factory;
        private final int maxOpen;
        private final String prefix;
        private final FileSystem fs;
        /** Open files by date, least recently written first. */
        private final LinkedHashMap<String, Part<T>> open = new LinkedHashMap<>(16, 0.75f, true);
        private long seq;
        private String lastDt;
        private Part<T> lastPart;

        Writer(Path tableDir, BulkWriter.Factory<T> factory, int maxOpen, int subtask, int attempt) throws IOException {
            this.tableDir = tableDir;
            this.factory = factory;
            this.maxOpen = maxOpen;
            this.prefix = "part-" + subtask + "-" + attempt + "-";
            this.fs = tableDir.getFileSystem();
            if (attempt > 0) {
                deleteEarlierAttempts(subtask, attempt);
            }
        }

        @Override
        public void write(T row, Context context) throws IOException {
            String dt = row.partitionPath();
            Part<T> part;
            if (dt != null && dt.equals(lastDt)) {
                part = lastPart; // most rows: the same date as the row before, no map lookup
            } else {
                part = open.get(dt);
                if (part == null) {
                    if (!isPartitionPath(dt)) { // no row can escape the table's folder
                        throw new IllegalStateException("invalid partition value '" + dt + "'");
                    }
                    if (open.size() >= maxOpen) {
                        Iterator<Map.Entry<String, Part<T>>> eldest = open.entrySet().iterator();
                        Part<T> evicted = eldest.next().getValue();
                        eldest.remove();
                        finish(evicted);
                    }
                    part = newPart(dt);
                    open.put(dt, part);
                }
                lastDt = dt;
                lastPart = part;
            }
            part.writer.addElement(row);
        }

        private Part<T> newPart(String dt) throws IOException {
            Path path = new Path(new Path(tableDir, dt), prefix + (seq++) + ".parquet");
            FSDataOutputStream stream = fs.create(path, FileSystem.WriteMode.NO_OVERWRITE);
            try {
                return new Part<>(stream, factory.create(stream));
            } catch (IOException | RuntimeException e) {
                stream.close();
                throw e;
            }
        }

        private void finish(Part<T> part) throws IOException {
            if (part == lastPart) {
                lastDt = null;
                lastPart = null;
            }
            part.writer.finish(); // writes the row group and the footer; leaves the stream open
            part.stream.close();
        }

        /** At the end of the input: every open file is finished (in batch, nothing comes after it). */
        @Override
        public void flush(boolean endOfInput) throws IOException {
            if (!endOfInput) {
                return;
            }
            for (Iterator<Part<T>> it = open.values().iterator(); it.hasNext(); ) {
                Part<T> p = it.next();
                it.remove();
                finish(p);
            }
        }

        /** Files still open here belong to a failed run (its staging folder is discarded): only closed. */
        @Override
        public void close() throws IOException {
            IOException first = null;
            for (Part<T> p : open.values()) {
                try {
                    p.stream.close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            open.clear();
            lastDt = null;
            lastPart = null;
            if (first != null) {
                throw first;
            }
        }

        int openFiles() {
            return open.size();
        }

        private void deleteEarlierAttempts(int subtask, int attempt) throws IOException {
            if (fs.exists(tableDir)) {
                deleteEarlierAttempts(tableDir, "part-" + subtask + "-", attempt);
            }
        }

        /** In {@code dir}'s partition folders, recursively ({@code dt=D/src=S} too): our files of earlier attempts. */
        private void deleteEarlierAttempts(Path dir, String mine, int attempt) throws IOException {
            FileStatus[] files = fs.listStatus(dir);
            for (FileStatus f : files == null ? new FileStatus[0] : files) {
                String n = f.getPath().getName();
                if (f.isDir()) {
                    deleteEarlierAttempts(f.getPath(), mine, attempt);
                    continue;
                }
                if (!n.startsWith(mine)) {
                    continue;
                }
                String rest = n.substring(mine.length());
                int dash = rest.indexOf('-');
                try {
                    if (dash > 0 && Integer.parseInt(rest.substring(0, dash)) < attempt) {
                        fs.delete(f.getPath(), false);
                    }
                } catch (NumberFormatException e) {
                    // not a file of ours
                }
            }
        }
    }

    private static final class Part<T> {
        final FSDataOutputStream stream;
        final BulkWriter<T> writer;

        Part(FSDataOutputStream stream, BulkWriter<T> writer) {
            this.stream = stream;
            this.writer = writer;
        }
    }
}
