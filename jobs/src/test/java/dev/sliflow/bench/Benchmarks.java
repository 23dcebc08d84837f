package dev.sliflow.bench;

import dev.sliflow.cli.BenchCommand;
import dev.sliflow.cli.SliflowProcess;
import dev.sliflow.ingest.Gunzip;
import dev.sliflow.parse.LogFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
        description = {"The benchmark suite. Default: the ingest comparison on the same generated nginx lines, plain and",
                "gzip'ed; each round runs every contender on both, each in a fresh JVM: (a) bare Java scan (the practical",
                "limit), (b) sliflow ingest end to end (raw logs -> Parquet), (c) DuckDB's lean query (what a DuckDB user",
                "writes first; not the same work), (d) DuckDB's full-fidelity query (the same counts and exact percentiles);",
                "then the checks, the start-up (a 1-line ingest, median of 5) and one summary table of the medians with the",
                "ratios and targets of issue 30. Other parts: --start-up, --rss-check, --dates-check, --backtest, --jmh, --all."})
public final class Benchmarks implements Callable<Integer> {
    @Option(names = "--lines", defaultValue = "10000000", paramLabel = "N", description = "Lines of the ingest comparison (default: ${DEFAULT-VALUE}).")
    long lines;

    @Option(names = "--days", defaultValue = "10", paramLabel = "N", description = "Days the generated lines are spread over (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--dir", defaultValue = ".sliflow-bench", paramLabel = "DIR", description = "Work folder; generated logs are reused (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--parallelism", paramLabel = "N", description = "sliflow's --parallelism (default: its own, the number of cores).")
    Integer parallelism;

    @Option(names = "--rounds", defaultValue = "1", paramLabel = "N", description = "Rounds of the ingest comparison: each"
            + " runs every contender on both inputs, alternating; on a machine whose speed drifts, the figures are the"
            + " medians of the rounds and every round is printed (default: ${DEFAULT-VALUE}; issue 30's acceptance: >= 3).")
    int rounds;

    @Option(names = "--no-startup-run", description = "Skip the 1-line sliflow ingests that measure the fixed start-up cost.")
    boolean noStartupRun;

    @Option(names = "--start-up", description = "The start-up measurement alone (with --ingest: also the comparison): 1-line"
            + " ingests, each in a fresh JVM, their median wall clock and where the time goes.")
    boolean startUp;

