package dev.sliflow.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.backtest.table.AlertQualityRow;
import dev.sliflow.backtest.table.AlertRow;
import dev.sliflow.backtest.table.RecommendationRow;
import dev.sliflow.backtest.table.SlaMonthRow;
import dev.sliflow.backtest.table.SloDailyRow;
import dev.sliflow.backtest.table.SloSummaryRow;
import dev.sliflow.ingest.AuditRow;
import dev.sliflow.ingest.LateRow;
import dev.sliflow.ingest.UnmatchedRow;
import dev.sliflow.ingest.RejectRow;
import dev.sliflow.ingest.SliMinuteRow;
import dev.sliflow.rollup.SliDayRow;
import dev.sliflow.rollup.SliHourRow;
import dev.sliflow.table.Column;
import dev.sliflow.table.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README documents every column of every table, in order, and the two commands come first. */
class ReadmeTest {
    static final List<String> SHARED = List.of("journey", "slo_id", "sli", "threshold_ms", "target", "window", "budgeting");
    static final String SHARED_LINE = "- `journey`, `slo_id`, `sli`, `threshold_ms`, `target`, `window`, `budgeting` // ";
    static final Path REPO = Path.of(System.getProperty("sliflow.repo", "."));

    @Test
    void everyColumnIsDocumentedWithItsMeaning() throws Exception {
        String readme = Files.readString(REPO.resolve("README.md"));
        for (TableSchema<?> t : List.of(SliMinuteRow.SCHEMA, SliHourRow.SCHEMA, SliDayRow.SCHEMA, RejectRow.SCHEMA, AuditRow.SCHEMA, SloDailyRow.SCHEMA,
                SloSummaryRow.SCHEMA, RecommendationRow.SCHEMA, SlaMonthRow.SCHEMA, AlertRow.SCHEMA, LateRow.SCHEMA, UnmatchedRow.SCHEMA,
                AlertQualityRow.SCHEMA)) {
            int section = readme.indexOf("### " + t.name() + " ");
            assertThat(section).as("README section for " + t.name()).isPositive();
            int last = section;
            int end = readme.indexOf("\n### ", section + 4);
            String body = readme.substring(section, end < 0 ? readme.length() : end);
            for (Column<?> c : t.columns()) {
                if (SHARED.contains(c.name()) && body.contains(SHARED_LINE)) {
                    continue; // the candidate columns, listed once as a group
                }
                String line = "- `" + c.name() + "` : ";
                int at = readme.indexOf(line, section);
                assertThat(at).as(t.name() + "." + c.name() + " documented").isGreaterThan(last);
                String rest = readme.substring(at, readme.indexOf('\n', at));
                assertThat(rest).as(t.name() + "." + c.name()).contains(" // ");
                last = at;
            }
        }
    }

    @Test
    void theTwoCommandsComeFirstAndCiRunsTheTestCommand() throws Exception {
        String readme = Files.readString(REPO.resolve("README.md"));
        int demo = readme.indexOf("./sliflow demo");
        int test = readme.indexOf("./sliflow test");
        assertThat(demo).isPositive().isLessThan(readme.indexOf("## Commands"));
        assertThat(test).isPositive().isLessThan(readme.indexOf("## Commands"));
        assertThat(Files.readString(REPO.resolve(".ci/run"))).contains("./sliflow test");
        assertThat(Files.readString(REPO.resolve("sliflow"))).contains("exec mvn -B clean verify");
    }

    /** Flink SQL reserves {@code minute}: the DDL analysts copy and the analyst section both say to quote it. */
    @Test
    void theBacktickRuleForMinuteIsInTheDdlAndTheAnalystSection() throws Exception {
        String ddl = Files.readString(REPO.resolve("sql/ddl/sli_minute.sql"));
        String header = ddl.substring(0, ddl.indexOf("CREATE TABLE"));
        assertThat(header).contains("`minute` is a reserved word", "backticks");
        String readme = Files.readString(REPO.resolve("README.md"));
        int section = readme.indexOf("### Querying, as an analyst");
        assertThat(section).isPositive();
        String body = readme.substring(section, readme.indexOf("\n## ", section));
        assertThat(body).contains("`minute`", "reserved words", "backticks", "SELECT `minute`");
    }
}
