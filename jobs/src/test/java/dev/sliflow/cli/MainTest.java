package dev.sliflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The command line: help for every command, clean one-line errors with exit status 2. */
class MainTest {
    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : new String[] {"demo", "ingest", "backtest", "report", "generate", "query", "gate", "bench"}) {
            CliRun r = run(cmd, "--help");
            assertThat(r.rc()).as(cmd).isZero();
            assertThat(r.out()).as(cmd).contains("Usage: sliflow " + cmd);
        }
        CliRun top = run("--help");
        assertThat(top.out()).contains("ingest", "generate", "query", "demo", "bench");
    }

    /** The command list gives each command's one-line summary whole, not a description cut mid-sentence. */
    @Test
    void theCommandListShowsAWholeSentencePerCommand() {
        String top = run("--help").out().replaceAll("\\s+", " ");
        assertThat(top).contains(
                "demo Runs ingest, backtest and report on the embedded sample (a local Flink MiniCluster).",
                "ingest Access logs -> Parquet tables by event date (sli_minute, rejects, ...): backfill or stream.",
                "gate A release gate: exit 0 when the error-budget policy allows a deploy, 3 when it does not.",
                "query Runs Flink SQL over the output tables and prints the rows.");
        assertThat(top).doesNotContain("and writes the ingest"); // the old cut-off first description line
        // a command's own help starts with its summary, then the whole description
        assertThat(run("ingest", "--help").out()).startsWith("Access logs -> Parquet tables by event date")
                .contains("unmatched_paths", "--mode stream");
    }

    @Test
    void usageErrorsAreOneLineWithStatus2() {
        CliRun r = run("ingest", "--logs", "x", "--journeys", "y", "--out", "z", "--format", "klingon");
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("sliflow: error: unknown log format 'klingon'").doesNotContain("\tat ");
        CliRun d = run("ingest", "--logs", "x", "--journeys", "y", "--out", "z", "--from", "2026-13-01");
        assertThat(d.rc()).isEqualTo(2);
        assertThat(d.err()).contains("--from '2026-13-01' is not a date");
        CliRun m = run("ingest", "--logs", "x");
        assertThat(m.rc()).isEqualTo(2);
        assertThat(m.err()).contains("Missing required options");
        CliRun c = run("ingest", "--logs", "x", "--journeys", "/nonexistent/journeys.yaml", "--out", "z");
        assertThat(c.rc()).isEqualTo(2);
        assertThat(c.err()).contains("/nonexistent/journeys.yaml:0: (file): no such file");
    }
}
