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
import org.apache.flink.api.common.accumulators.LongCounter;
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
 * <p>Streaming: this operator is the event-time clock. Every {@code watermarkIntervalMs}, and when a
 * reader moves on to its next file, it emits its open partials and then a watermark of (latest event
 * time − {@code watermarkDelayMs}); lines that later fall into a minute before that watermark are
 * late (late_events, audit.late), so no partial is ever behind the watermark downstream. Before
 * each checkpoint barrier it emits all it holds, so its own state is empty at every checkpoint. After
 * {@code idleMs} without input it declares itself idle so that other readers' progress is not held
 * back.
 */
public final class IngestOperator extends AbstractStreamOperator<SliPartial>
        implements OneInputStreamOperator<RawLines, SliPartial>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<RejectRow> REJECTS = new OutputTag<>("rejects") {};
    public static final OutputTag<AuditRow> AUDIT = new OutputTag<>("audit") {};
    public static final OutputTag<LateRow> LATE = new OutputTag<>("late") {};
    public static final OutputTag<UnmatchedRow> UNMATCHED = new OutputTag<>("unmatched") {};
    public static final String[] COUNTERS = {"read", "parsed", "rejected", "matched", "excluded", "unmatched",
        "out_of_range", "late"};

    /** Streaming settings; null in batch mode. */
    public record Streaming(long watermarkDelayMs, long watermarkIntervalMs, long idleMs) implements java.io.Serializable {}

    private final JourneyCatalog catalog;
    private final LogFormat format;
    private final DateRange range;
    private final int maxLineLength;
    private final int maxRejectsPerFile;
    private final Streaming streaming;
    private transient IngestCore core;
    private transient LongCounter[] counters;
    private transient long sincePublish;
    private transient long lastWatermark;
    /** Streaming: the file of the last chunk read (null until the first). */
    private transient String lastFile;
    private transient long lastInputNanos;
    private transient boolean idle;

    public IngestOperator(JourneyCatalog catalog, LogFormat format, DateRange range, int maxLineLength,
            int maxRejectsPerFile, Streaming streaming) {
        this.catalog = catalog;
        this.format = format;
        this.range = range;
        this.maxLineLength = maxLineLength;
        this.maxRejectsPerFile = maxRejectsPerFile;
        this.streaming = streaming;
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
        }).limitRejectsPerFile(maxRejectsPerFile);
        lastWatermark = Long.MIN_VALUE;
        lastInputNanos = System.nanoTime();
        if (streaming != null) {
            scheduleTick();
        }
    }

    private void scheduleTick() {
        long now = getProcessingTimeService().getCurrentProcessingTime();
        getProcessingTimeService().registerTimer(now + streaming.watermarkIntervalMs(), t -> tick());
    }

    /** Streaming clock: partials first, then the watermark; idleness. */
    private void tick() {
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
            long wm = maxTs - streaming.watermarkDelayMs();
            if (wm > lastWatermark) {
                core.flushPartials();
                core.closeMinutesBefore(wm);
                lastWatermark = wm;
                output.emitWatermark(new Watermark(wm));
            }
        }
    }

    @Override
    public void processElement(StreamRecord<RawLines> element) {
        if (idle) {
            idle = false;
            output.emitWatermarkStatus(WatermarkStatus.ACTIVE);
        }
        if (streaming != null) {
            lastInputNanos = System.nanoTime();
        }
        RawLines chunk = element.getValue();
        if (streaming != null && !chunk.file.equals(lastFile)) {
            if (lastFile != null) {
                // a new file is judged against everything read before it, not against the last timer
                // tick: older lines of a later file are late however fast the earlier one was read
                advanceClock();
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

    /** The source's own watermarks are ignored (event time is known only after parsing), except the final one. */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            core.finishAll();
            publishCounters();
            super.processWatermark(mark);
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
        long[] values = {c.read, c.parsed, c.rejected, c.matched, c.excluded, c.unmatched, c.outOfRange, c.late};
        for (int i = 0; i < COUNTERS.length; i++) {
            counters[i].resetLocal();
            counters[i].add(values[i]);
        }
    }

    @Override
    public void endInput() {
        core.finishAll();
        publishCounters();
    }
}
