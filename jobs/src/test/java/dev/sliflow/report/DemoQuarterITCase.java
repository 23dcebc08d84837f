package dev.sliflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./sliflow demo} as a new user runs it: a quarter of generated history (90 days), so that 28-day windows
 * evaluate; most recommendations qualify, each with its alert policy, and the output and the report say which known
 * incident each page belongs to.
 */
class DemoQuarterITCase {
    @TempDir
    Path tmp;

    @Test
    void theDemoOnAQuarterRecommendsTargetsWithTheirAlertPolicies() throws Exception {
        Path out = tmp.resolve("demo");
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            exit = Main.execute("demo", "--out", out.toString());
        } finally {
            System.setOut(stdout);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(text).isZero();
        int all = 0;
        int qualifying = 0;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT qualifies, policy, evidence, pages_detail, \"window\" FROM read_parquet('"
                        + out.resolve("slo_recommendation") + "/*.parquet')")) {
            while (r.next()) {
                all++;
                qualifying += r.getBoolean("qualifies") ? 1 : 0;
                assertThat(r.getString("window")).as("the quarter's SLO file recommends for 28 days").isEqualTo("28d");
                assertThat(r.getString("evidence")).contains("with alert policy " + r.getString("policy"));
                assertThat(text).contains(r.getString("evidence"));
                if (r.getBoolean("qualifies") && !r.getString("pages_detail").isEmpty()) {
                    assertThat(text).contains("pages (" + r.getString("policy") + "): " + r.getString("pages_detail"));
                }
            }
        }
        assertThat(all).isEqualTo(31);
        assertThat(qualifying).as("qualifying recommendations of %d", all).isGreaterThanOrEqualTo((int) Math.ceil(0.8 * all));
        assertThat(text).as("a page of a known incident is named").containsPattern("\\(incident 2026-\\d\\d-\\d\\d \\d\\d:\\d\\d–");
        assertThat(text).contains("Per journey (sql/queries/journey_summary.sql").doesNotContain("0.99");
        String page = Files.readString(out.resolve("report/index.html"));
        assertThat(page).contains("data-alert-quality=").contains("◀ recommended").contains("(incident 2026-");
    }
}
