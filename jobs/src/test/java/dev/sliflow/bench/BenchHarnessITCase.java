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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark suite's ingest comparison on tiny data (20k lines with 2% garbage and non-UTC files, plain and
 * gzip'ed), through the same code as {@code ./sliflow benchmarks}: the bare scan, sliflow ingest, DuckDB's lean
 * query and DuckDB's full-fidelity query (sql/bench/duckdb_ingest.sql), each in a fresh JVM on both inputs; the
 * bare scan, sliflow and the full query must count exactly the same per journey × minute — so the harness cannot
 * silently compare different work —, the lean query must have run and written rows, the plain and gzip files must
 * hold the same lines; the summary table has a row per input with the ratios of the medians. Also: the check does
 * notice a single changed count.
 */
class BenchHarnessITCase {
    @TempDir
    Path tmp;

    @Test
    void everyContenderOnPlainAndGzipCountsTheSameAndTheSummaryTableHoldsTheirMedians() throws Exception {
        GeneratorConfig cfg = GeneratorConfig.builder().outputDir(tmp.resolve("logs-gzip")).days(2).perDay(10_000).seed(11)
                .format(LogFormat.NGINX).start(LocalDate.parse("2026-03-06")).garbageRate(0.02).nonUtcFraction(0.5).build();
        LogGenerator.Result g = LogGenerator.generate(cfg);
        LogGenerator.generate(cfg.toBuilder().outputDir(tmp.resolve("logs-plain")).gzip(false).build());
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put(Benchmarks.PLAIN, tmp.resolve("logs-plain"));
        inputs.put(Benchmarks.GZIP, tmp.resolve("logs-gzip"));
        Path work = tmp.resolve("work");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Benchmarks.SuiteResult r;
        try (PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            r = Benchmarks.ingestSuite(inputs, work, null, 1, 1, out);
        }
        String printed = log.toString(StandardCharsets.UTF_8);
        assertThat(r.inputs().keySet()).as(printed).containsExactly("plain", "gzip");
        for (Benchmarks.InputResult in : r.inputs().values()) {
            assertThat(in.files()).as(in.input()).isEqualTo(2);
            assertThat(in.lines()).as(in.input()).isEqualTo(g.lines()).isGreaterThan(15_000);
            assertThat(in.sliflowLines()).as(in.input()).isEqualTo(g.lines());
            assertThat(in.check().matches()).as(in.input() + ": " + in.check().describe()).isTrue();
            assertThat(in.check().keys()).isGreaterThan(2_000);
            // 2% garbage includes cut lines: DuckDB's CSV reader loses the line after one with an open quote
            assertThat(in.check().lostByCsvQuotes()).isPositive().isLessThan(g.garbageLines());
            assertThat(in.check().requests()).isGreaterThan(10_000).isLessThan(g.lines() - g.garbageLines());
            // the lean query does less (no validation, no excludes, no time zone): it ran and counted most lines
            assertThat(in.lean().wroteRows()).isTrue();
            assertThat(in.lean().requests()).isGreaterThan(in.check().requests() / 2).isLessThanOrEqualTo(g.lines());
            assertThat(in.lean().journeys()).isEqualTo(10);
            for (Benchmarks.Contender c : Benchmarks.Contender.values()) {
                assertThat(in.runs().get(c)).as(in.input() + " " + c).hasSize(1);
                assertThat(in.runs().get(c).get(0).peakRssMiB()).as(in.input() + " " + c).isPositive();
                assertThat(in.medians().get(c)).isEqualTo(in.seconds().get(c).get(0)).isPositive();
            }
            assertThat(in.ratios().vsLean()).isEqualTo(in.medians().get(Benchmarks.Contender.LEAN)
                    / in.medians().get(Benchmarks.Contender.SLIFLOW));
            assertThat(in.summary()).startsWith("BENCH suite input=" + in.input() + " lines=" + g.lines())
                    .contains("| duckdb-lean ").contains("| duckdb-full ").contains("| vs lean ").endsWith("counts match");
        }
        // each contender read each input: the plain files and the gzip'ed ones hold the same lines
        assertThat(printed).contains("plain 2 file(s) in " + tmp.resolve("logs-plain")).contains("gzip 2 file(s) in " + tmp.resolve("logs-gzip"))
                .contains("sliflow ingest --logs " + tmp.resolve("logs-plain/nginx") + " ")
                .contains("sliflow ingest --logs " + tmp.resolve("logs-gzip/nginx") + " ")
                .contains("the plain and gzip inputs hold the same lines");
        try (java.util.stream.Stream<Path> w = Files.walk(tmp.resolve("logs-plain/nginx"))) {
            assertThat(w.filter(p -> p.toString().endsWith(".gz")).count()).as("no .gz among the plain files").isZero();
        }
        // every round printed, then the summary table: a row per input with the ratios of the medians and the targets
        assertThat(printed).contains("every round (seconds;").contains("  round 1, plain: sliflow ")
                .contains("  round 1, gzip : sliflow ");
        assertThat(r.table()).hasSize(5);
        assertThat(r.table().get(0)).startsWith("| input | sliflow | bare scan | DuckDB lean (not the same work) | DuckDB full |");
        for (int i = 0; i < 2; i++) {
            Benchmarks.InputResult in = r.inputs().get(i == 0 ? "plain" : "gzip");
            assertThat(r.table().get(2 + i)).startsWith("| " + in.input() + " | "
                    + String.format(java.util.Locale.ROOT, "%.2f s", in.medians().get(Benchmarks.Contender.SLIFLOW)))
                    .contains(String.format(java.util.Locale.ROOT, "| %.2f× (≥ %.1f×: ", in.ratios().vsLean(),
                            i == 0 ? 0.8 : 1.0))
                    .contains(String.format(java.util.Locale.ROOT, "| %.2f (≥ 0.40: ", in.ratios().ofBare()))
                    .endsWith(in.ratios().met(Benchmarks.Target.of(in.input())) ? "| met |" : "| not met |");
        }
        assertThat(printed).contains(String.join("\n", r.table()));
        // the start-up: one 1-line ingest (the ITCase's count) and where its time goes
        assertThat(r.startUp().walls()).hasSize(1);
        assertThat(r.startUp().median()).isPositive();
        assertThat(r.table().get(4)).startsWith("start-up, a 1-line ingest (wall clock, median of 1 fresh JVMs): ");
        assertThat(String.join("\n", r.startUp().breakdown())).contains("sliflow's main class loaded (+")
                .contains("MiniCluster loaded (the embedded cluster starts) (+").contains("JobMaster loaded (the job is submitted) (+")
                .contains("exit, as the parent saw it");
        assertThat(r.summary()).contains("BENCH start-up 1-line ingest wall median ");

        // one request more in one minute of the bare scan's output: the check must say so
        Path gz = work.resolve("gzip");
        List<String> csv = new ArrayList<>(Files.readAllLines(gz.resolve("bare-scan.csv")));
        String[] f = csv.get(1).split(",");
        f[2] = Long.toString(Long.parseLong(f[2]) + 1);
        csv.set(1, String.join(",", f));
        Path altered = gz.resolve("altered.csv");
        Files.write(altered, csv);
        CountsCheck.Result bad = CountsCheck.compare(gz.resolve("sliflow-out/sli_minute"), gz.resolve("duckdb-full.parquet"), altered);
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
