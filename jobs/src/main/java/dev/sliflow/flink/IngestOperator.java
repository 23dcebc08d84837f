package dev.sliflow.flink;

import dev.sliflow.ingest.AuditRow;
import dev.sliflow.ingest.DateRange;
import dev.sliflow.ingest.IngestCore;
import dev.sliflow.ingest.LateRow;
import dev.sliflow.ingest.RejectRow;
import dev.sliflow.ingest.SliPartial;
import dev.sliflow.ingest.UnmatchedRow;
import dev.sliflow.ingest.Warmup;
import dev.sliflow.journey.JourneyCatalog;
import dev.sliflow.parse.LogFormat;
import dev.sliflow.parse.ParserOptions;
import java.util.List;
import org.apache.flink.api.common.accumulators.ListAccumulator;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.OutputTag;

/**
 * Thin Flink wiring around {@link IngestCore}: chunks of lines in; per-minute partial aggregates out (stamped
 * with their minute), rejects, audit rows and late lines to side outputs. Chained right behind the
 * file source, so raw lines never cross the network. Totals are published as Flink accumulators.
 *
 * <p>Streaming: event time is known only once a line is parsed, so this operator is where the
 * watermarks of its reader start. Every {@code watermarkIntervalMs}, and when its reader moves on to
 * its next file (split), it emits its open partials and then a watermark of (latest event time −
 * {@code watermarkDelayMs}); lines that later fall into a minute that watermark closed are late
 * (late_events, audit.late), so this subtask never sends a partial behind its own watermark. After
 * {@code idleMs} without input it declares itself idle so that other readers' progress is not held
 * back — which is why its partials can still reach a minute that another reader's watermark has
 * closed: the window's side output takes those (see {@link StreamIngestJob}). With
 * {@link Streaming#fromSource} the source brings the watermarks (per split or partition, with
 * idleness: a Kafka source's per-partition watermarks) and this operator follows them instead.
 *
 * <p>Before each checkpoint barrier it emits all it holds, so the only state it checkpoints is the
 * highest watermark it emitted (union list state: every restored subtask sees all subtasks'). A
 * restored subtask goes on from its own (the file it was reading is handed back to it, and its
 * lines are judged as in an uninterrupted run) and emits it before anything else; a file it starts
 * after the restore is judged against the highest watermark of all subtasks, so lines of minutes
 * closed before the stop are late, line by line. Minutes the windows had already written are also
 * guarded behind the windows ({@link WrittenMinutesGuard}): never a second row for a minute.
 */
