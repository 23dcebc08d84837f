package dev.sliflow.flink;

import dev.sliflow.ingest.Partitioned;
import dev.sliflow.table.OutputDir;
import dev.sliflow.table.ParquetTables;
import dev.sliflow.table.TableSchema;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.BatchExecutionOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.NettyShuffleEnvironmentOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.SecurityOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import org.apache.flink.util.SerializedThrowable;

/** What every sliflow batch job shares: environment, Parquet sinks, staging, waiting with progress. */
public final class Jobs {
    /** Managed memory of the embedded MiniCluster of a batch job (the sorts of the merges), MiB. */
    static final int EMBEDDED_MANAGED_MIB = 256;

    /**
     * Network buffers and batch-shuffle read buffers of the embedded MiniCluster, MiB, for a job of
     * this parallelism: 16 per 2 of parallelism, at most Flink's local default of 64. Flink allocates
     * both pools whole (the network pool when the cluster starts, the read pool at the first
     * shuffle), and each page is touched once: on this project's (virtual) machine 64 MiB of direct
     * memory took ~0.2 s, so the two default pools cost ~0.4 s of every run's start. A batch ingest
     * at parallelism P needs ~3P input gates of 2P + 8 buffers of 32 KiB (P = 2: ~2.3 MiB); a cluster
     * keeps its own configuration under {@code flink run}.
     */
    static int embeddedShuffleMib(int parallelism) {
        return Math.min(64, 16 * ((Math.max(1, parallelism) + 1) / 2));
    }

    private Jobs() {}

    /**
     * A BATCH environment with pinned parallelism (no adaptive guessing), object reuse and no Kryo
     * fallback; local MiniCluster when run with {@code java -jar} (the one {@link EmbeddedCluster}
     * may have started already), the cluster under {@code flink run}.
     */
    public static StreamExecutionEnvironment batchEnv(int parallelism) {
        StreamExecutionEnvironment env = EmbeddedCluster.environment(batchConf(parallelism));
        env.setParallelism(parallelism);
        return env;
    }

    /** Whether jobs of {@code env} run on the embedded MiniCluster of this JVM (not under {@code flink run}). */
    static boolean isEmbedded(StreamExecutionEnvironment env) {
        return org.apache.flink.client.deployment.executors.LocalExecutor.NAME.equals(
                env.getConfiguration().get(org.apache.flink.configuration.DeploymentOptions.TARGET));
    }

