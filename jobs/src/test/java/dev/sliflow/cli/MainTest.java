package dev.sliflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line: help for every command, clean one-line errors with exit status 2. */
class MainTest {
    record Run(int rc, String out, String err) {}

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int rc = Main.execute(args);
            return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : new String[] {"demo", "ingest", "backtest", "report", "generate", "query", "gate", "bench"}) {
            Run r = run(cmd, "--help");
            assertThat(r.rc()).as(cmd).isZero();
            assertThat(r.out()).as(cmd).contains("Usage: sliflow " + cmd);
        }
        Run top = run("--help");
        assertThat(top.out()).contains("ingest", "generate", "query", "demo", "bench");
    }

    @Test
    void usageErrorsAreOneLineWithStatus2() {
        Run r = run("ingest", "--logs", "x", "--journeys", "y", "--out", "z", "--format", "klingon");
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("sliflow: error: unknown log format 'klingon'").doesNotContain("\tat ");
        Run d = run("ingest", "--logs", "x", "--journeys", "y", "--out", "z", "--from", "2026-13-01");
        assertThat(d.rc()).isEqualTo(2);
        assertThat(d.err()).contains("--from '2026-13-01' is not a date");
        Run m = run("ingest", "--logs", "x");
        assertThat(m.rc()).isEqualTo(2);
        assertThat(m.err()).contains("Missing required options");
        Run c = run("ingest", "--logs", "x", "--journeys", "/nonexistent/journeys.yaml", "--out", "z");
        assertThat(c.rc()).isEqualTo(2);
        assertThat(c.err()).contains("/nonexistent/journeys.yaml:0: (file): no such file");
    }
}