public final class IngestOperator extends AbstractStreamOperator<SliPartial>
        implements OneInputStreamOperator<RawLines, SliPartial>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<RejectRow> REJECTS = new OutputTag<>("rejects") {};
    /** Accumulator name: see {@link #withDateSources}. */
    public static final String DATE_SOURCES = "sliflow.dateSources";
    public static final OutputTag<AuditRow> AUDIT = new OutputTag<>("audit") {};
    public static final OutputTag<LateRow> LATE = new OutputTag<>("late") {};
    public static final OutputTag<UnmatchedRow> UNMATCHED = new OutputTag<>("unmatched") {};
    public static final String[] COUNTERS = {"read", "parsed", "rejected", "matched", "excluded", "unmatched",
        "out_of_range", "late", "non_access", "undated_rejects"};

    /**
     * Streaming settings; null in batch mode. {@code fromSource}: the source emits event-time watermarks
     * (a {@code WatermarkStrategy} on it, per split/partition with idleness): forward those and close
     * minutes by them, instead of deriving a watermark from the parsed lines (delay, interval and idle
     * are then unused).
     */
    public record Streaming(long watermarkDelayMs, long watermarkIntervalMs, long idleMs, boolean fromSource)
            implements java.io.Serializable {
        public Streaming(long watermarkDelayMs, long watermarkIntervalMs, long idleMs) {
            this(watermarkDelayMs, watermarkIntervalMs, idleMs, false);
        }
    }

    private final JourneyCatalog catalog;
    private final LogFormat format;
    private final DateRange range;
    private final int maxLineLength;
    private final int maxRejectsPerFile;
    private final Streaming streaming;
    private ParserOptions parserOptions = ParserOptions.defaults();
    /** Batch: each input file's lineage identity (see SourceKeys); null: keyed by path. */
    private java.util.HashMap<String, Long> sourceKeys;
    /** Batch: the accumulator {@link #DATE_SOURCES} is kept (see {@link #withDateSources}). */
    private boolean dateSources;
    private transient ListAccumulator<String> dateSourceList;
    private transient IngestCore core;
    private transient LongCounter[] counters;
    private transient long sincePublish;
    private transient long lastWatermark;
    /** Streaming: the file of the last chunk read (null until the first). */
    private transient String lastFile;
    private transient long lastInputNanos;
    private transient boolean idle;
    /** Streaming: {subtask index, highest watermark emitted} per subtask (union: a restored subtask sees all). */
    private transient ListState<long[]> highestWatermark;
    /** Streaming: this subtask's watermark at the restored checkpoint (Long.MIN_VALUE: none). */
    private transient long restoredWatermark = Long.MIN_VALUE;
    /** Streaming: the highest watermark of all subtasks at the restored checkpoint, for the files started after it. */
    private transient long restoredMax = Long.MIN_VALUE;
    /** Streaming: the restored watermark still has to go out, ahead of any partial. */
    private transient boolean restoredPending;

    public IngestOperator(JourneyCatalog catalog, LogFormat format, DateRange range, int maxLineLength,
            int maxRejectsPerFile, Streaming streaming) {
        this.catalog = catalog;
        this.format = format;
        this.range = range;
        this.maxLineLength = maxLineLength;
        this.maxRejectsPerFile = maxRejectsPerFile;
        this.streaming = streaming;
    }

    /** Stamps each file's rows with its identity from {@code keys} (file name → SourceId key). */
    /**
     * Keeps the accumulator {@link #DATE_SOURCES}: every date, source and file an audit row was made for,
     * as {@code dt TAB source TAB file} (a batch run's publish learns from it which files reach which
     * date without reading the staged audit back). Batch only: a stream's would grow for ever.
     */
    public IngestOperator withDateSources() {
        this.dateSources = true;
        return this;
    }

    /** The parsers' settings, e.g. the layout of {@link LogFormat#DECLARED}. */
    public IngestOperator withParserOptions(ParserOptions options) {
        this.parserOptions = options;
        return this;
    }

    public IngestOperator withSourceKeys(java.util.Map<String, Long> keys) {
        this.sourceKeys = keys == null ? null : new java.util.HashMap<>(keys);
        return this;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        if (streaming == null) {
            return;
        }
        highestWatermark = context.getOperatorStateStore()
                .getUnionListState(new ListStateDescriptor<>("highest-watermark", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        restoredWatermark = Long.MIN_VALUE;
        restoredMax = Long.MIN_VALUE;
        if (context.isRestored()) {
            int me = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
            boolean own = false;
            for (long[] w : highestWatermark.get()) {
                restoredMax = Math.max(restoredMax, w[1]);
                if (w[0] == me) {
                    restoredWatermark = w[1];
                    own = true;
                }
            }
            if (!own) { // another parallelism: which file it gets back is unknown, so it starts from the highest
                restoredWatermark = restoredMax;
            }
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        if (streaming != null) {
            highestWatermark.update(List.of(new long[] {getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                lastWatermark}));
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        Warmup.stop(); // the start-up warm-up (embedded runs) leaves the CPU to the readers now
        counters = new LongCounter[COUNTERS.length];
        for (int i = 0; i < COUNTERS.length; i++) {
            counters[i] = new LongCounter();
            getRuntimeContext().addAccumulator("sliflow." + COUNTERS[i], counters[i]);
        }
        if (dateSources) {
            dateSourceList = new ListAccumulator<>();
            getRuntimeContext().addAccumulator(DATE_SOURCES, dateSourceList);
        }
        core = new IngestCore(catalog, format, range, maxLineLength, new IngestCore.Emitter() {
            @Override
            public void partial(SliPartial p) {
                output.collect(new StreamRecord<>(p, p.minute));
            }

            @Override
            public void reject(RejectRow r) {
                output.collect(REJECTS, new StreamRecord<>(r));
            }

            @Override
            public void audit(AuditRow a) {
                if (dateSourceList != null && a.source != null) {
                    dateSourceList.add(a.dt + "\t" + a.source + "\t" + a.file);
                }
                output.collect(AUDIT, new StreamRecord<>(a));
            }

            @Override
            public void unmatched(UnmatchedRow u) {
                output.collect(UNMATCHED, new StreamRecord<>(u));
            }

            @Override
            public void late(LateRow l) {
                output.collect(LATE, new StreamRecord<>(l, l.eventTime));
            }
        }).limitRejectsPerFile(maxRejectsPerFile).sourceKeys(sourceKeys).parserOptions(parserOptions);
        if (streaming == null) {
            core.withoutPartialNames();
        }
        lastWatermark = Long.MIN_VALUE;
        lastInputNanos = System.nanoTime();
        if (streaming != null && restoredWatermark != Long.MIN_VALUE) {
            core.closeMinutesBefore(restoredWatermark);
            lastWatermark = restoredWatermark;
            restoredPending = true;
        }
        if (streaming != null && !streaming.fromSource()) {
            scheduleTick();
        }
    }

    private void scheduleTick() {
        long now = getProcessingTimeService().getCurrentProcessingTime();
        getProcessingTimeService().registerTimer(now + streaming.watermarkIntervalMs(), t -> tick());
    }

    /** Streaming clock: partials first, then the watermark; idleness. */
    private void tick() {
        emitRestoredWatermark();
        advanceClock();
        if (!idle && System.nanoTime() - lastInputNanos > streaming.idleMs() * 1_000_000L) {
            core.flushPartials();
            idle = true;
            output.emitWatermarkStatus(WatermarkStatus.IDLE);
        }
        publishCounters();
        scheduleTick();
    }

    /** Partials first, then the watermark of (latest event time - delay), when that moved forward. */
    private void advanceClock() {
        long maxTs = core.counters().maxEventTime;
        if (maxTs != Long.MIN_VALUE) {
            advanceTo(maxTs - streaming.watermarkDelayMs());
        }
    }

    /** Emits the open partials, closes the minutes {@code wm} closes, and emits {@code wm} — if it moves forward. */
    private void advanceTo(long wm) {
        if (wm > lastWatermark) {
            core.flushPartials();
            core.closeMinutesBefore(wm);
            lastWatermark = wm;
            output.emitWatermark(new Watermark(wm));
        }
    }

    /** After a restore: this subtask's watermark at the checkpoint goes out before any partial of it. */
    private void emitRestoredWatermark() {
        if (restoredPending) {
            restoredPending = false;
            output.emitWatermark(new Watermark(restoredWatermark));
        }
    }

    @Override
    public void processElement(StreamRecord<RawLines> element) {
        emitRestoredWatermark();
        if (idle) {
            idle = false;
            output.emitWatermarkStatus(WatermarkStatus.ACTIVE);
        }
        if (streaming != null) {
            lastInputNanos = System.nanoTime();
        }
        RawLines chunk = element.getValue();
        if (streaming != null && !streaming.fromSource() && !chunk.file.equals(lastFile)) {
            if (lastFile != null) {
                // a new file is judged against everything read before it, not against the last timer
                // tick: older lines of a later file are late however fast the earlier one was read
                advanceClock();
            }
            if ((lastFile != null || chunk.firstLineNo == 1) && restoredMax != Long.MIN_VALUE) {
                // the first file this subtask starts after a restore: judged against what every reader
                // had read before the stop (a file handed back mid-way goes on from this reader's own)
                advanceTo(restoredMax);
                restoredMax = Long.MIN_VALUE;
            }
            lastFile = chunk.file;
        }
        if (chunk.data != null) {
            byte[] data = chunk.data;
            int[] ends = chunk.ends;
            int from = 0;
            for (int i = 0, n = chunk.count; i < n; i++) {
                core.line(chunk.file, chunk.fileMtime, chunk.firstLineNo + i, data, from, ends[i]);
                from = ends[i];
            }
        } else {
            String[] lines = chunk.lines;
            for (int i = 0, n = chunk.count; i < n; i++) {
                core.line(chunk.file, chunk.fileMtime, chunk.firstLineNo + i, lines[i]);
            }
        }
        sincePublish += chunk.count;
        if (sincePublish >= 65_536) {
            publishCounters();
        }
    }

    /**
     * The final watermark ends the input. Other watermarks of the source are followed only with
     * {@link Streaming#fromSource} (by default the source has none: event time is known after parsing).
     */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        emitRestoredWatermark();
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            core.finishAll();
            publishCounters();
            super.processWatermark(mark);
        } else if (streaming != null && streaming.fromSource()) {
            advanceTo(mark.getTimestamp());
        }
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        core.flush();
        publishCounters();
    }

    /** Copies the core's totals into the accumulators (they reach the client with task heartbeats). */
    private void publishCounters() {
        sincePublish = 0;
        IngestCore.Counters c = core.counters();
        long[] values = {c.read, c.parsed, c.rejected, c.matched, c.excluded, c.unmatched, c.outOfRange, c.late, c.nonAccess, c.undatedRejects};
        for (int i = 0; i < COUNTERS.length; i++) {
            counters[i].resetLocal();
            counters[i].add(values[i]);
        }
    }

    @Override
    public void endInput() {
        if (streaming != null) {
            emitRestoredWatermark();
        }
        core.finishAll();
        publishCounters();
    }
}
