package dev.sliflow.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The array-backed map of MAP(INT, BIGINT) columns: an ordinary map to readers, the same Parquet as a hash map. */
class IntLongMapTest {
    @TempDir
    Path tmp;

    static Map<Integer, Long> linked(int[] k, long[] v) {
        Map<Integer, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < k.length; i++) {
            m.put(k[i], v[i]);
        }
        return m;
    }

    @Test
    void behavesAsTheLinkedHashMapOfTheSamePairs() {
        int[] k = {100, 250, 500, 1000};
        long[] v = {7, 9, 12, 12};
        IntLongMap m = new IntLongMap(k, v);
        Map<Integer, Long> expected = linked(k, v);
        assertThat(m).isEqualTo(expected).hasSameHashCodeAs(expected).hasSize(4);
        assertThat(m.keySet()).containsExactly(100, 250, 500, 1000);
        assertThat(m.values()).containsExactly(7L, 9L, 12L, 12L);
        assertThat(m.get(250)).isEqualTo(9L);
        assertThat(m.get(251)).isNull();
        assertThat(m.get("250")).isNull();
        assertThat(m.containsKey(1000)).isTrue();
        assertThat(m.toString()).isEqualTo(expected.toString());
        assertThat(new IntLongMap(new int[0], new long[0])).isEmpty();
        assertThatThrownBy(() -> new IntLongMap(k, new long[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 keys but 3 values");
    }

    /** A row of a one-table schema with a MAP(INT, BIGINT) column. */
    record Row(String name, int[] keys, long[] values) {}

    static TableSchema<Row> schema(boolean arrays) {
        return TableSchema.<Row>builder("maps", "rows with a map")
                .col("name", ColumnType.STRING, "name", Row::name)
                .col("m", ColumnType.MAP_INT32_INT64, "the map",
                        arrays ? r -> new IntLongMap(r.keys(), r.values()) : r -> linked(r.keys(), r.values()))
                .build();
    }

    void write(Path out, boolean arrays, List<Row> rows) throws IOException {
        Path f = out.resolve("maps").resolve("dt=2026-03-01").resolve("part-0.parquet");
        Files.createDirectories(f.getParent());
        try (ParquetWriter<Row> w = ParquetTables.writer(schema(arrays), new LocalOutputFile(f))) {
            for (Row r : rows) {
                w.write(r);
            }
        }
    }

    @Test
    void writesTheSameParquetValuesAsAHashMapDoes() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            int n = i % 5; // 0..4 pairs, the empty map included
            int[] k = new int[n];
            long[] v = new long[n];
            for (int j = 0; j < n; j++) {
                k[j] = 100 * (j + 1);
                v[j] = (long) i * 31 + j;
            }
            rows.add(new Row("r" + i, k, v));
        }
        Path arrays = tmp.resolve("arrays");
        Path hashed = tmp.resolve("hashed");
        write(arrays, true, rows);
        write(hashed, false, rows);
        // read back by Parquet's own reader: every row once, the pairs in their order
        assertThat(TableDiff.rows(arrays, "maps")).hasSize(500)
                .containsEntry("dt=2026-03-01 {name=r5, m={key_value=[]}}", 1)
                .containsEntry("dt=2026-03-01 {name=r7, m={key_value=[{key=100, value=217}, {key=200, value=218}]}}", 1);
        assertThat(TableDiff.diff(arrays, hashed, "maps")).isEmpty();
        // and the comparison sees a changed value
        rows.set(7, new Row("r7", new int[] {100, 200}, new long[] {217, 999}));
        write(hashed, false, rows);
        assertThat(TableDiff.diff(arrays, hashed, "maps")).isNotEmpty();
    }
}