    @Option(names = "--start-up-runs", defaultValue = "5", paramLabel = "N", description = "1-line ingests of the start-up"
            + " measurement (default: ${DEFAULT-VALUE}).")
    int startUpRuns;

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
        boolean others = rssCheck != null || datesCheck != null || backtest || jmh != null || startUp;
        List<String> summary = new ArrayList<>();
        if (rounds < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--rounds must be at least 1, not " + rounds);
        }
        if (startUpRuns < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--start-up-runs must be at least 1, not " + startUpRuns);
        }
        if (all || ingest || !others) {
            Map<String, Path> inputs = new LinkedHashMap<>();
            inputs.put(PLAIN, BenchCommand.ensureLogs(dir, LogFormat.NGINX, lines, days, false, out));
            inputs.put(GZIP, BenchCommand.ensureLogs(dir, LogFormat.NGINX, lines, days, true, out));
            SuiteResult r = ingestSuite(inputs, dir.resolve("suite-" + lines + "-" + days), parallelism,
                    noStartupRun ? 0 : startUpRuns, rounds, out);
            summary.add(r.summary());
        } else if (startUp) {
            // a small generated folder gives the line and its journeys.yaml
            Path logs = BenchCommand.ensureLogs(dir, LogFormat.NGINX, 1_000, 1, true, out);
            StartUp s = startUp(logs, dir.resolve("start-up"), startUpRuns, out);
            out.println();
            out.println(s.line());
            summary.add(s.line());
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

    /** The contenders of the ingest comparison, in the order each round runs them. */
    public enum Contender {
        BARE("bare scan"), SLIFLOW("sliflow"), LEAN("DuckDB lean"), FULL("DuckDB full");

        public final String label;

        Contender(String label) {
            this.label = label;
        }
    }

    /** The input kinds of the comparison: the same generated lines, plain text and gzip'ed. */
    public static final String PLAIN = "plain";
    public static final String GZIP = "gzip";

    /**
     * The targets of issue 30's acceptance for an input: sliflow at least {@code vsLean} times the lean DuckDB
     * query's speed (DuckDB time / sliflow time) and at least {@code ofBare} of the bare scan's (bare time /
     * sliflow time).
     */
    public record Target(double vsLean, double ofBare) {
        static Target of(String input) {
            return switch (input) {
                case PLAIN -> new Target(0.8, 0.40);
                case GZIP -> new Target(1.0, 0.40);
                default -> null;
            };
        }
    }

    /** The start-up target of issue 30: a 1-line ingest, wall clock, median of 5 fresh JVMs. */
    public static final double START_UP_TARGET_SECONDS = 1.5;

    /**
     * The ratios of one input's medians (seconds): sliflow vs the lean and the full DuckDB query (DuckDB time /
     * sliflow time: above 1, sliflow is faster) and sliflow / bare scan (bare time / sliflow time).
     */
    public record Ratios(double vsLean, double vsFull, double ofBare) {
        static Ratios of(Map<Contender, Double> seconds) {
            double sli = seconds.get(Contender.SLIFLOW);
            return new Ratios(seconds.get(Contender.LEAN) / sli, seconds.get(Contender.FULL) / sli,
                    seconds.get(Contender.BARE) / sli);
        }

        boolean met(Target t) {
            return vsLean >= t.vsLean() && ofBare >= t.ofBare();
        }
    }

    /** What the ingest comparison measured and checked on one input (plain or gzip). */
    public record InputResult(String input, int files, long lines, long sliflowLines, Map<Contender, List<Measured>> runs,
                              Map<Contender, List<Double>> seconds, Map<Contender, Double> medians, Ratios ratios,
                              CountsCheck.Result check, CountsCheck.Lean lean, String summary) {}

    /** The 1-line ingests: every wall clock, the median, and where the time goes. */
    public record StartUp(List<Double> walls, List<Double> inProcess, double median, List<String> breakdown) {
        boolean met() {
            return median <= START_UP_TARGET_SECONDS;
        }

        String line() {
            return String.format("BENCH start-up 1-line ingest wall median %.2f s of %d fresh JVMs (%s) | target <= %.1f s: %s",
                    median, walls.size(), walls.stream().map(w -> String.format("%.2f", w)).collect(Collectors.joining(" ")),
                    START_UP_TARGET_SECONDS, met() ? "met" : "not met");
        }
    }

    /** What the ingest comparison measured and checked: per input, the start-up (null if not run) and the table. */
    public record SuiteResult(Map<String, InputResult> inputs, StartUp startUp, List<String> table, String summary) {}

    /**
     * The ingest comparison on the generated nginx folders of {@code inputs} (input name, {@link #PLAIN} or
     * {@link #GZIP}, to a folder with {@code nginx/*.log} or {@code nginx/*.gz} and journeys.yaml: the same lines),
     * working in {@code work}: each round runs every contender on every input, each in a fresh JVM (bare scan,
     * sliflow, DuckDB lean, DuckDB full); every round is printed, then the checks (per input: sliflow, the bare scan
     * and the full DuckDB query counted the same; the lean query ran and wrote rows; plain and gzip hold the same
     * lines), then {@code startUpRuns} 1-line ingests (0: none), then the summary table of the medians.
     */
    public static SuiteResult ingestSuite(Map<String, Path> inputs, Path work, Integer parallelism, int startUpRuns, int rounds,
            PrintStream out) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        String cp = System.getProperty("java.class.path");
        String java = SliflowProcess.javaBin();
        Files.createDirectories(work);
        Map<String, Map<Contender, List<String>>> commands = new LinkedHashMap<>();
        Map<String, Integer> fileCounts = new LinkedHashMap<>();
        for (Map.Entry<String, Path> in : inputs.entrySet()) {
            Path logs = in.getValue();
            Path journeys = logs.resolve("journeys.yaml");
            List<Path> files = nginxFiles(logs, in.getKey().equals(GZIP) ? ".gz" : ".log");
            fileCounts.put(in.getKey(), files.size());
            Path w = work.resolve(in.getKey());
            Files.createDirectories(w);
            Map<Contender, List<String>> c = new EnumMap<>(Contender.class);
            c.put(Contender.BARE, bareScanCommand(java, SliflowProcess.jvmOptions("ingest"), cp, journeys, w.resolve("bare-scan.csv"),
                    cores, files));
            c.put(Contender.SLIFLOW, ingestArgs(logs, w.resolve("sliflow-out"), parallelism));
            c.put(Contender.LEAN, duckDbCommand(java, cp, "duckdb_lean.sql", journeys, w.resolve("duckdb-lean.parquet"), cores, files));
            c.put(Contender.FULL, duckDbCommand(java, cp, "duckdb_ingest.sql", journeys, w.resolve("duckdb-full.parquet"), cores, files));
            commands.put(in.getKey(), c);
        }
        out.printf("%n== ingest comparison: %s; %d cores; %d round(s), each runs every contender on every input in a fresh JVM"
                + " (wall clock incl. JVM start)%n", inputs.entrySet().stream().map(e -> e.getKey() + " " + fileCounts.get(e.getKey())
                + " file(s) in " + e.getValue()).collect(Collectors.joining(", ")), cores, rounds);
        out.println("   bare scan: the practical limit, hand-written byte scanning, one thread per file up to the cores, the ingest's"
                + " JVM options | sliflow: ingest raw logs -> Parquet, as ./sliflow ingest runs it, into an empty folder |"
                + " DuckDB lean: sql/bench/duckdb_lean.sql, the query a DuckDB user writes first (not the same work) | DuckDB full:"
                + " sql/bench/duckdb_ingest.sql, the same validation, journeys, counts and exact percentiles; DuckDB's figure is"
                + " its query's time in its JVM (the JVM's start and the driver's load left out: what a duckdb CLI user waits)");

        Map<String, Map<Contender, List<Measured>>> runs = new LinkedHashMap<>();
        Map<String, Map<Contender, List<Double>>> seconds = new LinkedHashMap<>();
        for (String in : inputs.keySet()) {
            runs.put(in, new EnumMap<>(Contender.class));
            seconds.put(in, new EnumMap<>(Contender.class));
            for (Contender c : Contender.values()) {
                runs.get(in).put(c, new ArrayList<>());
                seconds.get(in).put(c, new ArrayList<>());
            }
        }
        List<String> roundLines = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (String in : inputs.keySet()) {
                for (Contender c : Contender.values()) {
                    out.printf("%n-- round %d of %d, %s: %s%n", round, rounds, in, c.label);
                    List<String> cmd = commands.get(in).get(c);
                    Measured m;
                    if (c == Contender.SLIFLOW) {
                        deleteTree(Path.of(cmd.get(cmd.indexOf("--out") + 1)));
                        m = sliflow(cmd, out);
                    } else {
                        m = measure(c.label, cmd, out);
                    }
                    runs.get(in).get(c).add(m);
                    seconds.get(in).get(c).add(figure(c, m));
                }
                String line = roundLine(round, in, runs.get(in), seconds.get(in), round - 1);
                roundLines.add(line);
                out.println(line);
            }
        }
        out.printf("%nevery round (seconds; DuckDB: its query, the JVM's wall in brackets):%n");
        roundLines.forEach(out::println);

