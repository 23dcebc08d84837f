package dev.sliflow.backtest.flink;

import java.time.Instant;
import java.util.Map;
import org.apache.flink.types.Row;

/** One sli_minute row as the backtest needs it (a Flink POJO). */
public class MinuteRow {
    public String journey;
    public long minute;
    public long total;
    public long good;
    public long withLatency;
    public int[] thresholdsMs;
    public long[] goodLatency;

    public MinuteRow() {}

    /** From a row of {@code SELECT journey, minute, total, good, with_latency, good_latency}. */
    @SuppressWarnings("unchecked")
    public static MinuteRow of(Row r) {
        MinuteRow m = new MinuteRow();
        m.journey = (String) r.getField(0);
        m.minute = ((Instant) r.getField(1)).toEpochMilli();
        m.total = (Long) r.getField(2);
        m.good = (Long) r.getField(3);
        m.withLatency = (Long) r.getField(4);
        Map<Integer, Long> gl = (Map<Integer, Long>) r.getField(5);
        int n = gl == null ? 0 : gl.size();
        m.thresholdsMs = new int[n];
        m.goodLatency = new long[n];
        if (gl != null) {
            int i = 0;
            for (Map.Entry<Integer, Long> e : gl.entrySet()) {
                // ascending threshold order by insertion (a handful of entries)
                int t = e.getKey();
                long v = e.getValue() == null ? 0 : e.getValue();
                int j = i++;
                while (j > 0 && m.thresholdsMs[j - 1] > t) {
                    m.thresholdsMs[j] = m.thresholdsMs[j - 1];
                    m.goodLatency[j] = m.goodLatency[j - 1];
                    j--;
                }
                m.thresholdsMs[j] = t;
                m.goodLatency[j] = v;
            }
        }
        return m;
    }

    public Map<Integer, Long> goodLatencyMap() {
        Map<Integer, Long> out = new java.util.TreeMap<>();
        for (int i = 0; i < thresholdsMs.length; i++) {
            out.put(thresholdsMs[i], goodLatency[i]);
        }
        return out;
    }
}
