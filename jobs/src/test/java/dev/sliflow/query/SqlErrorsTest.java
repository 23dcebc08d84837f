package dev.sliflow.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The one-line SQL errors, from messages Flink 2.3 gave for real queries over the sliflow tables
 * ({@code src/test/resources/sql-errors/}, each {@code getMessage()} of the exception
 * {@code TableEnvironment.executeSql} threw, copied unchanged).
 */
class SqlErrorsTest {
    static String fixture(String name) throws IOException {
        try (InputStream in = SqlErrorsTest.class.getResourceAsStream("/sql-errors/" + name + ".txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** {@code SELECT minute FROM sli_minute}: 2.8 KB of expected tokens become the backtick hint. */
    @Test
    void aReservedWordUsedAsAColumnGetsTheBacktickHint() throws IOException {
        String raw = fixture("reserved-minute");
        assertThat(raw).hasSizeGreaterThan(2000).contains("Was expecting one of:");
        assertThat(SqlErrors.oneLine(raw)).isEqualTo(
                "line 1, column 8: \"minute\" is a reserved word in Flink SQL; as a name write it in backticks: `minute`");
    }

    /** {@code SELECT journey FRM sli_minute}: FRM is taken as an alias, so the table name is unexpected. */
    @Test
    void aTypoShowsThePlaceTheTokenAndFiveExpectedTokens() throws IOException {
        assertThat(SqlErrors.oneLine(fixture("typo-from"))).isEqualTo(
                "line 1, column 20: unexpected \"sli_minute\", expected <EOF>, \"EXCEPT\", \"FETCH\", \"FROM\", \"INTERSECT\", …");
    }

    /** {@code SELECT COUNT(* FROM sli_minute}: a single alternative ("Was expecting:"), no ellipsis. */
    @Test
    void aSingleExpectedTokenIsShownWhole() throws IOException {
        assertThat(SqlErrors.oneLine(fixture("missing-paren"))).isEqualTo(
                "line 1, column 16: unexpected \"FROM\", expected \")\"");
    }

    /** A quote is no word: no reserved-word hint even though an identifier was expected there. */
    @Test
    void anEscapedTokenIsUnescapedAndGetsNoHint() {
        String raw = "SQL parse failed. Encountered \"\\'\" at line 1, column 8.\nWas expecting one of:\n"
                + "    \"ABS\" ...\n    <IDENTIFIER> ...\n    ";
        assertThat(SqlErrors.oneLine(raw)).isEqualTo("line 1, column 8: unexpected \"'\", expected \"ABS\", <IDENTIFIER>");
    }

    /** Validation messages (captured too) are one line already: Flink's prefix and Calcite's range go. */
    @Test
    void validationErrorsKeepCalcitesSentenceAndWhereItStarts() {
        assertThat(SqlErrors.oneLine("SQL validation failed. From line 1, column 15 to line 1, column 27: "
                + "Object 'no_such_table' not found")).isEqualTo("line 1, column 15: Object 'no_such_table' not found");
        assertThat(SqlErrors.oneLine("SQL validation failed. From line 1, column 8 to line 1, column 14: "
                + "Expression 'journey' is not being grouped")).isEqualTo("line 1, column 8: Expression 'journey' is not being grouped");
    }

    @Test
    void otherMessagesKeepTheirFirstLineCutShort() {
        assertThat(SqlErrors.oneLine("first\nsecond")).isEqualTo("first");
        assertThat(SqlErrors.oneLine("x".repeat(1000))).hasSize(SqlErrors.MAX_LENGTH).endsWith("…");
        assertThat(SqlErrors.oneLine(null)).isEqualTo("invalid SQL");
    }

    /** Statements keep their lines' numbers in the script: comment and blank lines, and earlier statements, count. */
    @Test
    void statementsKeepTheScriptsLineNumbers() {
        java.util.List<String> st = SqlRunner.statements("-- c\n\nSELECT 1;\n-- x\nSELECT a,\n-- y\n  b FROM t;\nSELECT 3");
        assertThat(st).hasSize(3);
        assertThat(st.get(0).split("\n", -1)).containsExactly("", "", "SELECT 1");
        assertThat(st.get(1).split("\n", -1)).containsExactly("", "", "", "", "SELECT a,", "", "  b FROM t");
        assertThat(st.get(2).split("\n", -1)).hasSize(8).endsWith("SELECT 3");
        assertThat(SqlRunner.statements("-- only a comment\n\n")).isEmpty();
    }
}
