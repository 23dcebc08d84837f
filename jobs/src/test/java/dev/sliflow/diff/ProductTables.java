package dev.sliflow.diff;

import java.io.IOException;
import java.nio.file.Files;
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
import java.util.stream.Stream;

/**
 * Reads the product's Parquet output with DuckDB (an independent reader, as {@code flink.Tables} does),
 * by column name: columns the harness does not know (added by later changes) are ignored, a column it
 * needs and does not find fails the read naming it.
 */
final class ProductTables {
    private ProductTables() {}

    /**
     * Rows of {@code table} with {@code columns} (SQL expressions over the table; {@code dt} is the partition),
     * empty when the table has no visible Parquet file.
     */
    static List<Map<String, Object>> rows(Path out, String table, String columns) throws SQLException, IOException {
        Path dir = out.resolve(table);
        if (!hasParquet(dir)) {
            return List.of();
        }
        String scan = "read_parquet('" + dir + "/*/*.parquet', hive_partitioning = true, hive_types_autocast = false, union_by_name = true)";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + columns + " FROM " + scan)) {
            ResultSetMetaData md = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** Visible (not dot- or underscore-prefixed) Parquet files in dt= folders, as readers see them. */
    static boolean hasParquet(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path d : s.filter(Files::isDirectory).filter(d -> d.getFileName().toString().startsWith("dt=")).toList()) {
                try (Stream<Path> f = Files.list(d)) {
                    if (f.anyMatch(p -> p.getFileName().toString().endsWith(".parquet")
                            && !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().startsWith("_"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static long asLong(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    static Double asDouble(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }

    /** A DuckDB map rendered by {@code CAST(m AS VARCHAR)}: {@code {100=3, 250=5}}. */
    static Map<Integer, Long> intLongMap(Object o) {
        Map<Integer, Long> m = new java.util.TreeMap<>();
        if (o == null) {
            return m;
        }
        String s = o.toString().trim();
        s = s.substring(1, s.length() - 1).trim();
        if (s.isEmpty()) {
            return m;
        }
        for (String e : s.split(",")) {
            String[] kv = e.trim().split("=");
            m.put(Integer.parseInt(kv[0].trim()), Long.parseLong(kv[1].trim()));
        }
        return m;
    }
}
