package dev.sliflow.ingest;

import dev.sliflow.sli.LatencySketch;
import dev.sliflow.table.ColumnType;
import dev.sliflow.table.IntLongMap;
import dev.sliflow.table.TableSchema;
import java.util.Map;

/** One row of the {@code sli_minute} table. */
public class SliMinuteRow implements Partitioned {
    public String journey;
    public String region;
    public long minute;
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
    /**
     * Batch ingest: the {@link SourceId} of the one input file whose lines the row counts (the job
     * stages rows per file, the publish step merges the files of a date); 0 for a row of all files.
     */
    public long sourceKey;
    /** Batch ingest: a row of one file that only the file's lineage keeps ({@link SourceId#stagingPath}). */
    public boolean lineageOnly;

    public SliMinuteRow() {}

    /** The percentiles of the table, as fractions. */
    static final double[] QUANTILES = {0.50, 0.90, 0.95, 0.99, 0.999};

    public static SliMinuteRow of(SliPartial p) {
        SliMinuteRow r = new SliMinuteRow();
        r.journey = p.journey;
        r.region = p.region;
        r.minute = p.minute;
        r.total = p.total;
        r.good = p.good;
        r.serverErrors = p.serverErrors;
        r.withLatency = p.withLatency;
        r.thresholdsMs = p.thresholdsMs;
        r.goodLatency = p.goodLatency;
        double[] q = p.quantiles != null || p.sketch == null || p.sketch.length == 0
                ? p.quantiles : LatencySketch.quantiles(LatencySketch.fromBytes(p.sketch), QUANTILES);
        if (q != null) {
            r.p50 = q[0];
            r.p90 = q[1];
            r.p95 = q[2];
            r.p99 = q[3];
            r.p999 = q[4];
        }
        r.sketch = p.sketch;
        r.dt = Dates.dt(p.minute);
        return r;
    }

    @Override
    public String dt() {
        return dt;
    }

    /** A copy (arrays shared: rows are not changed once made). */
    public SliMinuteRow copy() {
        SliMinuteRow c = new SliMinuteRow();
        c.journey = journey;
        c.region = region;
        c.minute = minute;
        c.total = total;
        c.good = good;
        c.serverErrors = serverErrors;
        c.withLatency = withLatency;
        c.thresholdsMs = thresholdsMs;
        c.goodLatency = goodLatency;
        c.p50 = p50;
        c.p90 = p90;
        c.p95 = p95;
        c.p99 = p99;
        c.p999 = p999;
        c.sketch = sketch;
        c.dt = dt;
        c.sourceKey = sourceKey;
        c.lineageOnly = lineageOnly;
        return c;
    }

    @Override
    public String partitionPath() {
        return SourceId.stagingPath(dt, sourceKey, lineageOnly);
    }

    Map<Integer, Long> goodLatencyMap() {
        return new IntLongMap(thresholdsMs, goodLatency);
    }

    public static final TableSchema<SliMinuteRow> SCHEMA = TableSchema.<SliMinuteRow>builder(
                    "sli_minute", "Per journey, region and UTC minute: exact request counts and latency percentiles.")
            .col("journey", ColumnType.STRING, "journey name from the catalog", r -> r.journey)
            .col("region", ColumnType.STRING, "region ('' when not configured)", r -> r.region)
            .col("minute", ColumnType.TIMESTAMP_MILLIS_UTC, "start of the minute, UTC", r -> r.minute)
            .col("total", ColumnType.INT64, "valid requests", r -> r.total)
            .col("good", ColumnType.INT64, "requests whose status is not bad (bad_status rule)", r -> r.good)
            .col("server_errors", ColumnType.INT64, "requests with a 5xx status", r -> r.serverErrors)
            .col("with_latency", ColumnType.INT64, "requests whose line carried a latency", r -> r.withLatency)
            .col("good_latency", ColumnType.MAP_INT32_INT64,
                    "threshold_ms -> good requests with latency <= threshold", SliMinuteRow::goodLatencyMap)
            .nullable("p50_ms", ColumnType.DOUBLE, "median latency, ms (null without latency)", r -> r.p50)
            .nullable("p90_ms", ColumnType.DOUBLE, "90th percentile latency, ms", r -> r.p90)
            .nullable("p95_ms", ColumnType.DOUBLE, "95th percentile latency, ms", r -> r.p95)
            .nullable("p99_ms", ColumnType.DOUBLE, "99th percentile latency, ms", r -> r.p99)
            .nullable("p999_ms", ColumnType.DOUBLE, "99.9th percentile latency, ms", r -> r.p999)
            .col("latency_sketch", ColumnType.BINARY,
                    "DDSketch encoding (0.5% relative accuracy), mergeable; empty without latency", r -> r.sketch)
            .build();
}
