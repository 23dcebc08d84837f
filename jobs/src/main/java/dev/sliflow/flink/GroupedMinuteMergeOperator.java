package dev.sliflow.flink;

import dev.sliflow.ingest.GroupedPartialMerger;
import dev.sliflow.ingest.SliMinuteRow;
import dev.sliflow.ingest.SliPartial;
import dev.sliflow.rollup.HourRollupBuffer;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.graph.StreamConfig;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * The batch ingest's final merge of minute partials, after a {@code keyBy}: in BATCH mode Flink
 * sorts a keyed operator's input by key, so the partials of one key arrive together and
 * {@link GroupedPartialMerger} needs no keyed state and no timers (a {@code reduce} keeps a value
 * state and an end-of-key timer per key). Refuses to run in STREAMING mode, where keyed input is
 * not grouped (the streaming ingest merges per event-time window instead).
 */
final class GroupedMinuteMergeOperator extends AbstractStreamOperator<SliMinuteRow>
        implements OneInputStreamOperator<SliPartial, SliMinuteRow>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    /** Side output: the rows' hours, as bucket rows per subtask and input file (see HourRollupBuffer). */
    static final OutputTag<SliMinuteRow> HOURS = new OutputTag<>("hours", TypeInformation.of(SliMinuteRow.class));
    private transient GroupedPartialMerger merger;
    private transient HourRollupBuffer hours;
    private transient StreamRecord<SliMinuteRow> out;

    @Override
    public void open() throws Exception {
        super.open();
        StreamConfig.InputConfig[] inputs = getOperatorConfig().getInputs(getUserCodeClassloader());
        if (inputs.length != 1 || !StreamConfig.requiresSorting(inputs[0])) {
            throw new IllegalStateException("the grouped minute merge needs its input sorted by key (BATCH execution)");
        }
        merger = new GroupedPartialMerger();
        hours = new HourRollupBuffer();
        out = new StreamRecord<>(null);
    }

    @Override
    public void processElement(StreamRecord<SliPartial> element) {
        SliMinuteRow done = merger.add(element.getValue());
        if (done != null) {
            emit(done);
        }
    }

    private void emit(SliMinuteRow row) {
        for (SliMinuteRow h : hours.add(row)) {
            output.collect(HOURS, new StreamRecord<>(h));
        }
        output.collect(out.replace(row));
    }

    @Override
    public void endInput() {
        SliMinuteRow done = merger.finish();
        if (done != null) {
            emit(done);
        }
        for (SliMinuteRow h : hours.finish()) {
            output.collect(HOURS, new StreamRecord<>(h));
        }
    }
}
