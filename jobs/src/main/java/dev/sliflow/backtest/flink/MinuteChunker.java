package dev.sliflow.backtest.flink;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.sliflow.sli.LatencySketch;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.types.Row;

/**
 * Sums rows of {@code SELECT journey, minute, total, good, with_latency, good_latency FROM sli_minute} into
 * one {@link MinuteChunk} per journey and UTC day before the shuffle to the per-journey backtest, so that
 * 1,440 minutes (× regions) cross the network and the batch sort as one record instead of one each.
 *
 * <p>Rows may come in any order: at most {@value #MAX_OPEN} chunks are open, the least recently used one
 * is sent when another is needed, and a journey-day sent in several pieces is summed again downstream
 * (JourneyMinutes.Builder adds). Files of sli_minute hold one day, so a reader's rows mostly come day by
 * day and each chunk is sent once. Everything open is sent at the end of the input. A chunk also says
 * which thresholds every row with latency carried, so that days ingested before a threshold was in the
 * catalog are refused for it rather than read as 0 good.
 */
public final class MinuteChunker extends AbstractStreamOperator<MinuteChunk>
        implements OneInputStreamOperator<Row, MinuteChunk>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    static final int MAX_OPEN = 256;
    private static final int[] NONE = new int[0];
    private static final long DAY_MS = 86_400_000L;

    private record Key(String journey, long dayStart) {}

    /** Journey → the thresholds of its percentile SLOs (ascending); journeys without them are absent. */
    private final Map<String, int[]> sketchThresholds;
    private transient LinkedHashMap<Key, MinuteChunk> open;
    private transient MinuteChunk last;

    /** For rows without sketches: no journey has percentile SLOs. */
    public MinuteChunker() {
        this(Map.of());
    }

    /** @param sketchThresholds journey → the thresholds of its percentile SLOs (ascending) */
    public MinuteChunker(Map<String, int[]> sketchThresholds) {
        this.sketchThresholds = new java.util.HashMap<>(sketchThresholds);
    }

    @Override
    public void open() throws Exception {
        super.open();
        open = new LinkedHashMap<>(MAX_OPEN * 2, 0.75f, true);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void processElement(StreamRecord<Row> element) {
        Row r = element.getValue();
        String journey = (String) r.getField(0);
        long minute = ((Instant) r.getField(1)).toEpochMilli();
        MinuteChunk c = chunk(journey, Math.floorDiv(minute, DAY_MS) * DAY_MS);
        int k = c.minuteOf(minute);
        c.total[k] += (Long) r.getField(2);
        c.good[k] += (Long) r.getField(3);
        long withLatency = (Long) r.getField(4);
        c.withLatency[k] += withLatency;
        Map<Integer, Long> gl = (Map<Integer, Long>) r.getField(5);
        if (gl != null) {
            for (Map.Entry<Integer, Long> e : gl.entrySet()) {
                long[] row = c.goodLatencyOf(e.getKey());
                row[k] += e.getValue() == null ? 0 : e.getValue();
            }
        }
        if (withLatency > 0) {
            c.carried(gl == null ? java.util.Set.of() : gl.keySet());
        }
        if (c.sketchCount != null) {
            byte[] bytes = (byte[]) r.getField(6);
            if (bytes != null && bytes.length > 0) {
                DDSketch sketch;
                try {
                    sketch = LatencySketch.fromBytes(bytes);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("latency_sketch of " + journey + " at " + Instant.ofEpochMilli(minute)
                            + " is not a DDSketch encoding: " + e.getMessage(), e);
                }
                long[] atMost = LatencySketch.countsAtMost(sketch, c.sketchThresholdsMs);
                c.sketchCount[k] += Math.round(sketch.getCount());
                for (int i = 0; i < atMost.length; i++) {
                    c.sketchAtMost[i][k] += atMost[i];
                }
            }
        }
    }

    private MinuteChunk chunk(String journey, long dayStart) {
        if (last != null && last.dayStart == dayStart && last.journey.equals(journey)) {
            return last;
        }
        Key key = new Key(journey, dayStart);
        MinuteChunk c = open.get(key);
        if (c == null) {
            if (open.size() >= MAX_OPEN) {
                Iterator<MinuteChunk> eldest = open.values().iterator();
                MinuteChunk sent = eldest.next();
                eldest.remove();
                if (sent == last) {
                    last = null;
                }
                output.collect(new StreamRecord<>(sent));
            }
            c = new MinuteChunk(journey, dayStart, sketchThresholds.getOrDefault(journey, NONE));
            open.put(key, c);
        }
        last = c;
        return c;
    }

    @Override
    public void endInput() {
        for (MinuteChunk c : open.values()) {
            output.collect(new StreamRecord<>(c));
        }
        open.clear();
        last = null;
    }
}
