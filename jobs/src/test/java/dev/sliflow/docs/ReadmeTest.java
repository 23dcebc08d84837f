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
import dev.sliflow.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The docs state facts the code must keep true: the analyst's guide (sql/README.md) documents every column of
 * every table, in order, and every example query; the README stays short, starts with the two commands, and its
 * command table names only commands and options the CLI (or the launcher) has.
 */
class ReadmeTest {
    static final List<String> SHARED = List.of("journey", "slo_id", "sli", "threshold_ms", "target", "window", "budgeting");
    static final String SHARED_LINE = "- `journey`, `slo_id`, `sli`, `threshold_ms`, `target`, `window`, `budgeting` // ";
    static final Path REPO = Path.of(System.getProperty("sliflow.repo", "."));
    /** The analyst's guide: the tables' schemas and the queries. */
    static final Path TABLES_GUIDE = REPO.resolve("sql/README.md");
    /** Issue 31: the front door stays readable in minutes. */
    static final long README_MAX_BYTES = 15_000;

    @Test
    void everyColumnIsDocumentedWithItsMeaning() throws Exception {
        String readme = Files.readString(TABLES_GUIDE);
        for (TableSchema<?> t : List.of(SliMinuteRow.SCHEMA, SliHourRow.SCHEMA, SliDayRow.SCHEMA, RejectRow.SCHEMA, AuditRow.SCHEMA, SloDailyRow.SCHEMA,
                SloSummaryRow.SCHEMA, RecommendationRow.SCHEMA, SlaMonthRow.SCHEMA, AlertRow.SCHEMA, LateRow.SCHEMA, UnmatchedRow.SCHEMA,
                AlertQualityRow.SCHEMA)) {
            int section = readme.indexOf("### " + t.name() + " ");
            assertThat(section).as("sql/README.md section for " + t.name()).isPositive();
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
        String guide = Files.readString(TABLES_GUIDE);
        int section = guide.indexOf("\n## Querying\n");
        assertThat(section).isPositive();
        int end = guide.indexOf("\n## ", section + 1);
        String body = guide.substring(section, end < 0 ? guide.length() : end);
        assertThat(body).contains("`minute`", "reserved words", "backticks", "SELECT `minute`");
        assertThat(Files.readString(REPO.resolve("README.md"))).as("the README's analyst path says it too")
                .contains("write `minute` in backticks");
    }

    @Test
    void theReadmeIsShort() throws Exception {
        assertThat(Files.size(REPO.resolve("README.md"))).as("README.md bytes (issue 31)").isLessThanOrEqualTo(README_MAX_BYTES);
    }

    /** Every file of sql/queries is in the analyst's guide, as a link; the guide names no query that is gone. */
    @Test
    void everyExampleQueryIsListedInTheAnalystsGuide() throws Exception {
        String guide = Files.readString(TABLES_GUIDE);
        List<String> files;
        try (Stream<Path> s = Files.list(REPO.resolve("sql/queries"))) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (String f : files) {
            assertThat(guide).as("sql/README.md lists sql/queries/" + f).contains("](queries/" + f + ")");
        }
        List<String> named = Pattern.compile("\\]\\(queries/([^)]+\\.sql)\\)").matcher(guide).results().map(m -> m.group(1)).toList();
        assertThat(files).as("queries the guide links to").containsAll(named);
    }

    /**
     * Every row of the README's command table names a command the CLI has ({@code sliflow X}: a picocli subcommand,
     * with every option shown; {@code ./sliflow X}: a branch of the launcher), and every CLI command has a row.
     */
    @Test
    void theCommandTableMatchesTheCli() throws Exception {
        String readme = Files.readString(REPO.resolve("README.md"));
        int from = readme.indexOf("\n## Commands\n");
        assertThat(from).isPositive();
        int to = readme.indexOf("\n## ", from + 1);
        String section = readme.substring(from, to < 0 ? readme.length() : to);
        Map<String, CommandLine> cli = new CommandLine(new Main()).getSubcommands();
        String launcher = Files.readString(REPO.resolve("sliflow"));
        String benchmarks = Files.readString(REPO.resolve("jobs/src/test/java/dev/sliflow/bench/Benchmarks.java"));
        Set<String> rows = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `(\\./)?sliflow ([a-z]+)((?:[^`]|\\\\`)*)` \\|").matcher(section);
        while (row.find()) {
            String name = row.group(2);
            List<String> options = Pattern.compile("--[a-z][a-z-]*").matcher(row.group(3)).results().map(m -> m.group()).toList();
            rows.add(name);
            if (row.group(1) == null) {
                assertThat(cli).as("sliflow " + name + " is a command of the CLI").containsKey(name);
                Set<String> known = cli.get(name).getCommandSpec().optionsMap().keySet();
                assertThat(known).as("options of sliflow " + name).containsAll(options);
            } else {
                assertThat(launcher).as("./sliflow " + name + " is handled by the launcher").contains("\"${1:-}\" = \"" + name + "\"");
                if (name.equals("benchmarks")) {
                    for (String o : options) {
                        assertThat(benchmarks).as("./sliflow benchmarks " + o).contains("names = \"" + o + "\"");
                    }
                }
            }
        }
        Set<String> commands = new TreeSet<>(cli.keySet());
        commands.remove("help");
        assertThat(rows).as("commands in the README's table").containsAll(commands).contains("benchmarks", "cluster", "screenshot", "test");
    }
}
