package dev.sliflow.flink;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads sliflow's Parquet output with DuckDB (an independent reader) for assertions. */
final class Tables {
    private Tables() {}

    static String scan(Path out, String table) {
        return "read_parquet('" + out.resolve(table) + "/*/*.parquet', hive_partitioning = true)";
    }

    static List<Map<String, Object>> query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    if (v instanceof java.sql.Blob) {
                        java.sql.Blob blob = (java.sql.Blob) v;
                        v = blob.getBytes(1, (int) blob.length());
                    }
                    row.put(md.getColumnLabel(i), v instanceof byte[] ? java.util.HexFormat.of().formatHex((byte[]) v) : v);
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** Column name -> DuckDB type of a table. */
    static Map<String, String> describe(Path out, String table) throws SQLException {
        Map<String, String> m = new LinkedHashMap<>();
        for (Map<String, Object> r : query("DESCRIBE SELECT * FROM " + scan(out, table))) {
            m.put((String) r.get("column_name"), (String) r.get("column_type"));
        }
        return m;
    }
}
