package dev.sliflow.rollup;

import dev.sliflow.table.ColumnType;
import dev.sliflow.table.TableSchema;

/** One row of the {@code sli_hour} table: a journey and region over one UTC hour. */
public class SliHourRow extends SliRollupRow {
    public long hour;

    public SliHourRow() {}

    public static SliHourRow of(SliRollup r) {
        if (r.period() != RollupPeriod.HOUR) {
            throw new IllegalArgumentException("not an hour: " + r);
        }
        SliHourRow row = new SliHourRow();
        row.fill(r);
        row.hour = r.start();
        return row;
    }

    public static final TableSchema<SliHourRow> SCHEMA = schema(TableSchema.<SliHourRow>builder(
                    "sli_hour", "Per journey, region and UTC hour: sli_minute rolled up, percentiles from the merged sketch.")
            .col("journey", ColumnType.STRING, "journey name from the catalog", r -> r.journey)
            .col("region", ColumnType.STRING, "region ('' when not configured)", r -> r.region)
            .col("hour", ColumnType.TIMESTAMP_MILLIS_UTC, "start of the hour, UTC", r -> r.hour), "hour");
}
