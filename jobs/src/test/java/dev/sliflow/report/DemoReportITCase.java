package dev.sliflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job on the committed sample (datasets/sample): ingest, backtest and report. The report
 * states every journey's recommended target and its evidence exactly as slo_recommendation has it.
 */
class DemoReportITCase {
    @TempDir
    Path tmp;

    @Test
    void theSampleReportStatesTheRecommendationsOfSloRecommendation() throws Exception {
        Path sample = Path.of(System.getProperty("sliflow.repo", ".")).resolve("datasets/sample");
        Path out = tmp.resolve("demo");
        assertThat(Main.execute("demo", "--sample", sample.toString(), "--out", out.toString())).isZero();
        String page = Files.readString(out.resolve("report/index.html"));
        int rows = 0;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT journey, sli, target, evidence, qualifies FROM read_parquet('"
                        + out.resolve("slo_recommendation") + "/*.parquet')")) {
            while (r.next()) {
                rows++;
                assertThat(page).contains(Html.esc(r.getString("journey")));
                assertThat(page).contains(Html.esc(r.getString("evidence")));
            }
        }
        assertThat(rows).as("one recommendation per journey and SLI of the sample (search also a p95 time-slice SLO)").isEqualTo(31);
        assertThat(out.resolve("openslo")).isDirectoryContaining(p -> p.toString().endsWith(".yaml"));
    }
}
