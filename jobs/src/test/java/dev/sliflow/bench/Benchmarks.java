package dev.sliflow.bench;

import dev.sliflow.cli.BenchCommand;
import dev.sliflow.cli.SliflowProcess;
import dev.sliflow.ingest.Gunzip;
import dev.sliflow.parse.LogFormat;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark suite of sliflow ({@code ./sliflow benchmarks}); lives in the test sources because
 * DuckDB and JMH are test-scoped (never in the shipped jar). See jobs/BENCHMARKS.md.
 */
@Command(name = "sliflow benchmarks", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The benchmark suite. Default: the ingest comparison on the same generated nginx files, each in a",
                "fresh JVM: (a) bare Java scan (the practical limit), (b) sliflow ingest end to end (raw logs -> Parquet),",
                "(c) DuckDB (CSV reader -> same per journey-minute counts and exact percentiles -> Parquet); then a check",
                "that all three counted the same, and a summary line. Other parts: --rss-check, --backtest, --jmh, --all."})
public final class Benchmarks implements Callable<Integer> {
    @Option(names = "--lines", defaultValue = "10000000", paramLabel = "N", description = "Lines of the ingest comparison (default: ${DEFAULT-VALUE}).")
    long lines;

    @Option(names = "--days", defaultValue = "10", paramLabel = "N", description = "Days the generated lines are spread over (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--dir", defaultValue = ".sliflow-bench", paramLabel = "DIR", description = "Work folder; generated logs are reused (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--parallelism", paramLabel = "N", description = "sliflow's --parallelism (default: its own, the number of cores).")
    Integer parallelism;

    @Option(names = "--rounds", defaultValue = "1", paramLabel = "N", description = "Runs of the bare scan and of sliflow"
            + " in the ingest comparison, alternating (DuckDB runs once): on a machine whose speed drifts, the figures are"
            + " the medians of the rounds and every round is printed (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--no-startup-run", description = "Skip the 1-line sliflow ingest that measures the fixed start-up cost.")
    boolean noStartupRun;

    @Option(names = "--rss-check", split = ",", paramLabel = "N,M", description = "sliflow ingest on N and on M lines: both peak RSS and their difference (issue 5: 10000000,40000000).")
    List<Long> rssCheck;

    @Option(names = "--dates-check", split = ",", paramLabel = "D[,D...]", description = "sliflow ingest of a quiet"
            + " service over D days (5,000 lines a day), each in the default heap: peak RSS and files per table"
            + " (memory must not grow with the number of dates). --all: 30,365.")
    List<Integer> datesCheck;

    @Option(names = "--backtest", description = "sliflow backtest over a synthetic sli_minute of --backtest-days x --backtest-journeys, 200 candidates per journey.")
    boolean backtest;

    @Option(names = "--backtest-days", defaultValue = "180", paramLabel = "N", description = "Days of the backtest benchmark (default: ${DEFAULT-VALUE}).")
    int backtestDays;

    @Option(names = "--backtest-journeys", defaultValue = "20", paramLabel = "N", description = "Journeys of the backtest benchmark (default: ${DEFAULT-VALUE}).")
    int backtestJourneys;

    @Option(names = "--jmh", arity = "0..1", fallbackValue = "", paramLabel = "REGEX", description = "JMH micro-benchmarks (parsers, per-line core, sketch); optional regex selects benchmarks.")
    String jmh;

    @Option(names = "--ingest", description = "Also run the ingest comparison when other parts are selected.")
    boolean ingest;

