package dev.sliflow.cli;

import dev.sliflow.backtest.flink.BacktestJob;
import dev.sliflow.flink.EmbeddedCluster;
import dev.sliflow.flink.IngestJob;
import dev.sliflow.flink.IngestOptions;
import dev.sliflow.flink.Jobs;
import dev.sliflow.flink.OutputLock;
import dev.sliflow.gen.GeneratorConfig;
import dev.sliflow.gen.LogGenerator;
import dev.sliflow.parse.LogFormat;
import dev.sliflow.query.SqlRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Runs ingest, backtest and report on the embedded sample (a local Flink MiniCluster).",
        description = {"Runs the main jobs on a quarter of sample history with a local Flink MiniCluster: writes the",
                "sample (90 days of nginx logs, 2026-01-01..2026-03-31, by the project's generator: deterministic, ~4 s)",
                "into DIR/input once, ingests it, prints per journey what the tables say, backtests the sample's",
                "candidate SLOs and prints the recommended targets with their evidence, then writes the HTML report",
                "(DIR/report/index.html). --sample DIR runs the same on a folder of logs with journeys.yaml and",
                "slos.yaml instead (e.g. the committed 3-day sample: --sample datasets/sample)."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--sample", paramLabel = "DIR",
            description = "A folder of logs (**/*.log*) with journeys.yaml and slos.yaml to run on instead of the"
                    + " generated quarter.")
    Path sample;

    /** The demo's history: a calendar quarter, so that 28-day and calendar windows evaluate. */
    static final LocalDate QUARTER_START = LocalDate.of(2026, 1, 1);
    static final int QUARTER_DAYS = 90;
    static final long LINES_PER_DAY = 35_000;

    @Option(names = "--out", defaultValue = "out/demo", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    String out;

    @Override
    public Integer call() throws Exception {
        OutputLock.acquire(out, "demo", System.err); // released by Main
        Path dir = sample != null ? sample : generatedSample(Path.of(out).resolve("input"));
        Path journeys = dir.resolve("journeys.yaml");
        String logs = dir + "/**/*.log*";
        if (!Files.isRegularFile(journeys)) {
            throw new IllegalArgumentException("no sample at " + dir + " (expected journeys.yaml and **/*.log.gz)");
        }
        IngestOptions o = new IngestOptions();
        o.logs = List.of(logs);
        o.journeys = journeys.toString();
        o.out = out;
        o.format = LogFormat.AUTO;
        System.err.printf("sliflow demo: ingesting %s -> %s%n", logs, out);
        EmbeddedCluster.prestart(Jobs.batchConf(o.parallelism)); // starts while the ingest job is prepared
        IngestJob.Result r = IngestJob.run(o, System.err);
        IngestCommand.printSummary(r, System.out);
        System.out.println();
        System.out.println("Per journey (sql/queries/journey_summary.sql over " + out + "/sli_day):");
        try (SqlRunner sql = new SqlRunner(out)) {
            QueryCommand.Printer.print(sql.run(SqlRunner.resource("sql/queries/journey_summary.sql")), "table", System.out);
        }
        System.out.println();
        Path slos = dir.resolve("slos.yaml");
        if (Files.isRegularFile(slos)) {
            BacktestJob.Options b = new BacktestJob.Options();
            b.out = out;
            b.slos = List.of(slos);
            System.err.printf("sliflow demo: backtesting %s over %s/sli_minute%n", slos, out);
            BacktestCommand.printSummary(BacktestJob.run(b, System.err), System.out);
            System.out.println();
            Path report = ReportCommand.write(Path.of(out));
            System.out.println("Open the report: " + report.toAbsolutePath().toUri());
            System.out.println();
        }
        System.out.println("Tables: " + Path.of(out).toAbsolutePath() + "/<table>/ (" + String.join(", ", tablesIn(Path.of(out)))
                + ")");
        System.out.println("Next: ./sliflow query --out " + out + " sql/queries/freeze_days_per_quarter.sql");
        return 0;
    }

    /** The tables (of those sliflow writes, in their order) that {@code out} holds. */
    static List<String> tablesIn(Path out) {
        return SqlRunner.DDL.stream().filter(t -> Files.isDirectory(out.resolve(t))).toList();
    }

    /**
     * The demo's quarter of history in {@code dir}: generated once (the generator is deterministic, so
     * an existing folder written with the same settings is reused), with its journeys.yaml and slos.yaml.
     */
    static Path generatedSample(Path dir) throws java.io.IOException {
        GeneratorConfig cfg = GeneratorConfig.builder().outputDir(dir).days(QUARTER_DAYS).perDay(LINES_PER_DAY)
                .start(QUARTER_START).seed(42).format(LogFormat.NGINX).build();
        Path marker = dir.resolve(".generated");
        String settings = "sliflow generate --out " + dir + " --days " + QUARTER_DAYS + " --per-day " + LINES_PER_DAY
                + " --start " + QUARTER_START + " --seed 42 --format nginx";
        if (Files.isRegularFile(marker) && Files.readString(marker).strip().equals(settings)
                && Files.isRegularFile(dir.resolve("slos.yaml"))) {
            System.err.printf("sliflow demo: reusing the sample history in %s%n", dir);
            return dir;
        }
        long t0 = System.nanoTime();
        System.err.printf("sliflow demo: writing a quarter of sample history (%d days from %s, %,d lines a day) to %s%n",
                QUARTER_DAYS, QUARTER_START, LINES_PER_DAY, dir);
        dev.sliflow.table.OutputDir.deleteTree(dir);
        LogGenerator.Result r = LogGenerator.generate(cfg);
        Files.writeString(marker, settings + "\n");
        System.err.printf("sliflow demo: %,d lines in %d files in %.1f s (the same command always writes the same lines;"
                + " what was injected: %s)%n", r.lines(), r.files().size(), (System.nanoTime() - t0) / 1e9, r.groundTruth());
        return dir;
    }
}
