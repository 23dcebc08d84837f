package dev.sliflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.gen.GeneratorConfig;
import dev.sliflow.gen.LogGenerator;
import dev.sliflow.parse.LogFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark suite's ingest comparison on tiny data (20k lines with 2% garbage and non-UTC files), through
 * the same code as {@code ./sliflow benchmarks}: the bare scan, sliflow ingest and DuckDB running
 * sql/bench/duckdb_ingest.sql, each in a fresh JVM, must count exactly the same per journey × minute — so the
 * harness cannot silently compare different work. Also: the check does notice a single changed count.
 */
class BenchHarnessITCase {
    @TempDir
    Path tmp;

    @Test
    void bareScanSliflowAndDuckdbCountTheSamePerJourneyMinute() throws Exception {
        Path logs = tmp.resolve("logs");
        LogGenerator.Result g = LogGenerator.generate(GeneratorConfig.builder().outputDir(logs).days(2).perDay(10_000).seed(11)
                .format(LogFormat.NGINX).start(LocalDate.parse("2026-03-06")).garbageRate(0.02).nonUtcFraction(0.5).build());
        Path work = tmp.resolve("work");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Benchmarks.SuiteResult r;
        try (PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            r = Benchmarks.ingestSuite(logs, work, null, false, 2, out);
        }
        String printed = log.toString(StandardCharsets.UTF_8);
        assertThat(r.lines()).as(printed).isEqualTo(g.lines()).isGreaterThan(15_000);
        assertThat(r.sliflowLines()).isEqualTo(g.lines());
        assertThat(r.check().matches()).as(r.check().describe()).isTrue();
        assertThat(r.check().keys()).isGreaterThan(2_000);
        // 2% garbage includes cut lines: DuckDB's CSV reader loses the line after one with an open quote
        assertThat(r.check().lostByCsvQuotes()).isPositive().isLessThan(g.garbageLines());
        assertThat(r.check().requests()).isGreaterThan(10_000).isLessThan(g.lines() - g.garbageLines());
        assertThat(r.summary()).startsWith("BENCH suite lines=").contains("bare-scan ").contains("% of bare scan")
                .contains("duckdb ").contains("sliflow/duckdb = ").endsWith("counts match | medians of 2 rounds");
        // two rounds of the bare scan and of sliflow, each printed; the figures are their medians
        assertThat(printed).contains("-- round 2 of 2: bare scan, then sliflow").contains("    round 1: bare scan ")
                .contains("    round 2: bare scan ").containsPattern("sliflow >= 1,000,000 lines/s in [0-2] of 2 rounds");
        assertThat(printed.split("\\| ingest finished in", -1)).as("sliflow ran twice").hasSize(3);
        assertThat(r.bare().peakRssMiB()).isPositive();
        assertThat(r.sliflow().peakRssMiB()).isPositive();
        assertThat(r.duckdb().peakRssMiB()).isPositive();
        assertThat(printed).contains("counts match: ").contains(r.check().percentiles());

        // one request more in one minute of the bare scan's output: the check must say so
        List<String> csv = new ArrayList<>(Files.readAllLines(work.resolve("bare-scan.csv")));
        String[] f = csv.get(1).split(",");
        f[2] = Long.toString(Long.parseLong(f[2]) + 1);
        csv.set(1, String.join(",", f));
        Path altered = work.resolve("altered.csv");
        Files.write(altered, csv);
        CountsCheck.Result bad = CountsCheck.compare(work.resolve("sliflow-out/sli_minute"), work.resolve("duckdb-minutes.parquet"),
                altered);
        assertThat(bad.matches()).isFalse();
        assertThat(bad.sliflowVsBare()).isEqualTo(1);
        assertThat(bad.duckdbVsBare()).isEqualTo(1);
        assertThat(bad.describe()).startsWith("COUNTS DIFFER").contains(f[0] + " ").contains("(sliflow/bare)");
    }

    @Test
    void pathTemplatesBecomeTheSameMatchInSql() {
        assertThat(DuckDbIngest.templateRegex("/products/{id}")).isEqualTo("/products/[^/]+");
        assertThat(DuckDbIngest.templateRegex("/static/**")).isEqualTo("/static(/.*)?");
        assertThat(DuckDbIngest.templateRegex("/a.b/*/c")).isEqualTo("/a\\.b/[^/]+/c");
        assertThat(DuckDbIngest.statusRule(List.of("5xx", "429"))).isEqualTo("(status BETWEEN 500 AND 599 OR status = 429)");
    }
}
