package dev.sliflow.cli;

import dev.sliflow.flink.EmbeddedCluster;
import dev.sliflow.flink.IngestJob;
import dev.sliflow.flink.IngestOptions;
import dev.sliflow.flink.Jobs;
import dev.sliflow.flink.LineagePublish;
import dev.sliflow.flink.OutputLock;
import dev.sliflow.flink.StreamIngestJob;
import dev.sliflow.ingest.DateRange;
import dev.sliflow.ingest.Gunzip;
import dev.sliflow.parse.DeclaredFormat;
import dev.sliflow.parse.FormatSpec;
import dev.sliflow.parse.LogFormat;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        header = "Access logs -> Parquet tables by event date (sli_minute, rejects, ...): backfill or stream.",
        description = {"Reads access logs (files, directories, globs; plain or .gz/.bz2/.xz/.zst) and writes the",
                "sli_minute, rejects, ingest_audit and unmatched_paths tables under --out, partitioned by event date",
                "(dt=). Batch (default): incremental - files may be ingested one run at a time (a daily cron over",
                "rotated files), in any order; re-ingesting a file (same path) replaces that file's lines only, and",
                "a date holds the lines of every file ingested so far. A failed run changes nothing.",
                "--mode stream: event time, checkpoints, exactly-once commits, optional live alerts.",
                ".gz is inflated by Intel's ISA-L when installed (Debian/Ubuntu: apt install libisal2; ~2x less CPU), else",
                "by the JDK's zlib; SLIFLOW_JAVA_OPTS=-Dsliflow.gzip=jdk forces the latter."})
public final class IngestCommand implements Callable<Integer> {
    @Option(names = "--logs", required = true, split = ",", paramLabel = "PATH",
            description = "Log files, directories or globs, comma separated (e.g. 'logs/**/*.log.gz').")
    List<String> logs;

    @Option(names = "--journeys", required = true, paramLabel = "FILE", description = "Journey catalog YAML.")
    String journeys;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder of the tables.")
    String out;

    @Option(names = "--format", defaultValue = "auto", paramLabel = "F",
            description = "auto|nginx|apache|alb|envoy|haproxy|traefik|w3c|json|'json:time=KEY,method=KEY,path=KEY,status=KEY,latency=KEY:ms' (default: ${DEFAULT-VALUE}, detected per file before the"
                    + " job: a file no format fits stops the run, see --skip-unknown-files), or the"
                    + " layout your server writes: 'nginx:<log_format string>' ($var, $${var}) or 'apache:<LogFormat"
                    + " string>' (%%h, %%{...}i, ...). Latency of a declared layout: nginx $request_time, else"
                    + " $upstream_response_time (the sum of its tries); Apache %%D, else %%{us}T, %%{ms}T, %%T; else none.")
    String format;

    @Option(names = "--latency-field", paramLabel = "VAR",
            description = "With a declared --format: the variable that is the latency, e.g. '$upstream_response_time'"
                    + " or '%%{ms}T' (default: see --format).")
    String latencyField;

    @Option(names = "--from", paramLabel = "DATE", description = "First event date to keep (YYYY-MM-DD, UTC); the"
            + " files' lines on other dates, and what they contributed there before, stay as they were.")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last event date to keep (YYYY-MM-DD, UTC, inclusive).")
    String to;

    @Option(names = "--mode", defaultValue = "batch", paramLabel = "MODE",
            description = "batch (default: a backfill; re-ingesting a file replaces that file's lines only, other files'"
                    + " lines on the same dates are kept) or stream (event time, checkpoints, exactly once).")
    String mode;

