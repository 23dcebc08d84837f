package dev.sliflow.flink;

import dev.sliflow.ingest.SliMinuteRow;
import dev.sliflow.ingest.SliPartial;
import dev.sliflow.rollup.DayGroupMerger;
import dev.sliflow.rollup.SliDayRow;
import dev.sliflow.rollup.SliHourRow;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.graph.StreamConfig;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * The batch ingest's final merge of minute partials, after a {@code keyBy} on UTC day × journey ×
 * region: in BATCH mode Flink sorts a keyed operator's input by key, so the partials of
 * one key arrive together and {@link DayGroupMerger} needs no keyed state and no timers. It emits the
 * sli_minute rows and, as side outputs, the key's whole sli_hour and sli_day rows: the rollups cost
 * no further shuffle or stage. Refuses to run in STREAMING mode, where keyed input is not grouped
 * (the streaming ingest merges per event-time window instead).
 */
final class GroupedMinuteMergeOperator extends AbstractStreamOperator<SliMinuteRow>
        implements OneInputStreamOperator<SliPartial, SliMinuteRow>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    /** Side output: the sli_hour rows of each key (per input file, and merged where several share it). */
    static final OutputTag<SliHourRow> HOURS = new OutputTag<>("hours", TypeInformation.of(SliHourRow.class));
    /** Side output: the sli_day rows of each key (per input file, and merged where several share it). */
    static final OutputTag<SliDayRow> DAYS = new OutputTag<>("days", TypeInformation.of(SliDayRow.class));
    private transient DayGroupMerger merger;

    @Override
    public void open() throws Exception {
        super.open();
        StreamConfig.InputConfig[] inputs = getOperatorConfig().getInputs(getUserCodeClassloader());
        if (inputs.length != 1 || !StreamConfig.requiresSorting(inputs[0])) {
            throw new IllegalStateException("the grouped minute merge needs its input sorted by key (BATCH execution)");
        }
        StreamRecord<SliMinuteRow> out = new StreamRecord<>(null);
        merger = new DayGroupMerger(new DayGroupMerger.Rows() {
            @Override
            public void minute(SliMinuteRow row) {
                output.collect(out.replace(row));
            }

            @Override
            public void hour(SliHourRow row) {
                output.collect(HOURS, new StreamRecord<>(row));
            }

            @Override
            public void day(SliDayRow row) {
                output.collect(DAYS, new StreamRecord<>(row));
            }
        });
    }

    @Override
    public void processElement(StreamRecord<SliPartial> element) {
        merger.add(element.getValue());
    }

    @Override
    public void endInput() {
        merger.finish();
    }
}
