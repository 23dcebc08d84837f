package dev.sliflow.flink;

import dev.sliflow.ingest.SliMinuteRow;
import org.apache.parquet.example.data.Group;

/** sli_minute rows read back from Parquet (the example {@link Group} model) as {@link SliMinuteRow}s. */
final class SliMinuteRows {
    private SliMinuteRows() {}

    /** The row {@code g} of a file of partition {@code dt}. */
    static SliMinuteRow fromGroup(Group g, String dt) {
        SliMinuteRow r = new SliMinuteRow();
        r.journey = g.getString("journey", 0);
        r.region = g.getString("region", 0);
        r.minute = g.getLong("minute", 0);
        r.total = g.getLong("total", 0);
        r.good = g.getLong("good", 0);
        r.serverErrors = g.getLong("server_errors", 0);
        r.withLatency = g.getLong("with_latency", 0);
        Group map = g.getGroup("good_latency", 0);
        int n = map.getFieldRepetitionCount("key_value");
        r.thresholdsMs = new int[n];
        r.goodLatency = new long[n];
        for (int i = 0; i < n; i++) {
            Group e = map.getGroup("key_value", i);
            r.thresholdsMs[i] = e.getInteger("key", 0);
            r.goodLatency[i] = e.getLong("value", 0);
        }
        r.sketch = g.getBinary("latency_sketch", 0).getBytes();
        r.p50 = optionalDouble(g, "p50_ms");
        r.p90 = optionalDouble(g, "p90_ms");
        r.p95 = optionalDouble(g, "p95_ms");
        r.p99 = optionalDouble(g, "p99_ms");
        r.p999 = optionalDouble(g, "p999_ms");
        r.dt = dt;
        return r;
    }

    private static Double optionalDouble(Group g, String field) {
        return g.getFieldRepetitionCount(field) == 0 ? null : g.getDouble(field, 0);
    }
}
