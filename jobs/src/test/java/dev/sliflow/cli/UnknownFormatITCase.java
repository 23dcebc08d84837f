package dev.sliflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sliflow ingest} with the default {@code --format auto}: a file in no recognised format (a TSV of metrics
 * left in the log folder, a custom nginx layout that auto once read as Apache with its request length as %D) stops the
 * run before the job with exit 2, naming the file and what was tried, and nothing is written; with
 * {@code --skip-unknown-files} the run ingests the other files, exits 0 and lists the skipped one.
 */
class UnknownFormatITCase {
    @TempDir
    Path dir;

    private Path journeys() throws Exception {
        return Files.writeString(dir.resolve("journeys.yaml"), """
                defaults:
                  latency_thresholds_ms: [100]
                journeys:
                  - name: api
                    match: {method: GET, path: "/api/items"}
                """);
    }

    private Path logs() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        List<String> nginx = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            nginx.add(String.format("203.0.113.9 - - [01/Mar/2026:10:%02d:00 +0000] \"GET /api/items HTTP/1.1\" 200 12"
                    + " \"-\" \"curl/8\" 0.0%02d 0.0%02d", i, i, i));
        }
        Files.write(logs.resolve("access.log"), nginx);
        Files.writeString(logs.resolve("metrics.tsv"), "ts\tmetric\tvalue\n2026-03-01T00:00:00Z\tcpu\t0.5\n");
        // nginx's log_format with $request_length before $request_time, which auto once read as Apache's %D
        Files.writeString(logs.resolve("custom.log"), "10.0.0.1:443 203.0.113.5 - [01/Mar/2026:10:00:00 +0000]"
                + " \"GET /api/items HTTP/1.1\" 200 512 734 0.247 0.245 https shop.example.com\n");
        return logs;
    }

    @Test
    void aFileInNoKnownFormatStopsTheRunBeforeTheJobAndTheSkipOptionListsIt() throws Exception {
        Path logs = logs();
        Path out = dir.resolve("out");
        CliRun stopped = CliRun.of("ingest", "--logs", logs.toString(), "--journeys", journeys().toString(), "--out",
                out.toString(), "--quiet");
        assertThat(stopped.rc()).as(stopped.err()).isEqualTo(2);
        assertThat(stopped.err()).contains("2 input files are in no log format", "metrics.tsv", "custom.log",
                "nginx 0/1", "--format", "--skip-unknown-files");
        assertThat(stopped.err()).doesNotContain("access.log");
        assertThat(out.resolve("sli_minute")).as("nothing written").doesNotExist();

        CliRun skipped = CliRun.of("ingest", "--logs", logs.toString(), "--journeys", journeys().toString(), "--out",
                out.toString(), "--quiet", "--skip-unknown-files");
        assertThat(skipped.rc()).as(skipped.err()).isZero();
        assertThat(skipped.out()).contains("skipped 2 input file(s) in no recognised log format", "metrics.tsv",
                "custom.log", "40 lines");
        assertThat(Files.list(out.resolve("sli_minute")).map(p -> p.getFileName().toString()))
                .containsExactly("dt=2026-03-01");
    }

    @Test
    void everyFileSkippedRunsNoJobAndExitsZero() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("only-tsv"));
        Files.writeString(logs.resolve("metrics.tsv"), "ts\tmetric\tvalue\n2026-03-01T00:00:00Z\tcpu\t0.5\n");
        Path out = dir.resolve("out2");
        CliRun r = CliRun.of("ingest", "--logs", logs.toString(), "--journeys", journeys().toString(), "--out",
                out.toString(), "--quiet", "--skip-unknown-files");
        assertThat(r.rc()).as(r.err()).isZero();
        assertThat(r.out()).contains("skipped 1 input file(s)", "metrics.tsv", "0 lines");
        assertThat(out.resolve("sli_minute")).doesNotExist();
    }
}
