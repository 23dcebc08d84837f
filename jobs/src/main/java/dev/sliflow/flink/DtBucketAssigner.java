package dev.sliflow.flink;

import dev.sliflow.ingest.Partitioned;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/** Buckets rows into {@code dt=YYYY-MM-DD} by their event date (not processing time). */
public final class DtBucketAssigner<T extends Partitioned> implements BucketAssigner<T, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getBucketId(T element, Context context) {
        String dt = element.dt();
        // dt is produced by Dates.dt (always YYYY-MM-DD); guard anyway so no row can escape the table dir
        if (dt == null || !dt.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new IllegalStateException("invalid partition value '" + dt + "'");
        }
        return "dt=" + dt;
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }
}
