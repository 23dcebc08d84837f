package dev.sliflow.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sliflow.ingest.RejectRow;
import dev.sliflow.table.ParquetTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch ingest's date-partitioned Parquet writer: a bounded number of open files whatever the
 * number of dates, every row written exactly once (read back with DuckDB), one file per date when
 * the dates come one after the other, and a restarted attempt replacing its earlier attempt's files.
 */
class DatePartitionedParquetSinkTest {
    private static RejectRow row(String dt, long line) {
        RejectRow r = new RejectRow("access.log", line, "unparsable", "no request line", "x");
        r.dt = dt;
        return r;
    }

    private static String day(int i) {
        return java.time.LocalDate.of(2026, 3, 1).plusDays(i).toString();
    }

    private static DatePartitionedParquetSink.Writer<RejectRow> writer(Path staging, int maxOpen, int subtask,
            int attempt) throws Exception {
        return new DatePartitionedParquetSink.Writer<>(new org.apache.flink.core.fs.Path(staging.resolve("rejects").toUri()),
                ParquetTables.writerFactory(RejectRow.SCHEMA), maxOpen, subtask, attempt);
    }

    private static List<Path> files(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        }
    }

    @Test
    void manyDatesInTurnKeepAtMostMaxOpenFilesOpenAndWriteEveryRowOnce(@TempDir Path staging) throws Exception {
        var w = writer(staging, 3, 0, 0);
        int maxSeen = 0;
        long line = 0;
        for (int d = 0; d < 400; d++) { // a year and more of dates, each with a few rows, in date order
            for (int k = 0; k < 5; k++) {
                w.write(row(day(d), ++line), null);
                maxSeen = Math.max(maxSeen, w.openFiles());
            }
        }
        w.flush(true);
        w.close();
        assertThat(maxSeen).isEqualTo(3);
        assertThat(w.openFiles()).isZero();
        assertThat(files(staging.resolve("rejects"))).hasSize(400); // one file per date
        List<Map<String, Object>> r = Tables.query("SELECT count(*) AS n, count(DISTINCT line_number) AS lines,"
                + " count(DISTINCT dt) AS dts, min(dt) AS lo, max(dt) AS hi FROM " + Tables.scan(staging, "rejects"));
        assertThat(r.get(0)).containsEntry("n", 2000L).containsEntry("lines", 2000L).containsEntry("dts", 400L);
        assertThat(String.valueOf(r.get(0).get("lo"))).isEqualTo("2026-03-01");
        // every row is in the partition of its own date
        assertThat(Tables.query("SELECT count(*) AS bad FROM " + Tables.scan(staging, "rejects")
                + " WHERE CAST(dt AS VARCHAR) <> strftime(DATE '2026-03-01' + CAST((line_number - 1) // 5 AS INTEGER), '%Y-%m-%d')")
                .get(0)).containsEntry("bad", 0L);
    }

    @Test
    void aDateThatComesBackAfterItsFileWasClosedGetsAnotherFileAndNoRowIsLost(@TempDir Path staging) throws Exception {
        var w = writer(staging, 2, 0, 0);
        List<String> order = List.of(day(0), day(1), day(2), day(0), day(3), day(0), day(0));
        long line = 0;
        for (String dt : order) {
            w.write(row(dt, ++line), null);
            assertThat(w.openFiles()).isLessThanOrEqualTo(2);
        }
        w.flush(true);
        w.close();
        // day 0 is the least recently written when day 2 comes (closed), reopened for its second row, then kept
        List<Path> day0 = files(staging.resolve("rejects").resolve("dt=" + day(0)));
        assertThat(day0).hasSize(2);
        assertThat(Tables.query("SELECT dt, count(*) AS n FROM " + Tables.scan(staging, "rejects") + " GROUP BY dt ORDER BY dt"))
                .extracting(m -> String.valueOf(m.get("dt")) + "=" + m.get("n"))
                .containsExactly(day(0) + "=4", day(1) + "=1", day(2) + "=1", day(3) + "=1");
    }

    @Test
    void aRestartedAttemptReplacesItsOwnEarlierFilesAndLeavesOtherSubtasksAlone(@TempDir Path staging) throws Exception {
        var other = writer(staging, 4, 1, 0);
        other.write(row(day(0), 1), null);
        other.flush(true);
        other.close();
        var failed = writer(staging, 4, 0, 0); // wrote two dates, then its task failed
        failed.write(row(day(0), 2), null);
        failed.write(row(day(1), 3), null);
        failed.flush(true);
        failed.close();
        assertThat(files(staging.resolve("rejects"))).hasSize(3);

        var retry = writer(staging, 4, 0, 1); // the same subtask again, writing all its rows anew
        retry.write(row(day(0), 2), null);
        retry.write(row(day(1), 3), null);
        retry.flush(true);
        retry.close();
        List<String> names = new ArrayList<>();
        for (Path p : files(staging.resolve("rejects"))) {
            names.add(staging.resolve("rejects").relativize(p).toString());
        }
        assertThat(names).containsExactlyInAnyOrder("dt=" + day(0) + "/part-1-0-0.parquet",
                "dt=" + day(0) + "/part-0-1-0.parquet", "dt=" + day(1) + "/part-0-1-1.parquet");
        assertThat(Tables.query("SELECT count(*) AS n FROM " + Tables.scan(staging, "rejects")).get(0))
                .containsEntry("n", 3L);
    }

    @Test
    void aRowWithoutAValidDateIsRefusedSoNothingEscapesTheTableFolder(@TempDir Path staging) throws Exception {
        var w = writer(staging, 2, 0, 0);
        assertThatThrownBy(() -> w.write(row("../../etc", 1), null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("invalid partition value");
        w.close();
        assertThat(files(staging)).isEmpty();
    }

    @Test
    void closingWithoutTheEndOfInputLeavesNoFinishedFile(@TempDir Path staging) throws Exception {
        var w = writer(staging, 2, 0, 0);
        w.write(row(day(0), 1), null);
        w.close(); // a failed task: its job fails and the staging folder is discarded
        assertThat(w.openFiles()).isZero();
        List<Path> left = files(staging);
        assertThat(left).hasSize(1);
        // not finished: no footer, so no reader takes it for a table file
        assertThatThrownBy(() -> Tables.query("SELECT count(*) FROM read_parquet('" + left.get(0) + "')"))
                .isInstanceOf(java.sql.SQLException.class);
    }

    @Test
    void maxOpenMustBePositive(@TempDir Path staging) {
        assertThatThrownBy(() -> new DatePartitionedParquetSink<>(
                new org.apache.flink.core.fs.Path(staging.toUri()), RejectRow.SCHEMA, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
