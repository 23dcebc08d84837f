package dev.sliflow.flink;

import dev.sliflow.ingest.AuditRow;
import dev.sliflow.ingest.DateRange;
import dev.sliflow.ingest.Partitioned;
import dev.sliflow.ingest.RejectRow;
import dev.sliflow.ingest.SliMinuteRow;
import dev.sliflow.ingest.SliPartial;
import dev.sliflow.journey.CatalogLoader;
import dev.sliflow.journey.JourneyCatalog;
import dev.sliflow.parse.LogFormat;
import dev.sliflow.table.ParquetTables;
import dev.sliflow.table.TableSchema;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.BatchExecutionOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;

/**
 * The ingest job: access-log files → {@code sli_minute}, {@code rejects}, {@code ingest_audit}.
 *
 * <p>Pipeline: file source (one reader per file, lines tagged with file and line number) → chained
 * {@link IngestOperator} (parse, match, pre-aggregate per journey × region × minute) → keyBy
 * minute key → merge → Parquet, partitioned by event date. Output goes to a staging folder first
 * and is published partition by partition only when the job has succeeded
 * ({@link PartitionCommitter}), so a re-run replaces its dates and a failed run changes nothing.
 */
public final class IngestJob {
    public static final List<String> TABLES = List.of("sli_minute", "rejects", "ingest_audit");

    private IngestJob() {}

    /** The three output streams of {@link #build}. */
    public static final class Outputs {
        public final DataStream<SliMinuteRow> sliMinute;
        public final DataStream<RejectRow> rejects;
        public final DataStream<AuditRow> audit;

        Outputs(DataStream<SliMinuteRow> sliMinute, DataStream<RejectRow> rejects, DataStream<AuditRow> audit) {
            this.sliMinute = sliMinute;
            this.rejects = rejects;
            this.audit = audit;
        }
    }

    /** The pipeline as a function of its input, for tests and for {@link #run}. */
    public static Outputs build(DataStream<RawLine> lines, JourneyCatalog catalog, LogFormat format, DateRange range,
            int maxLineLength) {
        SingleOutputStreamOperator<SliPartial> partials = lines.transform(
                        "parse+pre-aggregate", TypeInformation.of(SliPartial.class),
                        new IngestOperator(catalog, format, range, maxLineLength))
                .uid("ingest-parse-preaggregate");
        DataStream<SliMinuteRow> minutes = partials
                .keyBy(SliPartial::key)
                .reduce(SliPartial::merge)
                .name("merge minute partials").uid("merge-minutes")
                .map(SliMinuteRow::of)
                .name("sli_minute rows").uid("sli-minute-rows");
        DataStream<RejectRow> rejects = partials.getSideOutput(IngestOperator.REJECTS);
        DataStream<AuditRow> audit = partials.getSideOutput(IngestOperator.AUDIT)
                .keyBy(AuditRow::key)
                .reduce(AuditRow::merge)
                .name("merge audit").uid("merge-audit");
        return new Outputs(minutes, rejects, audit);
    }

    /** Summary of a finished run. */
    public static final class Result {
        public final Map<String, Long> counters = new LinkedHashMap<>();
        public int inputs;
        public int partitionsWritten;
        public Set<String> dates;
        public long millis;
    }

    /**
     * Validates everything (catalog, inputs, output folder) before the job starts, runs it, and
     * publishes the partitions.
     */
    public static Result run(IngestOptions o, PrintStream log) throws Exception {
        long t0 = System.nanoTime();
        JourneyCatalog catalog = CatalogLoader.load(java.nio.file.Path.of(o.journeys));
        List<Path> inputs = InputPaths.expand(o.logs);
        Path out = new Path(o.out);
        prepareOutput(out);
        String runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now())
                + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
        Path staging = new Path(new Path(out, ".staging"), runId);

        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, o.parallelism);
        conf.set(BatchExecutionOptions.ADAPTIVE_AUTO_PARALLELISM_ENABLED, false);
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(o.parallelism);

        FileSource<RawLine> source = FileSource.forBulkFileFormat(new LineFormat(), inputs.toArray(new Path[0])).build();
        DataStream<RawLine> lines = env.fromSource(source, WatermarkStrategy.noWatermarks(), "access logs")
                .uid("access-log-source");
        Outputs outputs = build(lines, catalog, o.format, o.range, o.maxLineLength);
        sink(outputs.sliMinute, staging, SliMinuteRow.SCHEMA);
        sink(outputs.rejects, staging, RejectRow.SCHEMA);
        sink(outputs.audit, staging, AuditRow.SCHEMA);

        JobClient client = env.executeAsync("sliflow ingest " + o.range);
        JobExecutionResult jr = waitWithProgress(client, o.progress ? log : null, t0);

        Result r = new Result();
        for (String c : IngestOperator.COUNTERS) {
            Object v = jr.getAllAccumulatorResults().get("sliflow." + c);
            r.counters.put(c, v == null ? 0L : ((Number) v).longValue());
        }
        Set<String> dts = o.range.bounded()
                ? PartitionCommitter.datesOf(o.range.from(), o.range.to())
                : PartitionCommitter.stagedDates(staging, TABLES);
        r.partitionsWritten = PartitionCommitter.commit(out, staging, TABLES, dts);
        r.dates = dts;
        r.inputs = inputs.size();
        r.millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        return r;
    }

    private static JobExecutionResult waitWithProgress(JobClient client, PrintStream log, long t0) throws Exception {
        java.util.concurrent.CompletableFuture<JobExecutionResult> done = client.getJobExecutionResult();
        while (true) {
            try {
                return done.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                if (log != null) {
                    long secs = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0));
                    long read = -1;
                    try {
                        Object v = client.getAccumulators().get(5, TimeUnit.SECONDS).get("sliflow.read");
                        read = v == null ? -1 : ((Number) v).longValue();
                    } catch (Exception unavailable) {
                        // accumulators are best effort while running; the summary has the exact totals
                        read = -1;
                    }
                    if (read >= 0) {
                        log.printf("  ... %d s: %,d lines read (%,d lines/s)%n", secs, read, read / secs);
                    } else {
                        log.printf("  ... %d s: running%n", secs);
                    }
                }
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new IOException("the ingest job failed: " + rootMessage(cause), cause);
            }
        }
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName() + ": " + c.getMessage();
    }

    /** Creates the output folder if needed, checks it is writable, removes stale staging folders. */
    static void prepareOutput(Path out) throws IOException {
        org.apache.flink.core.fs.FileSystem fs = out.getFileSystem();
        if (fs.exists(out) && !fs.getFileStatus(out).isDir()) {
            throw new IllegalArgumentException("--out " + out + " exists and is not a directory");
        }
        fs.mkdirs(out);
        Path stale = new Path(out, ".staging");
        if (fs.exists(stale)) {
            fs.delete(stale, true);
        }
    }

    static <T extends Partitioned> void sink(DataStream<T> rows, Path staging, TableSchema<T> schema) {
        FileSink<T> sink = FileSink.forBulkFormat(new Path(staging, schema.name()), ParquetTables.writerFactory(schema))
                .withBucketAssigner(new DtBucketAssigner<>())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("part").withPartSuffix(".parquet").build())
                .build();
        rows.sinkTo(sink).name(schema.name() + " parquet").uid("sink-" + schema.name());
    }
}