        Map<String, InputResult> results = new LinkedHashMap<>();
        List<String> bareCsvs = new ArrayList<>();
        for (String in : inputs.keySet()) {
            Map<Contender, List<Measured>> r = runs.get(in);
            long lines = sameLines(in + ": the bare scan", r.get(Contender.BARE));
            long sliLines = sameLines(in + ": sliflow", r.get(Contender.SLIFLOW));
            Path w = work.resolve(in);
            out.printf("%n-- check, %s: did sliflow, the bare scan and the full DuckDB query count the same?%n", in);
            CountsCheck.Result check = CountsCheck.compare(w.resolve("sliflow-out/sli_minute"), w.resolve("duckdb-full.parquet"),
                    w.resolve("bare-scan.csv"));
            out.println(check.describe());
            out.println(check.percentiles());
            CountsCheck.Lean lean = CountsCheck.lean(w.resolve("duckdb-lean.parquet"));
            out.println(lean.describe(check.requests()));
            if (!lean.wroteRows()) {
                throw new IllegalStateException(in + ": the lean DuckDB query wrote no rows into " + w.resolve("duckdb-lean.parquet"));
            }
            bareCsvs.add(w.resolve("bare-scan.csv").toString());
            Map<Contender, Double> medians = medianSeconds(seconds.get(in));
            Ratios ratios = Ratios.of(medians);
            String summary = String.format(Locale.ROOT, "BENCH suite input=%s lines=%d cores=%d rounds=%d | sliflow %.2f s"
                            + " | bare-scan %.2f s | duckdb-lean %.2f s | duckdb-full %.2f s | vs lean %.2fx | vs full %.2fx |"
                            + " of bare %.2f | %s", in, lines, cores, rounds, medians.get(Contender.SLIFLOW),
                    medians.get(Contender.BARE), medians.get(Contender.LEAN), medians.get(Contender.FULL), ratios.vsLean(),
                    ratios.vsFull(), ratios.ofBare(), check.matches() ? "counts match" : "COUNTS DIFFER");
            results.put(in, new InputResult(in, fileCounts.get(in), lines, sliLines, r, seconds.get(in), medians, ratios, check,
                    lean, summary));
            if (sliLines != lines) {
                out.printf("  NOTE: %s: sliflow read %,d lines, the bare scan %,d%n", in, sliLines, lines);
            }
        }
        if (inputs.size() > 1) {
            List<List<String>> counts = new ArrayList<>();
            for (String csv : bareCsvs) {
                List<String> rows = new ArrayList<>(Files.readAllLines(Path.of(csv)));
                Collections.sort(rows);
                counts.add(rows);
            }
            if (counts.stream().distinct().count() != 1) {
                throw new IllegalStateException("the inputs do not hold the same lines: the bare scan's counts differ between "
                        + String.join(" and ", inputs.keySet()));
            }
            out.printf("the %s inputs hold the same lines: the bare scan counted the same on each, minute by minute%n",
                    String.join(" and ", inputs.keySet()));
        }

