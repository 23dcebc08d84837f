package dev.sliflow.flink;

import dev.sliflow.ingest.AuditRow;
import dev.sliflow.ingest.LateRow;
import dev.sliflow.ingest.RejectRow;
import dev.sliflow.ingest.SliMinuteRow;
import dev.sliflow.ingest.SliPartial;
import dev.sliflow.ingest.UnmatchedRow;
import dev.sliflow.journey.CatalogLoader;
import dev.sliflow.journey.JourneyCatalog;
import dev.sliflow.slo.SloConfig;
import dev.sliflow.slo.SloConfigLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.SecurityOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The ingest job in STREAMING mode: the same parse → pre-aggregate operator as the batch job
 * ({@link IngestOperator}, here also where each reader's watermarks start), then one-minute
 * event-time windows that merge the partials of all readers and fire once when the watermark passes
 * (a partial reaching a minute already fired — its reader was idle or behind — comes out of the
 * window's late side output into late_events, never nowhere; {@link WrittenMinutesGuard} does the
 * same after a restore), and Parquet sinks that commit exactly once on checkpoints. Output goes straight to the tables (committed part files
 * only; in-progress files are hidden). With {@code --slos}, live burn-rate alerts are evaluated on
 * the finished minutes with the backtest's alert logic ({@link LiveAlertOperator}).
 */
public final class StreamIngestJob {
    /** Marker written into the checkpoint folder when a bounded stream has completed. */
    public static final String COMPLETED = "_COMPLETED";

    private StreamIngestJob() {}

    /** Streaming options on top of the batch ones. */
    public static final class Options {
        public IngestOptions ingest;
        public Duration outOfOrderness = Duration.ofMinutes(2);
        public Duration allowedLateness = Duration.ZERO;
        public Duration checkpointInterval = Duration.ofSeconds(10);
        public String checkpointDir;
        /** null: read the files present and stop; else watch for new files at this interval. */
        public Duration watch;
        /** "latest" (the newest retained checkpoint under checkpointDir), a checkpoint/savepoint path, or null. */
        public String restore;
        public List<java.nio.file.Path> slos;
        public Duration idle = Duration.ofSeconds(5);
    }

    /** A finished (bounded) streaming run. */
    public static final class Result {
        public final Map<String, Long> counters = new LinkedHashMap<>();
        public String restoredFrom;
        public long millis;
    }

    public static Result run(Options o, PrintStream log) throws Exception {
        long t0 = System.nanoTime();
        IngestOptions io = o.ingest;
        JourneyCatalog catalog = CatalogLoader.load(java.nio.file.Path.of(io.journeys));
        SloConfig slos = o.slos == null || o.slos.isEmpty() ? null
                : SloConfigLoader.load(o.slos.toArray(new java.nio.file.Path[0]));
        List<Path> inputs = InputPaths.expand(io.logs);
        Path out = new Path(io.out);
        Jobs.prepareOutput(out);
        Path ckPath = o.checkpointDir != null ? new Path(o.checkpointDir) : new Path(out, ".checkpoints");
        String checkpoints = ckPath.makeQualified(ckPath.getFileSystem()).toString();
        Result result = new Result();
        result.restoredFrom = restorePath(o.restore, new Path(checkpoints));

        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, io.parallelism);
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        // no Kerberos/Hadoop delegation tokens (as Jobs.batchConf): on Java 24+ obtaining them fails the
        // embedded cluster's start (Hadoop's Subject.getSubject); a cluster's own configuration decides under flink run
        conf.set(SecurityOptions.DELEGATION_TOKENS_ENABLED, false);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, o.checkpointInterval);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints);
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (result.restoredFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, result.restoredFrom);
        }
        StreamExecutionEnvironment env = EmbeddedCluster.environment(conf);
        env.setParallelism(io.parallelism);
        // the restart strategy of the cluster's configuration (or `flink run -Drestart-strategy…`) wins:
        // on a cluster a lost TaskManager can cost several attempts until the JobManager notices it
        if (env.getConfiguration().getOptional(RestartStrategyOptions.RESTART_STRATEGY).isEmpty()) {
            Configuration restart = new Configuration();
            restart.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
            restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(2));
            env.configure(restart);
        }

        // folders stay folders (a watched folder gets new files); files go out in path order
        FileSource.FileSourceBuilder<RawLines> sb = FileSource.forBulkFileFormat(new LineFormat(),
                inputs.toArray(new Path[0]))
                .setSplitAssigner(PathOrderSplitAssigner::new);
        if (o.watch != null) {
            sb.monitorContinuously(o.watch);
        }
        DataStream<RawLines> lines = env.fromSource(sb.build(), WatermarkStrategy.noWatermarks(), "access logs")
                .uid("access-log-source");
        IngestOperator.Streaming clock = new IngestOperator.Streaming(
                o.outOfOrderness.plus(o.allowedLateness).toMillis(), 200, o.idle.toMillis());
        SingleOutputStreamOperator<SliPartial> partials = lines.transform("parse+pre-aggregate",
                        SliPartialSerializer.TYPE,
                        new IngestOperator(catalog, io.format, io.range, io.maxLineLength, io.maxRejectsPerFile, clock)
                                // the files present now keyed as a batch keys them (a restored reader that resumes
                                // mid-file never sees the first line); files landing later by their first line
                                .withSourceKeys(SourceKeys.of(inputs)).withParserOptions(io.parserOptions))
                .uid("ingest-parse-preaggregate");
        SingleOutputStreamOperator<SliPartial> merged = partials
                .keyBy(p -> Tuple2.of(p.minuteJourney(), p.region), Types.TUPLE(Types.LONG, Types.STRING))
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .sideOutputLateData(LATE_PARTIALS)
                .reduce(SliPartial::merge)
                .name("merge minute partials").uid("merge-minutes");
        SingleOutputStreamOperator<SliMinuteRow> minutes = merged
                .transform("sli_minute rows", TypeInformation.of(SliMinuteRow.class), new WrittenMinutesGuard())
                .uid("sli-minute-rows");
        // partials that reach a minute already fired (another reader had moved event time past it) are
        // late as aggregates; lines the parse step found late are late one by one
        DataStream<LateRow> latePartials = merged.getSideOutput(LATE_PARTIALS)
                .map(StreamIngestJob::latePartial, TypeInformation.of(LateRow.class))
                .name("late partials").uid("late-partial-rows");
        Jobs.sinkByDate(minutes, out, SliMinuteRow.SCHEMA);
        Jobs.sinkByDate(partials.getSideOutput(IngestOperator.REJECTS), out, RejectRow.SCHEMA);
        Jobs.sinkByDate(partials.getSideOutput(IngestOperator.AUDIT), out, AuditRow.SCHEMA);
        Jobs.sinkByDate(partials.getSideOutput(IngestOperator.LATE)
                .union(latePartials, minutes.getSideOutput(WrittenMinutesGuard.LATE)), out, LateRow.SCHEMA);
        Jobs.sinkByDate(partials.getSideOutput(IngestOperator.UNMATCHED), out, UnmatchedRow.SCHEMA);
        if (slos != null) {
            LiveAlertOperator.wire(minutes, slos, out);
        }

        JobClient client = env.executeAsync("sliflow ingest --mode stream");
        log.printf("  streaming job %s running; checkpoints in %s%s%n", client.getJobID(), checkpoints,
                result.restoredFrom == null ? "" : "; restored from " + result.restoredFrom);
        // stopped before its input ended (Ctrl-C, SIGTERM): say what the tables hold and how to go on
        // (a job on a cluster goes on without this client: nothing to say then)
        Thread stopNote = new Thread(() -> log.printf("%nsliflow: stream stopped: the tables hold what"
                + " the last completed checkpoint committed (checkpoints in %s, every %s); to go on, run the same"
                + " command with --restore latest%n", checkpoints, interval(o.checkpointInterval)), "sliflow-stop-note");
        boolean embedded = Jobs.isEmbedded(env);
        if (embedded) {
            Runtime.getRuntime().addShutdownHook(stopNote);
        }
        JobExecutionResult jr;
        try {
            jr = Jobs.await(client, io.progress ? log : null, t0, "sliflow.read", "lines read");
        } finally {
            if (embedded) {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopNote);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already stopping: the note is printed
                }
            }
        }
        for (String c : IngestOperator.COUNTERS) {
            Object v = jr.getAllAccumulatorResults().get("sliflow." + c);
            result.counters.put(c, v == null ? 0L : ((Number) v).longValue());
        }
        // the input is fully processed and committed: mark it, so that a later --restore latest
        // does not replay an older (killed) run's checkpoint on top of the complete output
        Path marker = new Path(checkpoints, COMPLETED);
        try (java.io.OutputStream m = marker.getFileSystem().create(marker, FileSystem.WriteMode.OVERWRITE)) {
            m.write(("completed job " + client.getJobID() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        result.millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        return result;
    }

    /** Partials that reached their minute's window after it fired (Flink's window side output). */
    static final OutputTag<SliPartial> LATE_PARTIALS = new OutputTag<>("late-partials", SliPartialSerializer.TYPE);

    /** A late partial as a late_events row (its input file: the partial's source, once partials carry it). */
    static LateRow latePartial(SliPartial p) {
        return LateRow.ofPartial(p, p.source);
    }

    /** A checkpoint interval as the command line takes it: 10s, 1500ms. */
    static String interval(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /** Resolves --restore: null, "latest" (newest retained chk-N with _metadata), or a path as given. */
    static String restorePath(String restore, Path checkpointDir) throws IOException {
        if (restore == null) {
            return null;
        }
        if (!"latest".equals(restore)) {
            return restore;
        }
        FileSystem fs = checkpointDir.getFileSystem();
        Path best = null;
        long bestTime = Long.MIN_VALUE;
        Path done = new Path(checkpointDir, COMPLETED);
        long doneTime = fs.exists(done) ? fs.getFileStatus(done).getModificationTime() : Long.MIN_VALUE;
        if (fs.exists(checkpointDir)) {
            for (FileStatus job : fs.listStatus(checkpointDir)) {
                if (!job.isDir()) {
                    continue;
                }
                for (FileStatus chk : fs.listStatus(job.getPath())) {
                    Path meta = new Path(chk.getPath(), "_metadata");
                    if (chk.getPath().getName().startsWith("chk-") && fs.exists(meta)) {
                        long t = fs.getFileStatus(meta).getModificationTime();
                        if (t > bestTime) {
                            bestTime = t;
                            best = chk.getPath();
                        }
                    }
                }
            }
        }
        if (doneTime != Long.MIN_VALUE && doneTime >= bestTime) {
            throw new IllegalArgumentException("--restore latest: the last stream with checkpoints in " + checkpointDir
                    + " completed; there is nothing to resume (its output is complete)");
        }
        if (best == null) {
            throw new IllegalArgumentException("--restore latest: no completed checkpoint under " + checkpointDir);
        }
        return best.toString();
    }
}
