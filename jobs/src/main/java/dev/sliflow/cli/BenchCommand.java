package dev.sliflow.cli;

import dev.sliflow.gen.GeneratorConfig;
import dev.sliflow.gen.LogGenerator;
import dev.sliflow.parse.LogFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "One ingest or backtest benchmark in a fresh JVM (the full suite: ./sliflow benchmarks).",
        description = {"End-to-end benchmarks in fresh JVMs (wall clock, JVM start included) with peak resident memory.",
                "--job ingest: generate N lines (once; reused while the options match), ingest them, print lines/s.",
                "--job backtest: ingest D days of generated logs (10 journeys), then backtest every candidate of the",
                "generated slos.yaml (hundreds) over them; print the backtest time."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--job", defaultValue = "ingest", paramLabel = "JOB", description = "ingest (default) or backtest.")
    String job;

    @Option(names = "--lines", paramLabel = "N", description = "Lines to generate (default: 10,000,000 for ingest, 2,000,000 for backtest).")
    Long lines;

    @Option(names = "--format", defaultValue = "nginx", paramLabel = "F", description = "Log format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--dir", defaultValue = ".sliflow-bench", paramLabel = "DIR", description = "Work folder (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--parallelism", paramLabel = "N", description = "Flink parallelism (default: number of cores).")
    Integer parallelism;

    @Option(names = "--days", paramLabel = "N", description = "Days the lines are spread over (default: 10 for ingest, 90 for backtest).")
    Integer days;

    @Override
    public Integer call() throws Exception {
        boolean backtest;
        switch (job) {
            case "ingest":
                backtest = false;
                break;
            case "backtest":
                backtest = true;
                break;
            default:
                throw new IllegalArgumentException("--job " + job + ": expected ingest or backtest");
        }
        long lines = this.lines != null ? this.lines : backtest ? 2_000_000L : 10_000_000L;
        int days = this.days != null ? this.days : backtest ? 90 : 10;
        LogFormat f = LogFormat.parse(format);
        Path logs = ensureLogs(dir, f, lines, days, System.out);
        Path out = dir.resolve("out");
        List<String> ingest = new ArrayList<>(List.of("ingest", "--logs", logs.resolve(f.cliName()).toString(), "--journeys",
                logs.resolve("journeys.yaml").toString(), "--out", out.toString(), "--quiet",
                "--format", f.cliName())); // what was generated: auto refuses a trailing integer as Apache's %D
        if (parallelism != null) {
            ingest.add("--parallelism");
            ingest.add(parallelism.toString());
        }
        SliflowProcess.Run in = runFresh(ingest);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([\\d,]+) lines \\(").matcher(in.output());
        long read = m.find() ? Long.parseLong(m.group(1).replace(",", "")) : lines;
        System.out.printf("BENCH ingest format=%s lines=%d wall=%.1fs throughput=%,.0f lines/s peak_rss=%s MiB cores=%d%n",
                f.cliName(), read, in.seconds(), read / in.seconds(), peakRss(in), Runtime.getRuntime().availableProcessors());
        if (backtest) {
            List<String> bt = new ArrayList<>(List.of("backtest", "--out", out.toString(), "--slos",
                    logs.resolve("slos.yaml").toString(), "--quiet"));
            if (parallelism != null) {
                bt.add("--parallelism");
                bt.add(parallelism.toString());
            }
            SliflowProcess.Run b = runFresh(bt);
            java.util.regex.Matcher c = java.util.regex.Pattern.compile("([\\d,]+) candidate SLOs").matcher(b.output());
            System.out.printf("BENCH backtest days=%d journeys=%d candidates=%s wall=%.1fs peak_rss=%s MiB cores=%d%n",
                    days, dev.sliflow.gen.Catalog.JOURNEYS.size(), c.find() ? c.group(1).replace(",", "") : "?", b.seconds(),
                    peakRss(b), Runtime.getRuntime().availableProcessors());
        }
        return 0;
    }

    /**
     * The folder of generated logs for these options ({@code DIR/logs-<format>-<lines>-<days>/}, with
     * {@code <format>/access-<day>.log.gz}, journeys.yaml, slos.yaml, ground-truth.json): generated
     * once (seed 1), reused while it exists.
     */
    public static Path ensureLogs(Path dir, LogFormat f, long lines, int days, java.io.PrintStream log) throws Exception {
        return ensureLogs(dir, f, lines, days, true, log);
    }

    /**
     * As {@link #ensureLogs(Path, LogFormat, long, int, java.io.PrintStream)}, gzip'ed or not: plain files
     * ({@code <format>/access-<day>.log}) go to {@code DIR/logs-<format>-<lines>-<days>-plain/} and hold the
     * same lines as the .gz ones (same seed).
     */
    public static Path ensureLogs(Path dir, LogFormat f, long lines, int days, boolean gzip, java.io.PrintStream log)
            throws Exception {
        Path logs = dir.resolve("logs-" + f.cliName() + "-" + lines + "-" + days + (gzip ? "" : "-plain"));
        Path marker = logs.resolve("ground-truth.json");
        if (!Files.exists(marker)) {
            log.printf("generating %,d %s lines over %d days in %s%s ...%n", lines, f.cliName(), days, logs,
                    gzip ? "" : " (plain text)");
            long t0 = System.nanoTime();
            // perDay is the weekday level (Saturday x0.78, Sunday x0.72): scale to land near the requested total
            java.time.LocalDate start = GeneratorConfig.DEFAULT_START;
            double weight = 0;
            for (int d = 0; d < days; d++) {
                java.time.DayOfWeek dow = start.plusDays(d).getDayOfWeek();
                weight += dow == java.time.DayOfWeek.SATURDAY ? 0.78 : dow == java.time.DayOfWeek.SUNDAY ? 0.72 : 1.0;
            }
            long perDay = Math.max(1, Math.round(lines / weight));
            LogGenerator.Result g = LogGenerator.generate(GeneratorConfig.builder().outputDir(logs).days(days)
                    .perDay(perDay).format(f).seed(1).start(start).gzip(gzip).build());
            log.printf("  %,d lines, %,d MB uncompressed, in %.1f s%n", g.lines(), g.uncompressedBytes() >> 20,
                    (System.nanoTime() - t0) / 1e9);
        } else {
            log.println("reusing generated logs in " + logs);
        }
        return logs;
    }

    /** Runs a sliflow command in a fresh JVM (as the launcher runs it: {@link SliflowProcess}), echoing its output. */
    private static SliflowProcess.Run runFresh(List<String> args) throws Exception {
        return SliflowProcess.sliflow(args, System.out);
    }

    private static String peakRss(SliflowProcess.Run r) {
        return r.peakRssMiB() < 0 ? "n/a" : Long.toString(r.peakRssMiB());
    }
}
