package dev.sliflow.flink;

import dev.sliflow.ingest.Partitioned;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/** Buckets rows into {@code dt=YYYY-MM-DD} by their event date (not processing time). */
public final class DtBucketAssigner<T extends Partitioned> implements BucketAssigner<T, String> {
    private static final long serialVersionUID = 1L;

    /** The last dt seen and its bucket id: rows come in runs of the same day (often the same String). */
    private transient String lastDt;
    private transient String lastBucket;

    @Override
    public String getBucketId(T element, Context context) {
        String dt = element.dt();
        if (dt != null && dt.equals(lastDt)) {
            return lastBucket;
        }
        // dt is produced by Dates.dt (always YYYY-MM-DD); guard anyway so no row can escape the table dir
        if (!isDate(dt)) {
            throw new IllegalStateException("invalid partition value '" + dt + "'");
        }
        lastDt = dt;
        lastBucket = "dt=" + dt;
        return lastBucket;
    }

    /** Whether {@code dt} is {@code \d{4}-\d{2}-\d{2}} (ASCII digits), checked without a regex per row. */
    static boolean isDate(String dt) {
        if (dt == null || dt.length() != 10) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            char ch = dt.charAt(i);
            boolean ok = i == 4 || i == 7 ? ch == '-' : ch >= '0' && ch <= '9';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }
}