    @Option(names = "--watch", paramLabel = "INTERVAL",
            description = "stream: keep watching the --logs folders for new files every INTERVAL (e.g. 10s); without it the"
                    + " stream ends after the files present.")
    String watch;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "stream: checkpoint folder (default: DIR/.checkpoints).")
    String checkpointDir;

    @Option(names = "--checkpoint-interval", defaultValue = "10s", paramLabel = "DURATION",
            description = "stream: checkpoint (and Parquet commit) interval (default: ${DEFAULT-VALUE}).")
    String checkpointInterval;

    @Option(names = "--out-of-orderness", defaultValue = "2m", paramLabel = "DURATION",
            description = "stream: how far behind the newest timestamp a line may be (default: ${DEFAULT-VALUE}).")
    String outOfOrderness;

    @Option(names = "--allowed-lateness", defaultValue = "0s", paramLabel = "DURATION",
            description = "stream: extra wait before a minute is final; later lines go to late_events (default: ${DEFAULT-VALUE}).")
    String allowedLateness;

    @Option(names = "--restore", paramLabel = "latest|PATH",
            description = "stream: resume from the newest retained checkpoint (latest) or a checkpoint/savepoint path.")
    String restore;

    @Option(names = "--slos", split = ",", paramLabel = "FILE",
            description = "stream: evaluate these SLO candidates' burn-rate alerts live (alerts table and log).")
    List<java.nio.file.Path> slos;

    @Option(names = "--parallelism", paramLabel = "N", description = "Flink parallelism (default: number of cores).")
    Integer parallelism;

    @Option(names = "--max-line-length", defaultValue = "65536", paramLabel = "CHARS",
            description = "Longer lines are rejected as line_too_long (default: ${DEFAULT-VALUE}).")
    int maxLineLength;

    @Option(names = "--max-rejects-per-file", defaultValue = "10000", paramLabel = "N",
            description = "Rejected lines kept as rows of rejects per file; beyond that they are only counted"
                    + " (ingest_audit.rejects_not_kept) (default: ${DEFAULT-VALUE}).")
    int maxRejectsPerFile;

    @Option(names = "--quiet", description = "No progress lines.")
    boolean quiet;

    @Option(names = "--skip-unknown-files",
            description = "With --format auto, leave out input files in no recognised log format (listed in the summary)"
                    + " instead of stopping before the job with exit code 2.")
    boolean skipUnknownFiles;

    @Override
    public Integer call() throws Exception {
        IngestOptions o = options();
        PrintStream log = System.err;
        DeclaredFormat declared = o.parserOptions.declared();
        if (declared != null) { // which field is the latency, said before any line is read
            log.printf("sliflow ingest: declared %s format, latency %s%n",
                    declared.server().name().toLowerCase(Locale.ROOT),
                    declared.latencyField() == null ? "none (no time span declared)" : "from " + declared.latencyField());
        }
        if ("batch".equals(mode)) {
            // a batch run: its embedded cluster starts while the output folder is locked and checked and the
            // job is prepared (closed unused by Main if the command fails before its job, e.g. on a stream-only option)
            EmbeddedCluster.prestart(Jobs.batchConf(o.parallelism));
        }
        OutputLock.acquire(out, "stream".equals(mode) ? "ingest --mode stream" : "ingest", log); // released by Main
        if ("stream".equals(mode)) {
            StreamIngestJob.Options so = new StreamIngestJob.Options();
            so.ingest = o;
            so.watch = watch == null ? null : Durations.parse("--watch", watch);
            so.checkpointDir = checkpointDir;
            so.checkpointInterval = Durations.parse("--checkpoint-interval", checkpointInterval);
            so.outOfOrderness = Durations.parse("--out-of-orderness", outOfOrderness);
            so.allowedLateness = Durations.parse("--allowed-lateness", allowedLateness);
            so.restore = restore;
            so.slos = slos;
            log.printf("sliflow ingest --mode stream: %s -> %s (out-of-orderness %s, allowed lateness %s, %s)%n",
                    String.join(",", logs), out, outOfOrderness, allowedLateness,
                    watch == null ? "until the files present are read" : "watching every " + watch);
            StreamIngestJob.Result r = StreamIngestJob.run(so, log);
            Map<String, Long> c = r.counters;
            System.out.printf("stream ingest finished in %.1f s: %,d lines (%,.0f lines/s), %s%n", r.millis / 1000.0,
                    c.get("read"), c.get("read") * 1000.0 / Math.max(1, r.millis), Memory.describe());
            System.out.printf("  parsed %,d = matched %,d + excluded %,d + unmatched %,d + late %,d (late_events)%n",
                    c.get("parsed"), c.get("matched"), c.get("excluded"), c.get("unmatched"), c.get("late"));
            System.out.printf("  rejected %,d (see the rejects table)%n", c.get("rejected"));
            printInflater(System.out);
            return 0;
        }
        if (!"batch".equals(mode)) {
            throw new IllegalArgumentException("--mode " + mode + ": expected batch or stream");
        }
        for (String[] streamOnly : new String[][] {{"--watch", watch}, {"--restore", restore},
                {"--checkpoint-dir", checkpointDir}}) {
            if (streamOnly[1] != null) {
                throw new IllegalArgumentException(streamOnly[0] + " needs --mode stream");
            }
        }
        if (slos != null) {
            throw new IllegalArgumentException("--slos needs --mode stream (for a batch backfill run `sliflow backtest`)");
        }
        log.printf("sliflow ingest: %s -> %s (format %s, dates %s, parallelism %d)%n",
                String.join(",", logs), out, format, o.range, o.parallelism);
        IngestJob.Result r = IngestJob.run(o, log);
        printSummary(r, System.out);
        return 0;
    }

    IngestOptions options() {
        Gunzip.choice(); // a bad -Dsliflow.gzip fails before the job starts
        IngestOptions o = new IngestOptions();
        o.logs = logs;
        o.journeys = journeys;
        o.out = out;
        if (latencyField != null && !DeclaredFormat.isDeclaration(format)) {
            throw new IllegalArgumentException("--latency-field needs a declared --format ('nginx:...' or 'apache:...')");
        }
        FormatSpec spec;
        try {
            spec = FormatSpec.parse(format, latencyField);
        } catch (IllegalArgumentException e) { // a name's error says the names; a declaration's is named as the option's
            throw new IllegalArgumentException((DeclaredFormat.isDeclaration(format) || format.startsWith("json:") ? "--format: "
                    : "") + e.getMessage(), e);
        }
        o.format = spec.format();
        o.parserOptions = spec.options();
        o.range = new DateRange(date("--from", from), date("--to", to));
        o.parallelism = parallelism(parallelism, o.parallelism);
        if (maxLineLength < 256) {
            throw new IllegalArgumentException("--max-line-length must be at least 256, got " + maxLineLength);
        }
        o.maxLineLength = maxLineLength;
        if (maxRejectsPerFile < 0) {
            throw new IllegalArgumentException("--max-rejects-per-file must be >= 0, got " + maxRejectsPerFile);
        }
        o.maxRejectsPerFile = maxRejectsPerFile;
        o.progress = !quiet;
        o.skipUnknownFiles = skipUnknownFiles;
        return o;
    }

    /** The --parallelism option checked, or {@code dflt} when not given. */
    static int parallelism(Integer p, int dflt) {
        if (p == null) {
            return dflt;
        }
        if (p < 1 || p > 1024) {
            throw new IllegalArgumentException("--parallelism must be between 1 and 1024, got " + p);
        }
        return p;
    }

    static LocalDate date(String opt, String s) {
        if (s == null) {
            return null;
        }
        LocalDate d;
        try {
            d = LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(opt + " '" + s + "' is not a date (YYYY-MM-DD)");
        }
        if (d.getYear() < 1990 || d.getYear() > 2199) {
            throw new IllegalArgumentException(opt + " " + s + ": dates are limited to the years 1990..2199 (UTC), as are"
                    + " log timestamps (a line outside them is rejected as bad_timestamp)");
        }
        return d;
    }

    static void printSummary(IngestJob.Result r, PrintStream p) {
        Map<String, Long> c = r.counters;
        long read = c.get("read");
        p.printf("ingest finished in %.1f s: %d input path(s), %,d lines (%,.0f lines/s), %s%n",
                r.millis / 1000.0, r.inputs, read, read * 1000.0 / Math.max(1, r.millis), Memory.describe());
        p.printf("  parsed %,d = matched %,d + excluded %,d + unmatched %,d%n",
                c.get("parsed"), c.get("matched"), c.get("excluded"), c.get("unmatched"));
        p.printf("  rejected %,d (see the rejects table)%n", c.get("rejected"));
        if (c.getOrDefault("non_access", 0L) > 0) {
            p.printf("  no request %,d (W3C directives such as #Fields:; ingest_audit.non_access)%n", c.get("non_access"));
        }
        if (c.getOrDefault("undated_rejects", 0L) > 0) {
            p.printf("  rejected %,d more in files with no readable date at all: filed under each file's modification date,"
                    + " outside --from/--to, so not written (ingest those files without --from/--to to keep them)%n",
                    c.get("undated_rejects"));
        }
        if (c.get("out_of_range") > 0) {
            p.printf("  outside --from/--to %,d (not written)%n", c.get("out_of_range"));
        }
        p.printf("  %d partition(s) published for %d date(s)%s (merge and publish %.1f s)%n", r.partitionsWritten,
                r.dates.size(), r.dates.isEmpty() ? "" : " " + first(r.dates) + ".." + last(r.dates), r.publishMillis / 1000.0);
        if (!r.skipped.isEmpty()) {
            p.printf("  skipped %d input file(s) in no recognised log format (--skip-unknown-files):%n", r.skipped.size());
            r.skipped.forEach(s -> p.println("    " + s));
        }
        printLineage(r.lineage, p);
        printInflater(p);
    }

    /** The summary's lines on earlier runs' files: what was replaced, what was kept and merged. */
    static void printLineage(LineagePublish.Summary l, PrintStream p) {
        if (l == null) {
            return;
        }
        if (!l.reingested.isEmpty()) {
            p.printf("  re-ingested %d file(s) ingested before: their earlier lines replaced (%s)%n", l.reingested.size(),
                    abbreviate(l.reingested));
        }
        if (!l.mergedDates.isEmpty()) {
            p.printf("  %d date(s) also hold lines of %d file(s) ingested by earlier runs, kept and merged (%s)%n",
                    l.mergedDates.size(), l.keptSources.size(), abbreviate(l.mergedDates));
        }
    }

    private static String abbreviate(java.util.Set<String> s) {
        return s.size() <= 3 ? String.join(", ", s) : first(s) + " .. " + last(s);
    }

    /** The summary's line on what inflated .gz input in this JVM (none for plain files or a cluster run). */
    private static void printInflater(PrintStream p) {
        String used = Gunzip.implementationUsed();
        if (used != null) {
            p.printf("  .gz inflated with %s%n", used);
        }
    }

    private static String first(java.util.Set<String> s) {
        return s.iterator().next();
    }

    private static String last(java.util.Set<String> s) {
        String l = null;
        for (String x : s) {
            l = x;
        }
        return l;
    }
}
