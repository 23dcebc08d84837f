package dev.sliflow.backtest.flink;

import dev.sliflow.backtest.Backtester;
import dev.sliflow.backtest.MissingThresholdException;
import dev.sliflow.backtest.table.AlertQualityRow;
import dev.sliflow.backtest.table.AlertRow;
import dev.sliflow.backtest.table.RecommendationRow;
import dev.sliflow.backtest.table.SlaMonthRow;
import dev.sliflow.backtest.table.SloDailyRow;
import dev.sliflow.backtest.table.SloSummaryRow;
import dev.sliflow.flink.Jobs;
import dev.sliflow.flink.PartitionCommitter;
import dev.sliflow.query.SqlRunner;
import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.OpenSloWriter;
import dev.sliflow.slo.SloConfig;
import dev.sliflow.slo.SloConfigLoader;
import dev.sliflow.slo.SliKind;
import dev.sliflow.table.OutputDir;
import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.GlobalWindows;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.SerializedThrowable;

/**
 * The backtest job: {@code sli_minute} → {@code slo_daily}, {@code alerts} (partitioned by date),
 * {@code slo_summary}, {@code slo_recommendation}, {@code sla_months} (whole tables) and OpenSLO
 * files of the recommended targets under {@code DIR/openslo/}.
 *
 * <p>Pipeline: Flink SQL scan of sli_minute (the DDL of sql/ddl, partition-pruned by date; latency_sketch
 * only when a percentile time-slice SLO needs it) → rows summed per journey and day, sketches reduced to
 * counts ({@link MinuteChunker}) → keyBy journey → one end-of-input window per journey → {@link BacktestFunction} (plain-Java
 * {@code Backtester}) → Parquet. Published like ingest: staged, then swapped in after success.
 *
 * <p><b>Ranged runs.</b> The days of {@code --from..--to} are backtested with the history before them as
 * the windows' warm-up ({@link Backtester#historyStart}, from the first date of sli_minute at the
 * earliest), so each gets the rows of a run over the whole history; only their {@code slo_daily} and
 * {@code alerts} partitions are replaced. A run over part of the history (from after the first date of
 * sli_minute, or to before its last) leaves the whole-history tables ({@code slo_summary},
 * {@code slo_recommendation}, {@code sla_months}, {@code openslo/}) unchanged, and says so
 * ({@link Result#wholeHistory}): they are never replaced by a view of a shorter range.
 */
public final class BacktestJob {
    public static final List<String> DATED = List.of("slo_daily", "alerts");
    public static final List<String> WHOLE = List.of("slo_summary", "slo_recommendation", "sla_months",
            "alert_quality");

    private BacktestJob() {}

    /** Options of a backtest run. */
    public static final class Options {
        public String out;
        public List<java.nio.file.Path> slos;
        public LocalDate from;
        public LocalDate to;
        public int parallelism = Math.max(1, Runtime.getRuntime().availableProcessors());
        public String service = "sliflow";
        public boolean progress = true;
    }

    /** What a run produced. */
    public static final class Result {
        public LocalDate from;
        public LocalDate to;
        /** The first day of history read: before {@code from} when windows needed a warm-up. */
        public LocalDate historyFrom;
        /**
         * Whether the run covered all of sli_minute and so replaced the whole-history tables; false for a
         * ranged run, which left them unchanged.
         */
        public boolean wholeHistory;
        public int candidates;
        public final List<RecommendationRow> recommendations = new ArrayList<>();
        public final Set<String> journeysWithoutData = new TreeSet<>();
        public final List<java.nio.file.Path> openSloFiles = new ArrayList<>();
        public long millis;
    }

