package dev.sliflow.cli;

import dev.sliflow.gen.GeneratorConfig;
import dev.sliflow.gen.LogGenerator;
import dev.sliflow.parse.LogFormat;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        header = "Writes deterministic synthetic access logs with their ground truth, journeys.yaml and slos.yaml.",
        description = {"Writes deterministic synthetic access logs: diurnal traffic over several journeys, incidents",
                "(error burst, latency regression, outage), a maintenance window and garbage lines, plus",
                "ground-truth.json (what was injected) and matching journeys.yaml / slos.yaml.",
                "The same options and seed always give byte-identical files."})
public final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--days", defaultValue = "3", paramLabel = "N", description = "Days to generate (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--per-day", defaultValue = "35000", paramLabel = "N", description = "Lines per day (default: ${DEFAULT-VALUE}).")
    long perDay;

    @Option(names = "--format", defaultValue = "nginx", paramLabel = "F",
            description = "nginx|apache|alb|envoy|haproxy|json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start", paramLabel = "DATE", description = "First UTC day (default: 2026-03-01).")
    String start;

    @Option(names = "--regions", defaultValue = "0", paramLabel = "N",
            description = "Write logs/<region>/... for N regions (default: none).")
    int regions;

    @Option(names = "--garbage-rate", defaultValue = "0.002", paramLabel = "R",
            description = "Upper bound on the share of garbage lines (default: ${DEFAULT-VALUE}).")
    double garbageRate;

    @Option(names = "--no-gzip", description = "Write plain .log files instead of .log.gz.")
    boolean noGzip;

    @Option(names = "--gzip-level", defaultValue = "1", paramLabel = "L",
            description = "Deflate level 1..9 (default: ${DEFAULT-VALUE}; the content is the same at any level).")
    int gzipLevel;

    @Option(names = "--non-utc-fraction", defaultValue = "0", paramLabel = "F",
            description = "nginx only: share of files written with a +0200/-0500 offset (default: ${DEFAULT-VALUE}).")
    double nonUtcFraction;

    @Option(names = "--threads", paramLabel = "N", description = "Files generated in parallel (default: cores, max 8).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        GeneratorConfig.Builder b = GeneratorConfig.builder()
                .outputDir(out)
                .days(days)
                .perDay(perDay)
                .format(LogFormat.parse(format))
                .seed(seed)
                .regions(regions)
                .garbageRate(garbageRate)
                .gzip(!noGzip)
                .gzipLevel(gzipLevel)
                .nonUtcFraction(nonUtcFraction);
        if (threads != null) {
            b.threads(threads);
        }
        if (start != null) {
            b.start(IngestCommand.date("--start", start));
        }
        long t0 = System.nanoTime();
        LogGenerator.Result r = LogGenerator.generate(b.build());
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("generated %,d lines (%,d garbage) in %d file(s) under %s in %.1f s (%,.0f lines/s)%n",
                r.lines(), r.garbageLines(), r.files().size(), out, secs, r.lines() / Math.max(secs, 1e-9));
        System.out.println("ground truth: " + r.groundTruth());
        return 0;
    }
}
