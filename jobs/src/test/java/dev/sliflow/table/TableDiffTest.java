package dev.sliflow.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.ingest.RejectRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableDiffTest {
    @TempDir
    Path tmp;

    static RejectRow row(long line, String reason) {
        return new RejectRow("a.log", line, reason, reason + " (explained)", "snippet " + line);
    }

    void write(Path out, String dt, String file, RejectRow... rows) throws IOException {
        Path f = out.resolve("rejects").resolve("dt=" + dt).resolve(file);
        Files.createDirectories(f.getParent());
        try (ParquetWriter<RejectRow> w = ParquetTables.writer(RejectRow.SCHEMA, new LocalOutputFile(f))) {
            for (RejectRow r : rows) {
                w.write(r);
            }
        }
    }

    @Test
    void fileNamesRowOrderAndHiddenFilesDoNotMatterEveryValueDoes() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        write(a, "2026-03-01", "part-1.parquet", row(1, "empty_line"), row(2, "bad_status"));
        write(a, "2026-03-02", "part-1.parquet", row(3, "bad_status"));
        write(b, "2026-03-01", "part-x.parquet", row(2, "bad_status"));
        write(b, "2026-03-01", "part-y.parquet", row(1, "empty_line"));
        write(b, "2026-03-02", "part-z.parquet", row(3, "bad_status"));
        write(b, "2026-03-02", ".part-w.parquet.inprogress", row(9, "not committed"));
        assertThat(TableDiff.diff(a, b, "rejects")).isEmpty();
        assertThat(TableDiff.rows(a, "rejects")).hasSize(3);

        write(b, "2026-03-02", "part-dup.parquet", row(3, "bad_status")); // a duplicate
        assertThat(TableDiff.diff(a, b, "rejects")).containsExactly(
                "rejects: only in B (x1): dt=2026-03-02 {file=a.log, source=null, line_number=3, reason_code=bad_status,"
                        + " reason=bad_status (explained), snippet=snippet 3}");

        Path c = tmp.resolve("c"); // the same row under another date, and one value changed
        write(c, "2026-03-01", "part-1.parquet", row(1, "empty_line"), row(2, "bad_status"), row(3, "bad_status"));
        assertThat(TableDiff.diff(a, c, "rejects")).hasSize(2);
        Path d = tmp.resolve("d");
        write(d, "2026-03-01", "part-1.parquet", row(1, "empty_line"), row(2, "bad_status"));
        write(d, "2026-03-02", "part-1.parquet", row(4, "bad_status"));
        assertThat(TableDiff.diff(a, d, "rejects")).isEqualTo(List.of(
                "rejects: only in A (x1): dt=2026-03-02 {file=a.log, source=null, line_number=3, reason_code=bad_status,"
                        + " reason=bad_status (explained), snippet=snippet 3}",
                "rejects: only in B (x1): dt=2026-03-02 {file=a.log, source=null, line_number=4, reason_code=bad_status,"
                        + " reason=bad_status (explained), snippet=snippet 4}"));
    }

    @Test
    void ignoredColumnsAreLeftOutOfTheComparisonAndOnlyThey() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        write(a, "2026-03-01", "part-1.parquet", new RejectRow("a.log", 1, "bad_status", "said one way", "snippet 1"));
        write(b, "2026-03-01", "part-1.parquet", new RejectRow("a.log", 1, "bad_status", "said another way", "snippet 1"));
        assertThat(TableDiff.diff(a, b, "rejects")).hasSize(2);
        assertThat(TableDiff.rows(a, "rejects", java.util.Set.of("reason")))
                .isEqualTo(TableDiff.rows(b, "rejects", java.util.Set.of("reason")))
                .containsOnlyKeys("dt=2026-03-01 {file=a.log, source=null, line_number=1, reason_code=bad_status, snippet=snippet 1}");
        assertThat(TableDiff.rows(a, "rejects", java.util.Set.of("snippet")))
                .isNotEqualTo(TableDiff.rows(b, "rejects", java.util.Set.of("snippet")));
    }
}
