package dev.sliflow.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad SQL through the real {@code sliflow query} path (picocli, {@link SqlRunner}, Flink's parser and
 * validator) comes out as one short line with exit status 2. The output folder is empty: every one
 * of these errors is raised while planning, before a table file is read.
 */
class QueryErrorsITCase {
    @TempDir
    static Path out;

    static CliRun query(String sql) throws Exception {
        Files.createDirectories(out);
        return CliRun.of("query", "--out", out.toString(), "--sql", sql);
    }

    @Test
    void theReservedMinuteColumnGetsAOneLineHintToQuoteIt() throws Exception {
        CliRun r = query("SELECT minute FROM sli_minute");
        String err = r.err().strip();
        assertThat(r.rc()).isEqualTo(2);
        assertThat(err.lines().count()).as(err).isEqualTo(1);
        assertThat(err.length()).as(err).isLessThan(300);
        assertThat(err).startsWith("sliflow: error: SQL: ").contains("`minute`").contains("reserved");
    }

    @Test
    void aTypoNamesItsPlaceAndAFewExpectedTokens() throws Exception {
        CliRun r = query("SELECT journey FRM sli_minute");
        String err = r.err().strip();
        assertThat(r.rc()).isEqualTo(2);
        assertThat(err.lines().count()).as(err).isEqualTo(1);
        assertThat(err.length()).as(err).isLessThan(300);
        assertThat(err).contains("line 1, column ").contains("sli_minute").doesNotContain("Was expecting");
    }

    @Test
    void anUnknownTableIsOneLineWithoutFlinksWrapping() throws Exception {
        CliRun r = query("SELECT * FROM no_such_table");
        String err = r.err().strip();
        assertThat(r.rc()).isEqualTo(2);
        assertThat(err.lines().count()).as(err).isEqualTo(1);
        assertThat(err.length()).as(err).isLessThan(300);
        assertThat(err).contains("no_such_table").doesNotContain("SQL validation failed");
    }

    /** In a .sql file, the place is the file's line, comments and earlier statements counted. */
    @Test
    void anErrorInASqlFileNamesTheFilesLine() throws Exception {
        Files.createDirectories(out);
        Path file = out.resolveSibling("bad-query.sql");
        Files.writeString(file, "-- per journey\n\nSELECT 1;\n-- the reserved word, on line 5:\nSELECT journey,\n  minute FROM sli_minute;\n");
        CliRun r = CliRun.of("query", "--out", out.toString(), file.toString());
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err().strip()).as(r.err()).contains("line 6, column 3:").contains("`minute`");
    }

    /** The words the analyst's guide (sql/README.md) calls reserved really are, and each gets the hint. */
    @Test
    void everyWordTheGuideCallsReservedGetsTheHint() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("sliflow.repo", ".")).resolve("sql/README.md"));
        int at = readme.indexOf("In Flink SQL, `minute`");
        String sentence = readme.substring(at, readme.indexOf(": write them in", at));
        java.util.List<String> words = java.util.regex.Pattern.compile("`([a-z]+)`").matcher(sentence).results()
                .map(m -> m.group(1)).toList();
        assertThat(words).contains("minute", "hour", "day");
        for (String w : words) {
            CliRun r = query("SELECT " + w + " FROM sli_minute");
            assertThat(r.rc()).as(w).isEqualTo(2);
            assertThat(r.err()).as(w).contains("reserved", "`" + w + "`");
        }
    }
}
