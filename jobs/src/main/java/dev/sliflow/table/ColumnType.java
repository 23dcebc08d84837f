package dev.sliflow.table;

/** The column types sliflow's tables use, each with its Parquet physical/logical type and SQL name. */
public enum ColumnType {
    /** UTF-8 string: BINARY (STRING). */
    STRING("STRING"),
    INT32("INT"),
    INT64("BIGINT"),
    DOUBLE("DOUBLE"),
    BOOLEAN("BOOLEAN"),
    /** Epoch milliseconds (long): INT64 TIMESTAMP(MILLIS, isAdjustedToUTC=true). */
    TIMESTAMP_MILLIS_UTC("TIMESTAMP_LTZ(3)"),
    /** Days since epoch (int): INT32 DATE. */
    DATE("DATE"),
    /** byte[]: BINARY. */
    BINARY("BYTES"),
    /** java.util.Map&lt;Integer, Long&gt;: MAP&lt;INT32, INT64&gt;. */
    MAP_INT32_INT64("MAP<INT, BIGINT>");

    private final String sqlType;

    ColumnType(String sqlType) {
        this.sqlType = sqlType;
    }

    /** The Flink SQL type of the column, as used by the DDL in sql/. */
    public String sqlType() {
        return sqlType;
    }
}
