package dev.sliflow.rollup;

import dev.sliflow.ingest.SliMinuteRow;
import dev.sliflow.ingest.SourceId;
import dev.sliflow.ingest.Dates;
import dev.sliflow.ingest.Partitioned;
import dev.sliflow.table.ColumnType;
import dev.sliflow.table.IntLongMap;
import dev.sliflow.table.TableSchema;
import java.util.Map;

/**
 * The columns {@code sli_hour} and {@code sli_day} share with {@code sli_minute}, same names and
 * meanings, over a whole hour or day: counts summed, percentiles from the merged sketch.
 */
public abstract class SliRollupRow implements Partitioned {
    /** The percentiles of the tables, as fractions: those of {@code sli_minute}. */
    static final double[] QUANTILES = {0.50, 0.90, 0.95, 0.99, 0.999};

    public String journey;
    public String region;
    public long total;
    public long good;
    public long serverErrors;
    public long withLatency;
    public int[] thresholdsMs;
    public long[] goodLatency;
    public Double p50;
    public Double p90;
    public Double p95;
    public Double p99;
    public Double p999;
    public byte[] sketch;
    public String dt;
    /** Batch ingest: the input file whose lines the row counts ({@link SliMinuteRow#sourceKey}); 0 for all files. */
    public long sourceKey;
    /** Batch ingest: a row of one file that only the file's lineage keeps ({@link SourceId#stagingPath}). */
    public boolean lineageOnly;

    /** Fills the shared columns from a rollup. */
    void fill(SliRollup r) {
        journey = r.journey();
        region = r.region();
        total = r.total();
        good = r.good();
        serverErrors = r.serverErrors();
        withLatency = r.withLatency();
        thresholdsMs = r.thresholdsMs();
        goodLatency = r.goodLatency();
        double[] q = r.quantilesMs(QUANTILES);
        if (q != null) {
            p50 = q[0];
            p90 = q[1];
            p95 = q[2];
            p99 = q[3];
            p999 = q[4];
        }
        sketch = r.sketchBytes();
        dt = Dates.dt(r.start());
    }

    @Override
    public String dt() {
        return dt;
    }

    @Override
    public String partitionPath() {
        return SourceId.stagingPath(dt, sourceKey, lineageOnly);
    }

    Map<Integer, Long> goodLatencyMap() {
        return new IntLongMap(thresholdsMs, goodLatency);
    }

    /** The columns after the time column ({@code hour}, {@code day}): as in {@code sli_minute}, over the bucket. */
    static <R extends SliRollupRow> TableSchema<R> schema(TableSchema.Builder<R> b, String bucket) {
        return b.col("total", ColumnType.INT64, "valid requests", r -> r.total)
                .col("good", ColumnType.INT64, "requests whose status is not bad (bad_status rule)", r -> r.good)
                .col("server_errors", ColumnType.INT64, "requests with a 5xx status", r -> r.serverErrors)
                .col("with_latency", ColumnType.INT64, "requests whose line carried a latency", r -> r.withLatency)
                .col("good_latency", ColumnType.MAP_INT32_INT64, "threshold_ms -> good requests with latency <= threshold;"
                        + " only thresholds every minute of the " + bucket + " carries", SliRollupRow::goodLatencyMap)
                .nullable("p50_ms", ColumnType.DOUBLE, "median latency of the " + bucket + ", ms, from the merged sketch"
                        + " (null without latency)", r -> r.p50)
                .nullable("p90_ms", ColumnType.DOUBLE, "90th percentile latency, ms, from the merged sketch", r -> r.p90)
                .nullable("p95_ms", ColumnType.DOUBLE, "95th percentile latency, ms, from the merged sketch", r -> r.p95)
                .nullable("p99_ms", ColumnType.DOUBLE, "99th percentile latency, ms, from the merged sketch", r -> r.p99)
                .nullable("p999_ms", ColumnType.DOUBLE, "99.9th percentile latency, ms, from the merged sketch", r -> r.p999)
                .col("latency_sketch", ColumnType.BINARY, "the minutes' sketches merged (DDSketch encoding, 0.5% relative"
                        + " accuracy); empty without latency", r -> r.sketch)
                .build();
    }
}
