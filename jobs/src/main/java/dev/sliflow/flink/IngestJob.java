package dev.sliflow.flink;

import dev.sliflow.ingest.AuditRow;
import dev.sliflow.ingest.DateRange;
import dev.sliflow.ingest.RejectRow;
import dev.sliflow.ingest.SliMinuteRow;
import dev.sliflow.ingest.SliPartial;
import dev.sliflow.ingest.UnmatchedRow;
import dev.sliflow.ingest.Warmup;
import dev.sliflow.journey.CatalogLoader;
import dev.sliflow.journey.JourneyCatalog;
import dev.sliflow.parse.LogFormat;
import dev.sliflow.parse.ParserOptions;
import dev.sliflow.rollup.SliDayRow;
import dev.sliflow.rollup.SliHourRow;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

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
    public static final List<String> TABLES = List.of("sli_minute", "sli_hour", "sli_day", "rejects", "ingest_audit",
            "unmatched_paths");
    /** What a run publishes per date: the tables and the date's lineage. */
    static final List<String> PUBLISHED = List.of("sli_minute", "sli_hour", "sli_day", "rejects", "ingest_audit",
            "unmatched_paths", LineagePublish.LINEAGE);

    /**
     * Lines the start-up {@link Warmup} reads at most: enough for the JIT to compile the per-line
     * code (the first file of each reader then took ~1.6 s instead of ~2.7 s), few enough to be done
     * while the cluster starts (~1.5 s of one core). {@code -Dsliflow.warmup.lines=N} changes it, 0 turns it off.
     */
    static final long WARMUP_LINES = 400_000;

    /** Parallelism of the merges and writers of the small tables, ingest_audit and unmatched_paths. */
    static final int SMALL_TABLE_PARALLELISM = 1;

    private IngestJob() {}

    /** The three output streams of {@link #build}. */
    public static final class Outputs {
        public final DataStream<SliMinuteRow> sliMinute;
        public final DataStream<RejectRow> rejects;
        public final DataStream<AuditRow> audit;
        public final DataStream<UnmatchedRow> unmatched;
        public final DataStream<SliHourRow> sliHour;
        public final DataStream<SliDayRow> sliDay;

        Outputs(DataStream<SliMinuteRow> sliMinute, DataStream<RejectRow> rejects, DataStream<AuditRow> audit,
                DataStream<UnmatchedRow> unmatched, DataStream<SliHourRow> sliHour, DataStream<SliDayRow> sliDay) {
            this.sliMinute = sliMinute;
            this.rejects = rejects;
            this.audit = audit;
            this.unmatched = unmatched;
            this.sliHour = sliHour;
            this.sliDay = sliDay;
        }
    }

    /** The pipeline as a function of its input, for tests and for {@link #run}. */
    public static Outputs build(DataStream<RawLines> lines, JourneyCatalog catalog, LogFormat format,
            ParserOptions parserOptions, DateRange range, int maxLineLength, int maxRejectsPerFile,
            Map<String, Long> sourceKeys) {
        SingleOutputStreamOperator<SliPartial> partials = lines.transform(
                        "parse+pre-aggregate", SliPartialSerializer.TYPE,
                        new IngestOperator(catalog, format, range, maxLineLength, maxRejectsPerFile, null)
                                .withParserOptions(parserOptions).withSourceKeys(sourceKeys).withDateSources())
                .uid("ingest-parse-preaggregate");
        // per UTC day, journey and region: a group holds the whole day of a journey, from every input file, so the
        // merge makes its hours and day too (side outputs, no further shuffle), and both the rows of each file (its
        // lineage, see LineagePublish) and, where several files share a group, the merged rows of the table
        SingleOutputStreamOperator<SliMinuteRow> minutes = partials
                .keyBy(p -> Tuple2.of(p.daySortKey(), p.region), Types.TUPLE(Types.LONG, Types.STRING))
                .transform("merge minute partials -> sli_minute, sli_hour, sli_day rows",
                        TypeInformation.of(SliMinuteRow.class), new GroupedMinuteMergeOperator())
                .uid("merge-minutes");
        DataStream<RejectRow> rejects = partials.getSideOutput(IngestOperator.REJECTS);
        // the audit (a row per file and date) and the unmatched paths (a row per path shape) are small:
        // one merge each writes one file per date, where one per reader cost a task, its committer and
        // a Parquet file per date and reader more
        DataStream<AuditRow> audit = partials.getSideOutput(IngestOperator.AUDIT)
                .keyBy(AuditRow::key)
                .reduce(AuditRow::merge)
                .name("merge audit").uid("merge-audit").setParallelism(SMALL_TABLE_PARALLELISM);
        DataStream<UnmatchedRow> unmatched = partials.getSideOutput(IngestOperator.UNMATCHED)
                // the date first, as its own field: the batch sort then brings the dates one after the
                // other (a single string key sorts by its length first), so each date gets one file
                .keyBy(r -> Tuple2.of(r.dt, r.route()), Types.TUPLE(Types.STRING, Types.STRING))
                .reduce(UnmatchedRow::merge)
                .name("merge unmatched paths").uid("merge-unmatched").setParallelism(SMALL_TABLE_PARALLELISM);
        DataStream<SliHourRow> hours = minutes.getSideOutput(GroupedMinuteMergeOperator.HOURS);
        DataStream<SliDayRow> days = minutes.getSideOutput(GroupedMinuteMergeOperator.DAYS);
        return new Outputs(minutes, rejects, audit, unmatched, hours, days);
    }

    /** Summary of a finished run. */
    public static final class Result {
        public final Map<String, Long> counters = new LinkedHashMap<>();
        public int inputs;
        public int partitionsWritten;
        public Set<String> dates;
        /** What the publish step merged with earlier runs' files (see LineagePublish). */
        public LineagePublish.Summary lineage;
        public long millis;
        /** Of {@link #millis}: the merge with earlier runs' lineage and the publish, after the job. */
        public long publishMillis;
        /** Input files left out ({@code --skip-unknown-files}): each with why (InputFormats.Unknown#describe). */
        public List<String> skipped = List.of();
    }

    /**
     * Validates everything (catalog, inputs, output folder) before the job starts, runs it, and
     * publishes the partitions.
     */
    public static Result run(IngestOptions o, PrintStream log) throws Exception {
        long t0 = System.nanoTime();
        JourneyCatalog catalog = CatalogLoader.load(java.nio.file.Path.of(o.journeys));
        List<Path> inputs = InputPaths.expand(o.logs);
        List<InputFormats.Unknown> unknown = List.of();
        if (o.format == LogFormat.AUTO || catalog.formats().stream().anyMatch(f -> f.spec().format() == LogFormat.AUTO)) {
            // every file in a format detection recognises, or the run stops here, before anything is written (a file
            // the catalog's formats: gives a format is read in it)
            List<Path> files = InputFormats.files(inputs);
            List<Path> detected = files.stream().filter(f -> {
                dev.sliflow.journey.FormatRule rule = catalog.formatFor(f.toString());
                return (rule == null ? o.format : rule.spec().format()) == LogFormat.AUTO;
            }).toList();
            unknown = InputFormats.unknown(detected, ParserOptions.defaults().withMaxLineLength(o.maxLineLength));
            if (!unknown.isEmpty() && !o.skipUnknownFiles) {
                throw new IllegalArgumentException(InputFormats.refusal(unknown));
            }
            if (!unknown.isEmpty()) {
                java.util.Set<Path> skip = new java.util.HashSet<>();
                unknown.forEach(u -> skip.add(u.file()));
                inputs = files.stream().filter(f -> !skip.contains(f)).toList();
            }
            if (inputs.isEmpty()) {
                // every file skipped: nothing to run, the tables stay as they are
                Result r = new Result();
                for (String c : IngestOperator.COUNTERS) {
                    r.counters.put(c, 0L);
                }
                r.skipped = unknown.stream().map(InputFormats.Unknown::describe).toList();
                r.dates = new java.util.TreeSet<>();
                r.millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                return r;
            }
        }
        Path out = new Path(o.out);
        Jobs.prepareOutput(out);
        Path staging = Jobs.stagingFor(out);
        StreamExecutionEnvironment env = Jobs.batchEnv(o.parallelism);

        FileSource<RawLines> source = FileSource.forBulkFileFormat(new LineFormat(), inputs.toArray(new Path[0]))
                .setSplitAssigner(LargestFirstSplitAssigner::new) // readers finish together: the merge waits for the last
                .build();
        DataStream<RawLines> lines = env.fromSource(source, WatermarkStrategy.noWatermarks(), "access logs")
                .uid("access-log-source");
        Map<String, Long> sourceKeys = SourceKeys.of(inputs); // each file's lineage identity: its first line
        Outputs outputs = build(lines, catalog, o.format, o.parserOptions, o.range, o.maxLineLength, o.maxRejectsPerFile,
                sourceKeys);
        long warmupLines = Long.getLong("sliflow.warmup.lines", WARMUP_LINES);
        if (Jobs.isEmbedded(env) && warmupLines > 0) {
            // the embedded cluster is still starting: compile the per-line code meanwhile (its readers stop this)
            Warmup.start(catalog, o.format, o.parserOptions, o.range, o.maxLineLength, InputPaths.firstLocalFile(inputs),
                    warmupLines);
        }
        // a few files open per writer, not one per date: a backfill of many dates in bounded memory
        Jobs.sinkByDateBounded(outputs.sliMinute, staging, SliMinuteRow.SCHEMA, 0);
        Jobs.sinkByDateBounded(outputs.rejects, staging, RejectRow.SCHEMA, 0);
        Jobs.sinkByDateBounded(outputs.audit, staging, AuditRow.SCHEMA, SMALL_TABLE_PARALLELISM);
        Jobs.sinkByDateBounded(outputs.unmatched, staging, UnmatchedRow.SCHEMA, SMALL_TABLE_PARALLELISM);
        // the rollups' rows come date after date, one partition each: one open file per writer
        Jobs.sinkByDateBounded(outputs.sliHour, staging, SliHourRow.SCHEMA, 0, 1);
        Jobs.sinkByDateBounded(outputs.sliDay, staging, SliDayRow.SCHEMA, 0, 1);

        JobExecutionResult jr;
        try {
            JobClient client = env.executeAsync("sliflow ingest " + o.range);
            jr = Jobs.await(client, o.progress ? log : null, t0, "sliflow.read", "lines read");
        } catch (Exception e) {
            Jobs.discardStaging(staging);
            throw new IOException(e.getMessage() + "; the published tables are unchanged", e);
        }

        Result r = new Result();
        r.skipped = unknown.stream().map(InputFormats.Unknown::describe).toList();
        for (String c : IngestOperator.COUNTERS) {
            Object v = jr.getAllAccumulatorResults().get("sliflow." + c);
            r.counters.put(c, v == null ? 0L : ((Number) v).longValue());
        }
        long jobDone = System.nanoTime();
        LineagePublish.Summary lineage;
        try {
            List<String> dateSources = jr.getAccumulatorResult(IngestOperator.DATE_SOURCES);
            lineage = new LineagePublish(out, staging, sourceKeys, dateSources == null ? List.of() : dateSources, o.range)
                    .prepare();
        } catch (IOException | RuntimeException e) {
            Jobs.discardStaging(staging);
            throw new IOException("could not merge the run with the earlier runs' files: " + e.getMessage()
                    + "; the published tables are unchanged", e);
        }
        Set<String> dts = lineage.dates;
        int lineageDates = PartitionCommitter.stagedDates(staging, List.of(LineagePublish.LINEAGE)).size();
        r.partitionsWritten = PartitionCommitter.commit(out, staging, PUBLISHED, dts) - lineageDates;
        r.dates = dts;
        r.lineage = lineage;
        r.inputs = inputs.size();
        r.millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        r.publishMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - jobDone);
        return r;
    }
}