    public static Result run(Options o, PrintStream log) throws Exception {
        long t0 = System.nanoTime();
        SloConfig config = SloConfigLoader.load(o.slos.toArray(new java.nio.file.Path[0]));
        Path out = new Path(o.out);
        LocalDate[] dts = partitions(out);
        LocalDate[] range = range(dts, o.from, o.to);
        boolean whole = !range[0].isAfter(dts[0]) && !range[1].isBefore(dts[1]);
        LocalDate history = Backtester.historyStart(config, range[0]);
        history = history.isBefore(dts[0]) ? dts[0] : history; // a full run does not reach before it either
        history = history.isAfter(range[0]) ? range[0] : history;
        Jobs.prepareOutput(out);
        Path staging = Jobs.stagingFor(out);

        StreamExecutionEnvironment env = Jobs.batchEnv(o.parallelism);
        StreamTableEnvironment tenv = StreamTableEnvironment.create(env);
        String outDir = java.nio.file.Path.of(o.out).toAbsolutePath().normalize().toString().replace("'", "''");
        for (String stmt : SqlRunner.statements(SqlRunner.resource("sql/ddl/sli_minute.sql"))) {
            tenv.executeSql(stmt.replace("${OUT}", outDir));
        }
        // the sketches are read only when some journey has percentile time-slice SLOs
        Map<String, int[]> sketchThresholds = new HashMap<>();
        for (String journey : new TreeSet<>(config.candidates().stream().map(Candidate::journey).toList())) {
            int[] t = sketchThresholds(config.candidates().stream().filter(c -> c.journey().equals(journey)).toList());
            if (t.length > 0) {
                sketchThresholds.put(journey, t);
            }
        }
        Table minutes = tenv.sqlQuery("SELECT journey, `minute`, total, good, with_latency, good_latency"
                + (sketchThresholds.isEmpty() ? "" : ", latency_sketch") + " FROM sli_minute"
                + " WHERE dt >= '" + history + "' AND dt <= '" + range[1] + "'");
        DataStream<MinuteChunk> rows = tenv.toDataStream(minutes)
                .transform("sli_minute by journey and day", TypeInformation.of(MinuteChunk.class),
                        new MinuteChunker(sketchThresholds))
                .uid("backtest-minutes");
        // journeys spread evenly over the subtasks (JourneySlots); rows of journeys without candidates
        // or SLA have nothing to compute and stop here
        Map<String, Integer> weights = new LinkedHashMap<>();
        config.candidates().forEach(c -> weights.merge(c.journey(), 1, Integer::sum));
        config.slas().forEach(s -> weights.merge(s.journey(), 1, Integer::sum));
        int maxParallelism = KeyGroupRangeAssignment.computeDefaultMaxParallelism(o.parallelism);
        Map<String, Integer> keys = JourneySlots.keys(weights, o.parallelism, maxParallelism);
        Map<Integer, String> journeyOfKey = new HashMap<>();
        keys.forEach((j, k) -> journeyOfKey.put(k, j));
        SingleOutputStreamOperator<RecommendationRow> recs = rows
                .filter(m -> keys.containsKey(m.journey)).name("journeys with candidates or SLA")
                .keyBy(m -> keys.get(m.journey), Types.INT)
                .window(GlobalWindows.createWithEndOfStreamTrigger())
                .process(new BacktestFunction(config, history, range[0], range[1], journeyOfKey), TypeInformation.of(RecommendationRow.class))
                .name("backtest per journey").uid("backtest-journeys");
        recs.setMaxParallelism(maxParallelism);
        Jobs.sinkByDate(recs.getSideOutput(BacktestFunction.DAILY), staging, SloDailyRow.SCHEMA);
        Jobs.sinkByDate(recs.getSideOutput(BacktestFunction.ALERTS), staging, AlertRow.SCHEMA);
        if (whole) { // a ranged run's view of these would describe a shorter history: not written
            Jobs.sinkWhole(recs.getSideOutput(BacktestFunction.SUMMARY), staging, SloSummaryRow.SCHEMA);
            Jobs.sinkWhole(recs.getSideOutput(BacktestFunction.SLA), staging, SlaMonthRow.SCHEMA);
            Jobs.sinkWhole(recs.getSideOutput(BacktestFunction.ALERT_QUALITY), staging, AlertQualityRow.SCHEMA);
            Jobs.sinkWhole(recs, staging, RecommendationRow.SCHEMA);
        }

        Result r = new Result();
        r.from = range[0];
        r.to = range[1];
        r.historyFrom = history;
        r.wholeHistory = whole;
        r.candidates = config.candidates().size();
        try (CloseableIterator<RecommendationRow> it = recs.collectAsync()) {
            JobClient client = env.executeAsync("sliflow backtest " + range[0] + ".." + range[1]);
            Jobs.await(client, o.progress ? log : null, t0, null, null);
            it.forEachRemaining(r.recommendations::add);
        } catch (Exception e) {
            Jobs.discardStaging(staging);
            String refused = refusal(e);
            if (refused != null) {
                throw new MissingThresholdException(refused + "; the published tables are unchanged");
            }
            throw new IOException(e.getMessage() + "; the published tables are unchanged", e);
        }
        if (whole) {
            PartitionCommitter.replaceTables(out, staging, WHOLE);
        }
        PartitionCommitter.commit(out, staging, DATED,
                PartitionCommitter.datesToReplace(out, staging, DATED, range[0], range[1]));

        r.recommendations.sort((a, b) -> (a.journey + a.sli + a.thresholdMs).compareTo(b.journey + b.sli + b.thresholdMs));
        Set<String> withData = new TreeSet<>();
        r.recommendations.forEach(x -> withData.add(x.journey));
        for (Candidate c : config.candidates()) {
            if (!withData.contains(c.journey())) {
                r.journeysWithoutData.add(c.journey());
            }
        }
        if (whole) {
            writeOpenSlo(java.nio.file.Path.of(o.out, "openslo"), config, r, o.service);
        }
        r.millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        return r;
    }