    @Option(names = "--all", description = "Everything: the ingest comparison, --rss-check 10000000,40000000, --dates-check"
            + " 30,365, --backtest, --jmh.")
    boolean all;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Benchmarks()).setUsageHelpWidth(110).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        boolean others = rssCheck != null || datesCheck != null || backtest || jmh != null;
        List<String> summary = new ArrayList<>();
        if (all || ingest || !others) {
            Path logs = BenchCommand.ensureLogs(dir, LogFormat.NGINX, lines, days, out);
            if (rounds < 1) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--rounds must be at least 1, not " + rounds);
            }
            SuiteResult r = ingestSuite(logs, dir.resolve("suite-" + lines + "-" + days), parallelism, !noStartupRun, rounds, out);
            summary.add(r.summary);
        }
        if (all || rssCheck != null) {
            summary.add(rssCheck(rssCheck != null ? rssCheck : List.of(10_000_000L, 40_000_000L), out));
        }
        if (all || datesCheck != null) {
            summary.add(datesCheck(datesCheck != null ? datesCheck : List.of(30, 365), out));
        }
        if (all || backtest) {
            summary.add(backtest(out));
        }
        if (all || jmh != null) {
            jmh(jmh == null ? "" : jmh);
        }
        if (summary.size() > 1) {
            out.println();
            summary.forEach(out::println);
        }
        return 0;
    }

    /** One contender's run. */
    public record Measured(String name, double wallSeconds, long peakRssMiB, String output) {
        double rate(long lines) {
            return lines / wallSeconds;
        }
    }

    /** What the ingest comparison measured and checked. */
    public record SuiteResult(long lines, long sliflowLines, Measured bare, Measured sliflow, Measured duckdb,
                              double sliflowInProcessSeconds, double startupSeconds, double duckdbQuerySeconds,
                              CountsCheck.Result check, String summary) {}

    /**
     * The ingest comparison on the nginx files of {@code logs} (a generated folder: {@code nginx/*.gz},
     * journeys.yaml), working in {@code work}: bare scan, sliflow ingest, DuckDB, each in a fresh JVM,
     * in this order; then {@code rounds - 1} more runs of the bare scan and of sliflow, alternating
     * (DuckDB once); then the counts check and the summary, whose figures are the medians of the rounds
     * (by wall clock), every round printed.
     */
    public static SuiteResult ingestSuite(Path logs, Path work, Integer parallelism, boolean startupRun, int rounds,
            PrintStream out) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        Path journeys = logs.resolve("journeys.yaml");
        List<Path> files;
        try (Stream<Path> s = Files.walk(logs.resolve("nginx"))) {
            files = s.filter(p -> p.toString().endsWith(".gz")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no nginx/*.gz files in " + logs);
        }
        Files.createDirectories(work);
        String cp = System.getProperty("java.class.path");
        String java = SliflowProcess.javaBin();
        Path bareCsv = work.resolve("bare-scan.csv");
        Path duckParquet = work.resolve("duckdb-minutes.parquet");
        Path sliOut = work.resolve("sliflow-out");
        out.printf("%n== ingest comparison: %d nginx file(s) of %s, %d cores; each in a fresh JVM, wall clock incl. JVM start%n",
                files.size(), logs, cores);

        out.println("\n-- (a) bare scan: single pass, hand-written byte scanning, one thread per file up to the cores,"
                + " with the ingest's JVM options");
        List<String> bareCmd = bareScanCommand(java, SliflowProcess.jvmOptions("ingest"), cp, journeys, bareCsv, cores, files);
        Measured bare = measure("bare scan", bareCmd, out);
        long lines = Long.parseLong(need(bare, "([\\d,]+) lines \\(").replace(",", ""));

        out.println("\n-- (b) sliflow ingest, raw logs -> Parquet, exactly as ./sliflow ingest runs it");
        List<String> ingest = ingestArgs(logs, sliOut, parallelism);
        Measured sli = sliflow(ingest, out);
        long sliLines = Long.parseLong(need(sli, "([\\d,]+) lines \\(").replace(",", ""));
        double inProcess = Double.parseDouble(need(sli, "ingest finished in ([\\d.]+) s"));

        out.println("\n-- (c) DuckDB: read_csv of the same files, same journeys, per journey-minute counts + exact percentiles -> Parquet");
        List<String> duckCmd = new ArrayList<>(List.of(java, "-cp", cp, DuckDbIngest.class.getName(), "--sql",
                SliflowProcess.home().resolve("sql/bench/duckdb_ingest.sql").toString(), "--journeys", journeys.toString(),
                "--out", duckParquet.toString(), "--threads", Integer.toString(cores)));
        files.forEach(f -> duckCmd.add(f.toString()));
        Measured duck = measure("duckdb", duckCmd, out);
        double query = Double.parseDouble(need(duck, "\\(query ([\\d.]+) s"));

        double startup = Double.NaN;
        if (startupRun) {
            out.println("\n-- sliflow's fixed start-up cost: the same ingest of a 1-line file (JVM, MiniCluster, job submission, commit)");
            Path one = work.resolve("startup-logs/nginx/one.log");
            Files.createDirectories(one.getParent());
            try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(files.get(0))),
                    StandardCharsets.UTF_8))) {
                Files.writeString(one, r.readLine() + "\n");
            }
            startup = sliflow(List.of("ingest", "--logs", one.getParent().toString(), "--journeys", journeys.toString(), "--out",
                    work.resolve("startup-out").toString(), "--quiet"), out).wallSeconds();
        }

        List<Measured> bares = new ArrayList<>(List.of(bare));
        List<Measured> slis = new ArrayList<>(List.of(sli));
        for (int round = 2; round <= rounds; round++) {
            out.printf("%n-- round %d of %d: bare scan, then sliflow, on the same files%n", round, rounds);
            bares.add(measure("bare scan", bareCmd, out));
            Measured m = sliflow(ingest, out);
            long n = Long.parseLong(need(m, "([\\d,]+) lines \\(").replace(",", ""));
            if (n != sliLines) {
                throw new IllegalStateException("sliflow read " + n + " lines in round " + round + ", " + sliLines + " before");
            }
            slis.add(m);
        }
        if (rounds > 1) {
            bare = median(bares);
            sli = median(slis);
            inProcess = Double.parseDouble(need(sli, "ingest finished in ([\\d.]+) s"));
        }

        out.println("\n-- check: did all three count the same?");
        CountsCheck.Result check = CountsCheck.compare(sliOut.resolve("sli_minute"), duckParquet, bareCsv);
        out.println(check.describe());
        out.println(check.percentiles());

        double bareRate = bare.rate(lines);
        double sliRate = sli.rate(lines);
        double duckRate = duck.rate(lines);
        String summary = String.format("BENCH suite lines=%,d cores=%d | bare-scan %,.0f lines/s | sliflow %,.0f lines/s (%.0f%% of bare scan)"
                        + " RSS %s MiB | duckdb %,.0f lines/s RSS %s MiB | sliflow/duckdb = %.2fx | %s",
                lines, cores, bareRate, sliRate, 100 * sliRate / bareRate, rss(sli), duckRate, rss(duck), sliRate / duckRate,
                check.matches() ? "counts match" : "COUNTS DIFFER") + (rounds > 1 ? " | medians of " + rounds + " rounds" : "");
        out.println();
        out.println(summary);
        if (rounds > 1) {
            out.printf("  figures are the medians of %d rounds (the machine's speed drifts between runs); per round:%n", rounds);
            for (int i = 0; i < rounds; i++) {
                out.printf("    round %d: bare scan %.2f s = %,.0f lines/s; sliflow %.2f s = %,.0f lines/s (%.0f%% of that round's bare"
                        + " scan), RSS %s MiB%n", i + 1, bares.get(i).wallSeconds(), bares.get(i).rate(lines),
                        slis.get(i).wallSeconds(), slis.get(i).rate(lines),
                        100 * slis.get(i).rate(lines) / bares.get(i).rate(lines), rss(slis.get(i)));
            }
            long atTarget = slis.stream().filter(m -> m.rate(lines) >= 1_000_000).count();
            out.printf("    sliflow >= 1,000,000 lines/s in %d of %d rounds%n", atTarget, rounds);
        }
        out.printf("  .gz inflated (by sliflow and the bare scan alike) with %s; DuckDB with its own%n", Gunzip.implementation());
        out.printf("  wall clock, fresh JVM, JVM start included: bare scan %.2f s (RSS %s MiB), sliflow %.2f s, DuckDB %.2f s%n",
                bare.wallSeconds(), rss(bare), sli.wallSeconds(), duck.wallSeconds());
        out.printf("  sliflow in-process (its own 'ingest finished in': excludes JVM start, includes MiniCluster start): %.1f s ="
                + " %,.0f lines/s (%.0f%% of bare scan)%n", inProcess, lines / inProcess, 100 * lines / inProcess / bareRate);
        if (!Double.isNaN(startup)) {
            double net = sli.wallSeconds() - startup;
            out.printf("  sliflow without its fixed start-up cost (wall of a 1-line ingest: %.1f s): %,.0f lines/s (%.0f%% of bare scan)%n",
                    startup, lines / net, 100 * lines / net / bareRate);
        }
        out.printf("  DuckDB query alone (excludes JVM start and loading DuckDB): %.1f s = %,.0f lines/s%n", query, lines / query);
        if (sliLines != lines) {
            out.printf("  NOTE: sliflow read %,d lines, the bare scan %,d%n", sliLines, lines);
        }
        out.printf("  issue 5 acceptance: sliflow >= 1,000,000 lines/s: %s; >= 40%% of the bare scan: %s%n",
                sliRate >= 1_000_000 ? "yes" : "NO", sliRate >= 0.4 * bareRate ? "yes" : "NO");
        return new SuiteResult(lines, sliLines, bare, sli, duck, inProcess, startup, query, check, summary);
    }

    /** sliflow ingest on each size (same --days), fresh JVM each; both peak RSS and the difference. */
    String rssCheck(List<Long> sizes, PrintStream out) throws Exception {
        out.printf("%n== peak RSS of sliflow ingest on %s lines%n", sizes);
        List<Long> rss = new ArrayList<>();
        StringBuilder line = new StringBuilder("RSS");
        for (long n : sizes) {
            Path logs = BenchCommand.ensureLogs(dir, LogFormat.NGINX, n, days, out);
            Measured m = sliflow(ingestArgs(logs, dir.resolve("rss-out-" + n), parallelism), out);
            long read = Long.parseLong(need(m, "([\\d,]+) lines \\(").replace(",", ""));
            out.printf("BENCH ingest format=nginx lines=%d wall=%.1fs throughput=%,.0f lines/s peak_rss=%s MiB%n", read,
                    m.wallSeconds(), m.rate(read), rss(m));
            rss.add(m.peakRssMiB());
            line.append(' ').append(millions(n)).append('=').append(rss(m)).append(" MiB");
        }
        long first = rss.get(0);
        long last = rss.get(rss.size() - 1);
        line.append(String.format(" diff=%+.1f%% (issue 5: less than 25%%)", 100.0 * (last - first) / first));
        out.println(line);
        return line.toString();
    }

    /**
     * The bare scan's command line: with {@code jvmOptions}, the ingest's (jobs/jvm.options: collector, heap, the
     * JIT's inlining limits), so that it runs in the same JVM as sliflow's and the limit is not understated. With
     * the JVM's defaults the bare scan took 9.2-12.1 s instead of 5.7-6.0 s on 10 M lines (2026-12-03): C2 spent
     * 4.6-6.5 s of CPU compiling its scan loop.
     */
    static List<String> bareScanCommand(String java, List<String> jvmOptions, String cp, Path journeys, Path out, int threads,
            List<Path> files) {
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", cp, BareScan.class.getName(), "--journeys", journeys.toString(),
                "--out", out.toString(), "--threads", Integer.toString(threads)));
        files.forEach(f -> cmd.add(f.toString()));
        return cmd;
    }

    /** {@code sliflow ingest} of a generated folder's nginx files into {@code result}, at --parallelism if given. */
    static List<String> ingestArgs(Path logs, Path result, Integer parallelism) {
        List<String> args = new ArrayList<>(List.of("ingest", "--logs", logs.resolve("nginx").toString(), "--journeys",
                logs.resolve("journeys.yaml").toString(), "--out", result.toString(), "--quiet"));
        if (parallelism != null) {
            args.add("--parallelism");
            args.add(parallelism.toString());
        }
        return args;
    }

    /** Lines a day of the --dates-check service: quiet, so that per-date costs dominate. */
    static final long DATES_CHECK_LINES_PER_DAY = 5_000;

    /**
     * sliflow ingest of a quiet service over each number of days, fresh JVM with the default heap:
     * a backfill of months must not need more memory than one of a month (the batch writers keep a
     * bounded number of files open, not one per date).
     */
    String datesCheck(List<Integer> daysList, PrintStream out) throws Exception {
        out.printf("%n== sliflow ingest of %,d lines a day over %s days (memory must not grow with the dates)%n",
                DATES_CHECK_LINES_PER_DAY, daysList);
        StringBuilder line = new StringBuilder("DATES");
        for (int d : daysList) {
            Path logs = BenchCommand.ensureLogs(dir, LogFormat.NGINX, DATES_CHECK_LINES_PER_DAY * d, d, out);
            Path result = dir.resolve("dates-out-" + d);
            Measured m = sliflow(ingestArgs(logs, result, parallelism), out);
            long read = Long.parseLong(need(m, "([\\d,]+) lines \\(").replace(",", ""));
            StringBuilder files = new StringBuilder();
            for (String t : dev.sliflow.flink.IngestJob.TABLES) {
                try (java.util.stream.Stream<Path> w = java.nio.file.Files.walk(result.resolve(t))) {
                    files.append(files.length() == 0 ? "" : ", ").append(t).append(' ')
                            .append(w.filter(p -> p.toString().endsWith(".parquet")).count());
                }
            }
            out.printf("BENCH ingest days=%d lines=%d wall=%.1fs peak_rss=%s MiB files: %s%n", d, read, m.wallSeconds(),
                    rss(m), files);
            line.append(' ').append(d).append("d=").append(rss(m)).append(" MiB (").append(String.format("%.1f", m.wallSeconds()))
                    .append(" s)");
        }
        out.println(line);
        return line.toString();
    }

    /** sliflow backtest over the synthetic sli_minute, fresh JVM. */
    String backtest(PrintStream out) throws Exception {
        out.printf("%n== backtest: %d days x %d journeys x %d candidates per journey%n", backtestDays, backtestJourneys,
                BacktestData.CANDIDATES_PER_JOURNEY);
        Path data = BacktestData.ensure(dir, backtestDays, backtestJourneys, out);
        List<String> args = new ArrayList<>(List.of("backtest", "--out", data.toString(), "--slos",
                data.resolve("slos.yaml").toString(), "--quiet"));
        if (parallelism != null) {
            args.add("--parallelism");
            args.add(parallelism.toString());
        }
        Measured m = sliflow(args, out);
        String candidates = need(m, "([\\d,]+) candidate SLOs").replace(",", "");
        String line = String.format("BENCH backtest days=%d journeys=%d candidates=%s (%d per journey) wall=%.1fs in-process=%ss"
                        + " peak_rss=%s MiB cores=%d (issue 5: under 60 s)", backtestDays, backtestJourneys, candidates,
                BacktestData.CANDIDATES_PER_JOURNEY, m.wallSeconds(), need(m, "backtest finished in ([\\d.]+) s"), rss(m),
                Runtime.getRuntime().availableProcessors());
        out.println(line);
        return line;
    }

    private static final Path RESULT = SliflowProcess.home().resolve("target/jmh-result.csv").toAbsolutePath().normalize();

    /** The JMH micro-benchmarks of dev.sliflow.bench.jmh: 1 fork, 2 × 1 s warm-up, 3 × 1 s measurement, ns/op. */
    static void jmh(String regex) throws Exception {
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(regex.isEmpty() ? "dev\\.sliflow\\.bench\\.jmh\\." : regex)
                .forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                .timeUnit(TimeUnit.NANOSECONDS).shouldFailOnError(true)
                .result(RESULT.toString()).resultFormat(ResultFormatType.CSV);
        Files.createDirectories(RESULT.getParent());
        new Runner(o.build()).run();
        System.out.println("JMH results also in " + RESULT);
    }

    static Measured sliflow(List<String> args, PrintStream out) throws Exception {
        SliflowProcess.Run r = SliflowProcess.sliflow(args, out);
        return new Measured("sliflow", r.seconds(), r.peakRssMiB(), r.output());
    }

    /** The run with the median wall clock (of an even count, the slower of the two middle ones). */
    static Measured median(List<Measured> runs) {
        List<Measured> sorted = new ArrayList<>(runs);
        sorted.sort(java.util.Comparator.comparingDouble(Measured::wallSeconds));
        return sorted.get(sorted.size() / 2);
    }

    static Measured measure(String name, List<String> cmd, PrintStream out) throws Exception {
        SliflowProcess.Run r = SliflowProcess.run(cmd, out);
        if (r.exitCode() != 0) {
            String o = r.output().strip();
            throw new IllegalStateException(name + " failed with exit status " + r.exitCode() + ": "
                    + o.substring(Math.max(0, o.length() - 2000)));
        }
        return new Measured(name, r.seconds(), r.peakRssMiB(), r.output());
    }

    private static String need(Measured m, String regex) {
        java.util.regex.Matcher x = java.util.regex.Pattern.compile(regex).matcher(m.output());
        if (!x.find()) {
            throw new IllegalStateException(m.name() + ": no /" + regex + "/ in its output");
        }
        return x.group(1);
    }

    private static String rss(Measured m) {
        return m.peakRssMiB() < 0 ? "n/a" : String.format("%,d", m.peakRssMiB());
    }

    static String millions(long n) {
        return n % 1_000_000 == 0 ? n / 1_000_000 + "M" : String.format("%.1fM", n / 1e6);
    }
}
