package dev.sliflow.flink;

import dev.sliflow.ingest.AuditRow;
import dev.sliflow.ingest.DateRange;
import dev.sliflow.ingest.IngestCore;
import dev.sliflow.ingest.RejectRow;
import dev.sliflow.ingest.SliPartial;
import dev.sliflow.journey.JourneyCatalog;
import dev.sliflow.parse.LogFormat;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Thin Flink wiring around {@link IngestCore}: lines in; per-minute partial aggregates out, rejects
 * and audit rows to side outputs. Chained right behind the file source, so raw lines never cross
 * the network. Totals are published as Flink accumulators for the run summary.
 */
public final class IngestOperator extends AbstractStreamOperator<SliPartial>
        implements OneInputStreamOperator<RawLine, SliPartial>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<RejectRow> REJECTS = new OutputTag<>("rejects") {};
    public static final OutputTag<AuditRow> AUDIT = new OutputTag<>("audit") {};
    public static final String[] COUNTERS = {"read", "parsed", "rejected", "matched", "excluded", "unmatched", "out_of_range"};

    private final JourneyCatalog catalog;
    private final LogFormat format;
    private final DateRange range;
    private final int maxLineLength;
    private transient IngestCore core;
    private transient StreamRecord<SliPartial> partialRecord;
    private transient LongCounter[] counters;
    private transient long sincePublish;

    public IngestOperator(JourneyCatalog catalog, LogFormat format, DateRange range, int maxLineLength) {
        this.catalog = catalog;
        this.format = format;
        this.range = range;
        this.maxLineLength = maxLineLength;
    }

    @Override
    public void open() throws Exception {
        super.open();
        partialRecord = new StreamRecord<>(null);
        counters = new LongCounter[COUNTERS.length];
        for (int i = 0; i < COUNTERS.length; i++) {
            counters[i] = new LongCounter();
            getRuntimeContext().addAccumulator("sliflow." + COUNTERS[i], counters[i]);
        }
        core = new IngestCore(catalog, format, range, maxLineLength, new IngestCore.Emitter() {
            @Override
            public void partial(SliPartial p) {
                output.collect(partialRecord.replace(p));
            }

            @Override
            public void reject(RejectRow r) {
                output.collect(REJECTS, new StreamRecord<>(r));
            }

            @Override
            public void audit(AuditRow a) {
                output.collect(AUDIT, new StreamRecord<>(a));
            }
        });
    }

    @Override
    public void processElement(StreamRecord<RawLine> element) {
        RawLine l = element.getValue();
        core.line(l.file, l.fileMtime, l.lineNo, l.text);
        if (++sincePublish == 65_536) {
            publishCounters();
        }
    }

    /** Copies the core's totals into the accumulators (they reach the client with task heartbeats). */
    private void publishCounters() {
        sincePublish = 0;
        IngestCore.Counters c = core.counters();
        long[] values = {c.read, c.parsed, c.rejected, c.matched, c.excluded, c.unmatched, c.outOfRange};
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
