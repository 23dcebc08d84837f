package dev.sliflow.cli;

import dev.sliflow.gen.GeneratorConfig;
import dev.sliflow.gen.LogGenerator;
import dev.sliflow.parse.LogFormat;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"End-to-end ingest benchmark: generates N lines (once; reused while the options match),",
                "then runs `ingest` in a fresh JVM and prints lines/s (wall clock, JVM start included) and",
                "the ingest process's peak resident memory."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--lines", defaultValue = "10000000", paramLabel = "N", description = "Lines to ingest (default: ${DEFAULT-VALUE}).")
    long lines;

    @Option(names = "--format", defaultValue = "nginx", paramLabel = "F", description = "Log format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--dir", defaultValue = ".sliflow-bench", paramLabel = "DIR", description = "Work folder (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--parallelism", paramLabel = "N", description = "Flink parallelism (default: number of cores).")
    Integer parallelism;

    @Option(names = "--days", defaultValue = "10", paramLabel = "N", description = "Days the lines are spread over (default: ${DEFAULT-VALUE}).")
    int days;

    @Override
    public Integer call() throws Exception {
        LogFormat f = LogFormat.parse(format);
        Path logs = dir.resolve("logs-" + f.cliName() + "-" + lines + "-" + days);
        Path marker = logs.resolve("ground-truth.json");
        if (!Files.exists(marker)) {
            System.out.printf("generating %,d %s lines over %d days in %s ...%n", lines, f.cliName(), days, logs);
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
                    .perDay(perDay).format(f).seed(1).start(start).build());
            System.out.printf("  %,d lines, %,d MB uncompressed, in %.1f s%n", g.lines(), g.uncompressedBytes() >> 20,
                    (System.nanoTime() - t0) / 1e9);
        } else {
            System.out.println("reusing generated logs in " + logs);
        }
        Path out = dir.resolve("out");
        String jar = new File(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-cp", jar.endsWith(".jar") ? jar : System.getProperty("java.class.path"),
                Main.class.getName(), "ingest", "--logs", logs.resolve(f.cliName()).toString(), "--journeys",
                logs.resolve("journeys.yaml").toString(), "--out", out.toString(), "--quiet"));
        if (parallelism != null) {
            cmd.add("--parallelism");
            cmd.add(parallelism.toString());
        }
        System.out.println("ingesting in a fresh JVM: ingest --logs " + logs.resolve(f.cliName()) + " --out " + out);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                System.out.println("  | " + line);
                output.append(line).append('\n');
            }
        }
        int rc = p.waitFor();
        double secs = (System.nanoTime() - t0) / 1e9;
        if (rc != 0) {
            throw new IllegalStateException("the ingest run failed with exit status " + rc);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([\\d,]+) lines \\(").matcher(output);
        long read = m.find() ? Long.parseLong(m.group(1).replace(",", "")) : lines;
        java.util.regex.Matcher rss = java.util.regex.Pattern.compile("peak RSS ([\\d,]+) MiB").matcher(output);
        System.out.printf("BENCH ingest format=%s lines=%d wall=%.1fs throughput=%,.0f lines/s peak_rss=%s MiB cores=%d%n",
                f.cliName(), read, secs, read / secs, rss.find() ? rss.group(1).replace(",", "") : "n/a",
                Runtime.getRuntime().availableProcessors());
        return 0;
    }
}