        StartUp startUp = null;
        if (startUpRuns > 0) {
            Path first = inputs.containsKey(GZIP) ? inputs.get(GZIP) : inputs.values().iterator().next();
            startUp = startUp(first, work.resolve("start-up"), startUpRuns, out);
        }

        long lines = results.values().iterator().next().lines();
        Map<String, Map<Contender, Double>> medians = new LinkedHashMap<>();
        results.forEach((k, v) -> medians.put(k, v.medians()));
        List<String> table = summaryTable(medians, lines, rounds, startUp);
        out.printf("%n== summary: medians of %d round(s); %,d nginx lines; %d cores; Java %s; sliflow and the bare scan: wall clock of a"
                + " fresh JVM; DuckDB: its query's time%n", rounds, lines, cores, Runtime.version().feature());
        table.forEach(out::println);
        for (InputResult r : results.values()) {
            out.printf("  %s: sliflow's own timer (catalog to published, no JVM start) median %.2f s; DuckDB's JVM wall: lean %.2f s,"
                            + " full %.2f s; peak RSS (median runs): sliflow %s, bare scan %s, DuckDB lean %s, full %s MiB;"
                            + " counts: %s; lean: %s%n", r.input(),
                    medianOf(r.runs().get(Contender.SLIFLOW).stream().map(m -> Double.parseDouble(need(m, "ingest finished in ([\\d.]+) s")))
                            .toList()),
                    medianOf(r.runs().get(Contender.LEAN).stream().map(Measured::wallSeconds).toList()),
                    medianOf(r.runs().get(Contender.FULL).stream().map(Measured::wallSeconds).toList()),
                    rss(median(r.runs().get(Contender.SLIFLOW))), rss(median(r.runs().get(Contender.BARE))),
                    rss(median(r.runs().get(Contender.LEAN))), rss(median(r.runs().get(Contender.FULL))),
                    r.check().matches() ? "match" : "DIFFER", r.lean().wroteRows() ? "wrote rows" : "NO ROWS");
        }
        out.printf("  .gz inflated (by sliflow and the bare scan alike) with %s; DuckDB %s with its own%n", Gunzip.implementation(),
                duckDbVersion());
        List<String> summaryLines = new ArrayList<>();
        results.values().forEach(r -> summaryLines.add(r.summary()));
        if (startUp != null) {
            summaryLines.add(startUp.line());
        }
        String summary = String.join("\n", summaryLines);
        out.println();
        out.println(summary);
        return new SuiteResult(results, startUp, table, summary);
    }

    /** The nginx files (ending in {@code ext}) of a generated folder, sorted. */
    static List<Path> nginxFiles(Path logs, String ext) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(logs.resolve("nginx"))) {
            files = s.filter(p -> p.toString().endsWith(ext)).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no nginx/*" + ext + " files in " + logs);
        }
        return files;
    }

    /** DuckDB running {@code sql/bench/<sqlFile>} over {@code files} in a fresh JVM (DuckDbIngest). */
    static List<String> duckDbCommand(String java, String cp, String sqlFile, Path journeys, Path out, int threads, List<Path> files) {
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", cp, DuckDbIngest.class.getName(), "--sql",
                SliflowProcess.home().resolve("sql/bench/" + sqlFile).toString(), "--journeys", journeys.toString(),
                "--out", out.toString(), "--threads", Integer.toString(threads)));
        files.forEach(f -> cmd.add(f.toString()));
        return cmd;
    }

    /** A run's figure: DuckDB's query time (its JVM's start and the driver's load left out), else the wall clock. */
    static double figure(Contender c, Measured m) {
        return c == Contender.LEAN || c == Contender.FULL ? Double.parseDouble(need(m, "\\(query ([\\d.]+) s")) : m.wallSeconds();
    }

    /** One round's figures on one input ({@code i}: the round's index in the lists), with its ratios. */
    static String roundLine(int round, String input, Map<Contender, List<Measured>> runs, Map<Contender, List<Double>> seconds, int i) {
        Map<Contender, Double> s = new EnumMap<>(Contender.class);
        seconds.forEach((c, l) -> s.put(c, l.get(i)));
        Ratios r = Ratios.of(s);
        return String.format(Locale.ROOT, "  round %d, %-5s: sliflow %.2f s | bare scan %.2f s | DuckDB lean %.2f s [%.2f s] |"
                        + " DuckDB full %.2f s [%.2f s] | sliflow vs lean %.2fx, vs full %.2fx, / bare %.2f", round, input,
                s.get(Contender.SLIFLOW), s.get(Contender.BARE), s.get(Contender.LEAN), runs.get(Contender.LEAN).get(i).wallSeconds(),
                s.get(Contender.FULL), runs.get(Contender.FULL).get(i).wallSeconds(), r.vsLean(), r.vsFull(), r.ofBare());
    }

    /** Per contender, the median of its figures. */
    static Map<Contender, Double> medianSeconds(Map<Contender, List<Double>> seconds) {
        Map<Contender, Double> m = new EnumMap<>(Contender.class);
        seconds.forEach((c, l) -> m.put(c, medianOf(l)));
        return m;
    }

    /** The median (of an even count, the slower of the two middle ones, as {@link #median}). */
    static double medianOf(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /**
     * The summary table (Markdown) of the medians per input (seconds per contender), the ratios issue 30's
     * acceptance names, each with its target and whether it is met, and the start-up line (if measured).
     */
    static List<String> summaryTable(Map<String, Map<Contender, Double>> medians, long lines, int rounds, StartUp startUp) {
        List<String> t = new ArrayList<>();
        t.add("| input | sliflow | bare scan | DuckDB lean (not the same work) | DuckDB full | sliflow vs lean DuckDB"
                + " | sliflow vs full DuckDB | sliflow / bare scan | targets |");
        t.add("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        medians.forEach((in, s) -> {
            Ratios r = Ratios.of(s);
            Target target = Target.of(in);
            String vsLean = String.format(Locale.ROOT, "%.2f×", r.vsLean());
            String ofBare = String.format(Locale.ROOT, "%.2f", r.ofBare());
            String verdict = "—";
            if (target != null) {
                vsLean += String.format(Locale.ROOT, " (≥ %.1f×: %s)", target.vsLean(),
                        r.vsLean() >= target.vsLean() ? "met" : "not met");
                ofBare += String.format(Locale.ROOT, " (≥ %.2f: %s)", target.ofBare(),
                        r.ofBare() >= target.ofBare() ? "met" : "not met");
                verdict = r.met(target) ? "met" : "not met";
            }
            t.add(String.format(Locale.ROOT, "| %s | %.2f s (%s lines/s) | %.2f s | %.2f s | %.2f s | %s | %.2f× | %s | %s |",
                    in, s.get(Contender.SLIFLOW), String.format(Locale.ROOT, "%.2f M", lines / s.get(Contender.SLIFLOW) / 1e6),
                    s.get(Contender.BARE), s.get(Contender.LEAN), s.get(Contender.FULL), vsLean, r.vsFull(), ofBare, verdict));
        });
        if (startUp != null) {
            t.add(String.format(Locale.ROOT, "start-up, a 1-line ingest (wall clock, median of %d fresh JVMs): %.2f s"
                    + " (≤ %.1f s: %s)", startUp.walls().size(), startUp.median(), START_UP_TARGET_SECONDS,
                    startUp.met() ? "met" : "not met"));
        }
        return t;
    }

    /** The runs' line count ("N lines (" in their output), which must be the same in every round. */
    private static long sameLines(String what, List<Measured> runs) {
        List<Long> n = runs.stream().map(m -> Long.parseLong(need(m, "([\\d,]+) lines \\(").replace(",", ""))).distinct().toList();
        if (n.size() != 1) {
            throw new IllegalStateException(what + " read different numbers of lines in the rounds: " + n);
        }
        return n.get(0);
    }

    private static String duckDbVersion() {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT version()")) {
            rs.next();
            return rs.getString(1);
        } catch (Exception e) {
            return "(version unknown)";
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }

    /** Class-load milestones of a 1-line ingest: the first class of each (name, or prefix ending in '.') and what it marks. */
    static final List<String[]> MILESTONES = List.of(
            new String[] {"dev.sliflow.cli.Main", "sliflow's main class loaded"},
            new String[] {"dev.sliflow.flink.IngestJob", "IngestJob loaded (the command line is parsed)"},
            new String[] {"org.apache.flink.runtime.minicluster.MiniCluster", "MiniCluster loaded (the embedded cluster starts)"},
            new String[] {"org.apache.parquet.", "first Parquet class loaded"},
            new String[] {"org.apache.flink.runtime.jobmaster.JobMaster", "JobMaster loaded (the job is submitted)"},
            new String[] {"org.apache.flink.runtime.taskmanager.Task", "Task loaded (the first task is deployed)"},
            new String[] {"dev.sliflow.flink.LineagePublish", "LineagePublish loaded (the job is done: merge and publish)"});

    /**
     * The fixed start-up cost: {@code runs} 1-line ingests (the first line of the first nginx file of {@code logs},
     * its journeys.yaml), each in a fresh JVM into an empty folder; the median wall clock; then one more run with
     * class-load logging (not counted) that shows where the time goes: when the classes that mark each phase were
     * first loaded (JVM uptime).
     */
    static StartUp startUp(Path logs, Path work, int runs, PrintStream out) throws Exception {
        out.printf("%n-- sliflow's fixed start-up: %d ingest(s) of a 1-line file, each in a fresh JVM (JVM, MiniCluster, job"
                + " submission, commit)%n", runs);
        Path journeys = logs.resolve("journeys.yaml");
        List<Path> files;
        try (Stream<Path> s = Files.walk(logs.resolve("nginx"))) {
            files = s.filter(p -> p.toString().endsWith(".gz") || p.toString().endsWith(".log")).sorted().toList();
        }
        Path one = work.resolve("logs/nginx/one.log");
        Files.createDirectories(one.getParent());
        java.io.InputStream raw = Files.newInputStream(files.get(0));
        try (BufferedReader r = new BufferedReader(new InputStreamReader(files.get(0).toString().endsWith(".gz")
                ? new GZIPInputStream(raw) : raw, StandardCharsets.UTF_8))) {
            Files.writeString(one, r.readLine() + "\n");
        }
        Path result = work.resolve("out");
        List<String> args = List.of("ingest", "--logs", one.getParent().toString(), "--journeys", journeys.toString(), "--out",
                result.toString(), "--quiet");
        List<Double> walls = new ArrayList<>();
        List<Double> inProcess = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            deleteTree(result);
            Measured m = sliflow(args, out);
            walls.add(m.wallSeconds());
            inProcess.add(Double.parseDouble(need(m, "ingest finished in ([\\d.]+) s")));
        }
        double median = medianOf(walls);
        double inMedian = medianOf(inProcess);
        List<String> breakdown = new ArrayList<>();
        breakdown.add(String.format(Locale.ROOT, "  1-line ingest, wall clock of %d fresh JVMs: %s s; median %.2f s"
                        + " = the ingest's own timer (catalog to published: MiniCluster, job, commit) %.1f s + the rest (JVM"
                        + " start, class loading, command line, exit) %.2f s", runs,
                walls.stream().map(w -> String.format(Locale.ROOT, "%.2f", w)).collect(Collectors.joining(", ")),
                median, inMedian, median - inMedian));
        // one more run, not counted: when the classes that mark each phase were loaded
        deleteTree(result);
        Path classLog = work.resolve("class-load.log");
        Files.deleteIfExists(classLog);
        List<String> cmd = new ArrayList<>(SliflowProcess.command(args));
        // Java 25's AOT cache loads every class it holds at start, which leaves no step to see: that run goes without it
        boolean withoutAotCache = cmd.removeIf(o -> o.startsWith("-XX:AOTCache="));
        cmd.add(1, "-Xlog:class+load=info:file=" + classLog + ":uptime");
        SliflowProcess.Run logged = SliflowProcess.run(cmd, null);
        if (logged.exitCode() == 0 && Files.exists(classLog)) {
            breakdown.add(String.format(Locale.ROOT, "  where the time goes (one more run with class-load logging%s,"
                    + " %.2f s wall; JVM uptime when the class marking each step was first loaded):",
                    withoutAotCache ? " and without the AOT cache, which loads every class at start" : "", logged.seconds()));
            breakdown.addAll(milestones(Files.readAllLines(classLog), logged.seconds()));
        } else {
            breakdown.add("  (the run with class-load logging failed: exit status " + logged.exitCode() + ")");
        }
        breakdown.forEach(out::println);
        return new StartUp(walls, inProcess, median, breakdown);
    }

    private static final java.util.regex.Pattern CLASS_LOAD = java.util.regex.Pattern.compile("^\\[([\\d.]+)s\\]\\s+(\\S+) source:");

    /** The milestones found in a class-load log (lines "[0.123s] a.b.C source: …"), in time order, each with its step. */
    static List<String> milestones(List<String> classLoadLog, double wallSeconds) {
        Map<String, Double> first = new LinkedHashMap<>();
        double last = 0;
        for (String line : classLoadLog) {
            java.util.regex.Matcher m = CLASS_LOAD.matcher(line);
            if (!m.find()) {
                continue;
            }
            double t = Double.parseDouble(m.group(1));
            last = Math.max(last, t);
            String name = m.group(2);
            for (String[] ms : MILESTONES) {
                if (!first.containsKey(ms[0]) && (ms[0].endsWith(".") ? name.startsWith(ms[0]) : name.equals(ms[0]))) {
                    first.put(ms[0], t);
                }
            }
        }
        List<String> out = new ArrayList<>();
        double prev = 0;
        out.add(String.format(Locale.ROOT, "    %6.2f s  JVM start", 0.0));
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(first.entrySet());
        sorted.sort(Map.Entry.comparingByValue());
        for (Map.Entry<String, Double> e : sorted) {
            String what = MILESTONES.stream().filter(x -> x[0].equals(e.getKey())).findFirst().orElseThrow()[1];
            out.add(String.format(Locale.ROOT, "    %6.2f s  %s (+%.2f s)", e.getValue(), what, e.getValue() - prev));
            prev = e.getValue();
        }
        out.add(String.format(Locale.ROOT, "    %6.2f s  last class loaded (+%.2f s)", last, last - prev));
        out.add(String.format(Locale.ROOT, "    %6.2f s  exit, as the parent saw it (+%.2f s: the rest, shutdown)",
                wallSeconds, wallSeconds - last));
        return out;
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
