package dev.sliflow.cli;

import dev.sliflow.backtest.flink.BacktestJob;
import dev.sliflow.flink.EmbeddedCluster;
import dev.sliflow.flink.IngestJob;
import dev.sliflow.flink.IngestOptions;
import dev.sliflow.flink.Jobs;
import dev.sliflow.flink.OutputLock;
import dev.sliflow.parse.LogFormat;
import dev.sliflow.query.SqlRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Runs ingest, backtest and report on the embedded sample (a local Flink MiniCluster).",
        description = {"Runs the main jobs on the embedded sample (datasets/sample) with a local Flink MiniCluster:",
                "ingest the sample logs, print per journey and day what sli_minute says, then backtest the sample's",
                "candidate SLOs and print the recommended targets with their pages/freeze-days evidence, then write",
                "the HTML report (DIR/report/index.html)."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--sample", paramLabel = "DIR",
            description = "Sample folder (default: datasets/sample under SLIFLOW_HOME or the working directory).")
    Path sample;

    @Option(names = "--out", defaultValue = "out/demo", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    String out;

    @Override
    public Integer call() throws Exception {
        Path dir = sample != null ? sample : defaultSample();
        Path journeys = dir.resolve("journeys.yaml");
        String logs = dir + "/**/*.log*";
        if (!Files.isRegularFile(journeys)) {
            throw new IllegalArgumentException("no sample at " + dir + " (expected journeys.yaml and **/*.log.gz)");
        }
        OutputLock.acquire(out, "demo", System.err); // released by Main
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
        System.out.println("Per journey and day (sql/queries/journey_day_summary.sql over " + out + "/sli_day):");
        try (SqlRunner sql = new SqlRunner(out)) {
            QueryCommand.Printer.print(sql.run(SqlRunner.resource("sql/queries/journey_day_summary.sql")), "table", System.out);
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

    static Path defaultSample() {
        String home = System.getenv("SLIFLOW_HOME");
        Path base = home != null ? Path.of(home) : Path.of(".");
        return base.resolve("datasets/sample");
    }
}
