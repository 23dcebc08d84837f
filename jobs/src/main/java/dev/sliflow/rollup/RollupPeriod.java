package dev.sliflow.rollup;

import dev.sliflow.ingest.Dates;

/** The buckets {@code sli_minute} rows are rolled up into: UTC hours ({@code sli_hour}) and UTC days ({@code sli_day}). */
public enum RollupPeriod {
    HOUR(3_600_000L),
    DAY(Dates.DAY_MS);

    private final long millis;

    RollupPeriod(long millis) {
        this.millis = millis;
    }

    public long millis() {
        return millis;
    }

    /** The start of the bucket holding the instant (UTC: a day starts at 00:00Z). */
    public long start(long epochMillis) {
        return Math.floorDiv(epochMillis, millis) * millis;
    }
}
