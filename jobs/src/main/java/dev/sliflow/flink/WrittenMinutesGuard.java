package dev.sliflow.flink;

import dev.sliflow.ingest.Dates;
import dev.sliflow.ingest.LateRow;
import dev.sliflow.ingest.SliMinuteRow;
import dev.sliflow.ingest.SliPartial;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Right behind the one-minute windows: their merged minutes become sli_minute rows, except a minute
 * the windows had already written before the job was restored. A window operator's watermark is not
 * part of a checkpoint (it starts again from the lowest after a restore), so a partial for a minute it
 * fired before the stop would open that window again and write the minute twice. This operator keeps
 * the highest watermark the windows had passed on (union list state; with aligned checkpoints every
 * window subtask has seen the same watermarks at a barrier) and sends a restored job's minutes at or
 * behind it to late_events as late partials: exactly what Flink's window side output does with them in
 * an uninterrupted run.
 */
final class WrittenMinutesGuard extends AbstractStreamOperator<SliMinuteRow>
        implements OneInputStreamOperator<SliPartial, SliMinuteRow> {
    private static final long serialVersionUID = 1L;
    static final OutputTag<LateRow> LATE = new OutputTag<>("written-minute-late", org.apache.flink.api.common.typeinfo
            .TypeInformation.of(LateRow.class));

    private transient ListState<Long> passed;
    /** The windows' watermark at the restored checkpoint: minutes ending at or before it were written. */
    private transient long written = Long.MIN_VALUE;
    private transient long current = Long.MIN_VALUE;

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        passed = context.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>("windows-watermark", Types.LONG));
        written = Long.MIN_VALUE;
        if (context.isRestored()) {
            for (Long w : passed.get()) {
                written = Math.max(written, w);
            }
        }
        current = written;
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        passed.update(List.of(current));
    }

    @Override
    public void processElement(StreamRecord<SliPartial> element) {
        SliPartial p = element.getValue();
        if (p.minute + Dates.MINUTE_MS - 1 <= written) {
            output.collect(LATE, new StreamRecord<>(StreamIngestJob.latePartial(p), element.getTimestamp()));
        } else {
            output.collect(element.replace(SliMinuteRow.of(p)));
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        current = Math.max(current, mark.getTimestamp());
        super.processWatermark(mark);
    }
}
