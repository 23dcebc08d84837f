package dev.sliflow.cli;

import dev.sliflow.flink.OutputLock;
import dev.sliflow.query.SqlRunner;
import dev.sliflow.report.ReportData;
import dev.sliflow.report.ReportScreenshot;
import dev.sliflow.report.ReportWriter;
import dev.sliflow.table.OutputDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sliflow report}: the backtest's tables as one self-contained HTML page with charts. */
@Command(name = "report", mixinStandardHelpOptions = true,
        header = "Writes one self-contained HTML page: the recommended targets and their evidence.",
        description = {"Writes DIR/report/index.html: one self-contained HTML page (inline CSS and SVG, no network) with",
                "the recommended targets and their evidence, and per journey the cost of each candidate target, daily",
                "attainment vs the targets, error-budget burn-down, hourly latency p50/p99 and alert firings.",
                "Reads slo_recommendation, slo_daily, alerts and sli_hour (run ingest and backtest first)."})
public final class ReportCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder of ingest and backtest.")
    Path out;

    @Option(names = "--screenshot", paramLabel = "PNG", description = {"Also render the page in headless Chromium"
            + " (Debian's chromium; SLIFLOW_CHROMIUM overrides the path) and write its top, "
            + ReportScreenshot.WIDTH + " x " + ReportScreenshot.HEIGHT + " px, as a PNG stamped with the report's layout"
            + " version (./sliflow screenshot renews the README's jobs/report.png with it)."})
    Path screenshot;

    @Override
    public Integer call() throws Exception {
        if (screenshot != null) {
            ReportScreenshot.chromium(); // fails before any work when there is no Chromium
        }
        if (Files.isDirectory(out)) { // else write() says what is missing, creating nothing
            OutputLock.acquire(out.toString(), "report", System.err); // released by Main
        }
        Path page = write(out);
        if (screenshot != null) {
            ReportScreenshot.render(page, screenshot);
            System.out.printf("screenshot written: %s (%d x %d px, %s)%n", screenshot.toAbsolutePath(), ReportScreenshot.WIDTH,
                    ReportScreenshot.HEIGHT, ReportWriter.layoutStamp());
        }
        return 0;
    }

    /** Writes {@code out/report/index.html}; returns its path. */
    static Path write(Path out) throws Exception {
        for (String table : new String[] {"sli_hour", "slo_daily", "slo_recommendation"}) {
            if (!Files.isDirectory(out.resolve(table))) {
                throw new IllegalArgumentException("no " + table + " table under " + out
                        + " (run `sliflow ingest` and `sliflow backtest --out " + out + "` first)");
            }
        }
        long start = System.nanoTime();
        ReportData data;
        try (SqlRunner runner = new SqlRunner(out.toString())) {
            data = ReportData.load(runner);
        }
        Path file = out.resolve("report").resolve("index.html");
        OutputDir.checkNoLinks(out);
        Files.createDirectories(file.getParent());
        OutputDir.writeAtomically(file, ReportWriter.write(data));
        System.out.printf("report written in %.1f s: %s (%,d bytes; %d recommendations, %d journeys)%n",
                (System.nanoTime() - start) / 1e9, file.toAbsolutePath(), Files.size(file), data.recommendations().size(),
                data.recommendations().stream().map(r -> r.slo().journey()).distinct().count());
        return file;
    }
}
