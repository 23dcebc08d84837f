package dev.sliflow.rollup;

import dev.sliflow.table.ColumnType;
import dev.sliflow.table.TableSchema;

/** One row of the {@code sli_day} table: a journey and region over one UTC day. */
public class SliDayRow extends SliRollupRow {
    /** Days since the epoch (a Parquet DATE). */
    public int day;

    public SliDayRow() {}

    public static SliDayRow of(SliRollup r) {
        if (r.period() != RollupPeriod.DAY) {
            throw new IllegalArgumentException("not a day: " + r);
        }
        SliDayRow row = new SliDayRow();
        row.fill(r);
        row.day = Math.toIntExact(Math.floorDiv(r.start(), RollupPeriod.DAY.millis()));
        return row;
    }

    public static final TableSchema<SliDayRow> SCHEMA = schema(TableSchema.<SliDayRow>builder(
                    "sli_day", "Per journey, region and UTC day: sli_minute rolled up, percentiles from the merged sketch.")
            .col("journey", ColumnType.STRING, "journey name from the catalog", r -> r.journey)
            .col("region", ColumnType.STRING, "region ('' when not configured)", r -> r.region)
            .col("day", ColumnType.DATE, "the UTC day", r -> r.day), "day");
}