    /** The distinct thresholds of the percentile time-slice candidates among {@code candidates}, ascending. */
    static int[] sketchThresholds(List<Candidate> candidates) {
        return candidates.stream().filter(c -> c.sli() == SliKind.PERCENTILE).mapToInt(Candidate::thresholdMs)
                .distinct().sorted().toArray();
    }

    /**
     * The message of a {@link MissingThresholdException} thrown by a journey's backtest, wherever it is in
     * the job failure's causes (Flink may carry it as a {@link SerializedThrowable}), or null.
     */
    static String refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MissingThresholdException
                    || t instanceof SerializedThrowable st
                            && MissingThresholdException.class.getName().equals(st.getOriginalErrorClassName())) {
                return t.getMessage();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /**
     * Writes the recommended candidates as OpenSLO files (the folder is replaced), each with the alert
     * policy recommended with it.
     */
    static void writeOpenSlo(java.nio.file.Path dir, SloConfig config, Result r, String service) throws IOException {
        Map<String, Candidate> byId = new HashMap<>();
        config.candidates().forEach(c -> byId.put(c.sloId(), c));
        List<Candidate> chosen = new ArrayList<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        Map<String, OpenSloWriter.Alerting> alerting = new HashMap<>();
        for (RecommendationRow rec : r.recommendations) {
            Candidate c = byId.get(rec.sloId);
            if (c != null && rec.qualifies) {
                chosen.add(c);
                descriptions.put(c.sloId(), "Recommended by sliflow backtest " + r.from + ".." + r.to + ": " + rec.evidence);
                for (dev.sliflow.slo.AlertPolicy p : config.policiesOrDefault()) {
                    if (p.name().equals(rec.policy)) {
                        List<dev.sliflow.slo.AlertTier> tiers = new ArrayList<>();
                        for (dev.sliflow.slo.AlertTier t : config.tiers() == null ? List.<dev.sliflow.slo.AlertTier>of()
                                : config.tiers()) {
                            tiers.add(p.apply(t, c.window().days()));
                        }
                        alerting.put(c.sloId(), new OpenSloWriter.Alerting(p, tiers));
                    }
                }
            }
        }
        OutputDir.deleteTree(dir); // never follows links
        if (!chosen.isEmpty()) {
            r.openSloFiles.addAll(OpenSloWriter.writeFiles(dir, chosen, service, descriptions, alerting));
        }
    }

    /** The backtest range: --from/--to, else the first and last dt partition of sli_minute ({@code dts}). */
    static LocalDate[] range(LocalDate[] dts, LocalDate from, LocalDate to) {
        LocalDate f = from != null ? from : dts[0];
        LocalDate t = to != null ? to : dts[1];
        if (t.isBefore(f)) {
            throw new IllegalArgumentException("--to " + t + " is before --from " + f);
        }
        return new LocalDate[] {f, t};
    }

    /** The first and last dt partition of sli_minute. */
    static LocalDate[] partitions(Path out) throws IOException {
        Path table = new Path(out, "sli_minute");
        FileSystem fs = table.getFileSystem();
        if (!fs.exists(table)) {
            throw new IllegalArgumentException("--out " + out + " has no sli_minute table: run `sliflow ingest` first");
        }
        TreeSet<LocalDate> dts = new TreeSet<>();
        for (FileStatus st : fs.listStatus(table)) {
            String n = st.getPath().getName();
            if (st.isDir() && n.startsWith("dt=")) {
                try {
                    dts.add(LocalDate.parse(n.substring(3)));
                } catch (java.time.format.DateTimeParseException e) {
                    throw new IllegalArgumentException(st.getPath() + " is not a date partition (dt=YYYY-MM-DD): move it away");
                }
            }
        }
        if (dts.isEmpty()) {
            throw new IllegalArgumentException(table + " has no dt= partitions: nothing to backtest");
        }
        return new LocalDate[] {dts.first(), dts.last()};
    }
}
