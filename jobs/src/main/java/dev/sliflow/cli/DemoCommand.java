package dev.sliflow.cli;

import dev.sliflow.flink.IngestJob;
import dev.sliflow.flink.IngestOptions;
import dev.sliflow.parse.LogFormat;
import dev.sliflow.query.SqlRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the main job on the embedded sample (datasets/sample): ingest the sample logs",
                "with a local Flink MiniCluster, then print per journey and day what the tables say."})
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
        IngestOptions o = new IngestOptions();
        o.logs = List.of(logs);
        o.journeys = journeys.toString();
        o.out = out;
        o.format = LogFormat.AUTO;
        System.err.printf("sliflow demo: ingesting %s -> %s%n", logs, out);
        IngestJob.Result r = IngestJob.run(o, System.err);
        IngestCommand.printSummary(r, System.out);
        System.out.println();
        System.out.println("Per journey and day (sql/queries/journey_day_summary.sql over " + out + "/sli_minute):");
        try (SqlRunner sql = new SqlRunner(out)) {
            QueryCommand.Printer.print(sql.run(SqlRunner.resource("sql/queries/journey_day_summary.sql")), "table", System.out);
        }
        System.out.println();
        System.out.println("Tables: " + Path.of(out).toAbsolutePath() + "/{sli_minute,rejects,ingest_audit}/dt=YYYY-MM-DD/*.parquet");
        System.out.println("Next: ./sliflow query --out " + out + " sql/queries/input_quality.sql");
        return 0;
    }

    static Path defaultSample() {
        String home = System.getenv("SLIFLOW_HOME");
        Path base = home != null ? Path.of(home) : Path.of(".");
        return base.resolve("datasets/sample");
    }
}
