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