    /** The configuration of {@link #batchEnv}: job settings, and the embedded MiniCluster's shape. */
    public static Configuration batchConf(int parallelism) {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        conf.set(BatchExecutionOptions.ADAPTIVE_AUTO_PARALLELISM_ENABLED, false);
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        // the embedded MiniCluster shuffles through local memory and disk: compressing costs CPU for
        // nothing (a cluster's own setting applies under flink run)
        conf.set(NettyShuffleEnvironmentOptions.SHUFFLE_COMPRESSION_CODEC, NettyShuffleEnvironmentOptions.CompressionCodec.NONE);
        // the embedded MiniCluster: slots for the merges of all tables at once (with as many slots as
        // the parallelism, the audit and unmatched merges wait for the minute merge to finish)
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, 4 * parallelism);
        // the embedded MiniCluster's managed memory (off-heap, used by the batch sorts before the merges;
        // Flink's local default is 128 MiB over all slots): with 16 MiB per slot the minute merge
        // spilled its sort to disk already for 10 M lines (~0.4 s); memory is touched only as used
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(EMBEDDED_MANAGED_MIB));
        // the embedded MiniCluster needs no Kerberos/Hadoop/S3 delegation tokens: obtaining them
        // (provider lookup, Hadoop security set-up) was ~15% of the cluster's start (a real cluster's
        // own configuration decides under flink run)
        conf.set(SecurityOptions.DELEGATION_TOKENS_ENABLED, false);
        MemorySize shuffle = MemorySize.ofMebiBytes(embeddedShuffleMib(parallelism));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, shuffle);
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, shuffle);
        conf.set(TaskManagerOptions.NETWORK_BATCH_SHUFFLE_READ_MEMORY, shuffle);
        return conf;
    }

    /** A fresh staging folder {@code out/.staging/<run id>}. */
    public static Path stagingFor(Path out) {
        String runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now())
                + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
        return new Path(new Path(out, ".staging"), runId);
    }

    /**
     * Creates the output folder if needed, checks it is a folder and writable; on a local file system
     * also refuses symbolic links inside it ({@link OutputDir}); then makes sure the folder was recovered
     * ({@link PartitionCommitter#recover}: an interrupted publish finished, stale staging folders removed)
     * — done by the command's {@link OutputLock} when this JVM holds it, else under the lock taken for
     * that moment (refused while another command holds it). Fails before any job starts, with a message
     * naming {@code --out} and the problem.
     */
    public static void prepareOutput(Path out) throws IOException {
        checkOutput(out);
        if (!OutputLock.heldHere(out)) {
            OutputLock.acquire(out.toString(), "(job without a command)", System.err).close();
        }
    }

    /**
     * The checks of {@link #prepareOutput} that change nothing but create {@code out}: a folder (not below
     * a file), writable, on a local file system without links inside.
     */
    static void checkOutput(Path out) throws IOException {
        java.nio.file.Path local = localPath(out);
        if (local != null) {
            prepareLocal(out.toString(), local);
            return;
        }
        FileSystem fs = out.getFileSystem();
        if (fs.exists(out) && !fs.getFileStatus(out).isDir()) {
            throw new IllegalArgumentException("--out " + out + " exists and is not a directory");
        }
        fs.mkdirs(out);
    }

    /** The local path of {@code p} when it is on the local file system, else null. */
    static java.nio.file.Path localPath(Path p) {
        try {
            Path q = p.makeQualified(p.getFileSystem());
            return "file".equals(q.toUri().getScheme()) ? java.nio.file.Path.of(q.toUri().getPath()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void prepareLocal(String given, java.nio.file.Path out) throws IOException {
        for (java.nio.file.Path p = out; p != null; p = p.getParent()) {
            if (java.nio.file.Files.exists(p)) {
                if (!java.nio.file.Files.isDirectory(p)) {
                    throw new IllegalArgumentException("--out " + given + ": " + p + " is a file, not a folder");
                }
                break;
            }
        }
        OutputDir.checkNoLinks(out);
        try {
            java.nio.file.Files.createDirectories(out);
            // the run's first write: fails here, not in the job (other runs' staging folders are left alone)
            java.nio.file.Files.delete(java.nio.file.Files.createTempFile(out, ".probe-", ""));
        } catch (IOException e) {
            throw new IOException("--out " + given + " is not writable: " + OutputDir.reason(e)
                    + " (nothing was changed)", e);
        }
    }

    /** Removes a failed run's staging folder, best effort (its files are never visible as partitions). */
    public static void discardStaging(Path staging) {
        try {
            deleteTree(staging);
            Path parent = staging.getParent();
            FileSystem fs = parent.getFileSystem();
            FileStatus[] left = fs.exists(parent) ? fs.listStatus(parent) : null;
            if (left != null && left.length == 0) {
                fs.delete(parent, false);
            }
        } catch (IOException | RuntimeException e) {
            // the next run removes stale staging folders anyway
        }
    }

    /** Deletes a tree; on a local file system without following links. */
    static void deleteTree(Path p) throws IOException {
        FileSystem fs = p.getFileSystem();
        Path q = p.makeQualified(fs);
        if ("file".equals(q.toUri().getScheme())) {
            OutputDir.deleteTree(java.nio.file.Path.of(q.toUri().getPath()));
        } else if (fs.exists(p)) {
            fs.delete(p, true);
        }
    }

    /**
     * Writes rows as Parquet under {@code staging/<table>/dt=<event date>/} with Flink's FileSink (the
     * streaming ingest's files are committed with its checkpoints; the backtest).
     */
    public static <T extends Partitioned> void sinkByDate(DataStream<T> rows, Path staging, TableSchema<T> schema) {
        sink(rows, staging, schema, new DtBucketAssigner<>());
    }

    /**
     * A bounded run's rows as Parquet under {@code staging/<table>/dt=<date>/} with at most a few files
     * open per writer ({@link DatePartitionedParquetSink}: memory does not grow with the number of dates),
     * at {@code parallelism} (or the job's when 0). For batch jobs that publish their staging folder.
     */
    public static <T extends Partitioned> void sinkByDateBounded(DataStream<T> rows, Path staging, TableSchema<T> schema,
            int parallelism) {
        sinkByDateBounded(rows, staging, schema, parallelism, DatePartitionedParquetSink.DEFAULT_MAX_OPEN);
    }

    /**
     * {@link #sinkByDateBounded(DataStream, Path, TableSchema, int)} with at most {@code maxOpen} files open per
     * writer: every open Parquet file holds a page buffer per column, so rows that come partition after partition
     * need only one.
     */
    public static <T extends Partitioned> void sinkByDateBounded(DataStream<T> rows, Path staging, TableSchema<T> schema,
            int parallelism, int maxOpen) {
        DataStreamSink<T> sink = rows.sinkTo(new DatePartitionedParquetSink<>(staging, schema, maxOpen))
                .name(schema.name() + " parquet").uid("sink-" + schema.name());
        if (parallelism > 0) {
            sink.setParallelism(parallelism);
        }
    }

    /** Writes rows as Parquet directly under {@code staging/<table>/} (an unpartitioned table). */
    public static <T> void sinkWhole(DataStream<T> rows, Path staging, TableSchema<T> schema) {
        sink(rows, staging, schema, new BasePathBucketAssigner<>());
    }

    private static <T> DataStreamSink<T> sink(DataStream<T> rows, Path staging, TableSchema<T> schema,
            BucketAssigner<T, String> buckets) {
        FileSink<T> sink = FileSink.forBulkFormat(new Path(staging, schema.name()), ParquetTables.writerFactory(schema))
                .withBucketAssigner(buckets)
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("part").withPartSuffix(".parquet").build())
                .build();
        return rows.sinkTo(sink).name(schema.name() + " parquet").uid("sink-" + schema.name());
    }

    /**
     * Waits for the job, printing a progress line every 10 s (the accumulator {@code progressCounter}
     * when it is available: its count, average rate and rate since the previous line); a failure
     * becomes an IOException with the root cause's message.
     */
    public static JobExecutionResult await(JobClient client, PrintStream log, long t0, String progressCounter,
            String unit) throws Exception {
        CompletableFuture<JobExecutionResult> done = client.getJobExecutionResult();
        ProgressLine progress = new ProgressLine(unit);
        while (true) {
            try {
                return done.get(10, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                if (log != null) {
                    long n = progressCounter == null ? -1 : counter(client, progressCounter);
                    long nanos = System.nanoTime() - t0;
                    if (n >= 0) {
                        log.println(progress.line(n, nanos));
                    } else {
                        log.printf("  ... %d s: running%n", Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos)));
                    }
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new IOException("the job failed: " + rootMessage(cause), cause);
            }
        }
    }

    private static long counter(JobClient client, String name) {
        try {
            Object v = client.getAccumulators().get(5, TimeUnit.SECONDS).get(name);
            return v == null ? -1 : ((Number) v).longValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // best effort while running; the summary has the exact totals
            return -1;
        }
    }

    /**
     * The message to show for a failed job: an {@link InputFileException}'s own message (it names the
     * file and the problem) when one is in the chain, else the root cause's class and message.
     */
    static String rootMessage(Throwable t) {
        for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
            String cls = x instanceof SerializedThrowable ? ((SerializedThrowable) x).getOriginalErrorClassName()
                    : x.getClass().getName();
            if (InputFileException.class.getName().equals(cls)) {
                return x.getMessage();
            }
        }
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName() + ": " + c.getMessage();
    }
}
