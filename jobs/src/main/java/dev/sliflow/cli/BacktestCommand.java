package dev.sliflow.cli;

import dev.sliflow.backtest.flink.BacktestJob;
import dev.sliflow.backtest.table.RecommendationRow;
import dev.sliflow.flink.EmbeddedCluster;
import dev.sliflow.flink.Jobs;
import dev.sliflow.flink.OutputLock;
import dev.sliflow.slo.Candidate;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "backtest", mixinStandardHelpOptions = true,
        header = "Backtests candidate SLO targets against sli_minute and recommends a target per journey.",
        description = {"Backtests candidate SLO targets against DIR/sli_minute: attainment, error budget, policy state and",
                "burn-rate alerts per day; summary, SLA months and a recommended target per journey and SLI, also written",
                "as OpenSLO files under DIR/openslo/. Tables: slo_daily, alerts (by dt), slo_summary, slo_recommendation,",
                "sla_months, alert_quality (every candidate x alert policy against the SLO file's incidents). A run over all of sli_minute replaces every date and the summary tables.",
                "With --from/--to, only the days of the range are written (slo_daily and alerts partitions): their windows",
                "and alerts are warmed up from the history before --from, so each day gets the rows of a run over all",
                "history. A run over part of sli_minute's dates leaves slo_summary, slo_recommendation, sla_months, alert_quality and",
                "openslo/ unchanged (they describe the whole history; a run without --from/--to recomputes them) and",
                "says so. Latency SLIs whose threshold some dates' rows lack (ingested before it was in the catalog)",
                "are refused (exit 2) naming those dates: re-ingest them, or backtest later days."})
public final class BacktestCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder holding sli_minute.")
    String out;

    @Option(names = "--slos", required = true, split = ",", paramLabel = "FILE",
            description = "SLO candidates YAML and/or OpenSLO files, comma separated.")
    List<Path> slos;

    @Option(names = "--from", paramLabel = "DATE", description = "First day to backtest; earlier history only warms up the windows (default: first dt of sli_minute).")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last day to backtest (default: last dt of sli_minute).")
    String to;

    @Option(names = "--parallelism", paramLabel = "N", description = "Flink parallelism (default: number of cores).")
    Integer parallelism;

    @Option(names = "--service", defaultValue = "sliflow", paramLabel = "NAME",
            description = "spec.service of the exported OpenSLO files (default: ${DEFAULT-VALUE}).")
    String service;

    @Option(names = "--quiet", description = "No progress lines.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        BacktestJob.Options o = new BacktestJob.Options();
        o.out = out;
        o.slos = slos;
        o.from = IngestCommand.date("--from", from);
        o.to = IngestCommand.date("--to", to);
        o.parallelism = IngestCommand.parallelism(parallelism, o.parallelism);
        o.service = service;
        o.progress = !quiet;
        OutputLock.acquire(out, "backtest", System.err); // released by Main
        System.err.printf("sliflow backtest: %s over %s/sli_minute%n", slos, out);
        EmbeddedCluster.prestart(Jobs.batchConf(o.parallelism)); // starts while the SLO files are read
        BacktestJob.Result r = BacktestJob.run(o, System.err);
        printSummary(r, System.out);
        return 0;
    }

    static void printSummary(BacktestJob.Result r, PrintStream p) {
        p.printf("backtest finished in %.1f s: %s..%s, %,d candidate SLOs, %s%n", r.millis / 1000.0, r.from, r.to,
                r.candidates, Memory.describe());
        if (!r.historyFrom.equals(r.from)) {
            p.printf("  windows and alerts warmed up from %s (history before %s, not written)%n", r.historyFrom, r.from);
        }
        if (!r.journeysWithoutData.isEmpty()) {
            p.println("  no sli_minute data for: " + String.join(", ", r.journeysWithoutData));
        }
        if (!r.wholeHistory) {
            p.printf("  ranged run: only slo_daily and alerts of %s..%s were replaced; slo_summary, slo_recommendation,"
                    + " sla_months, alert_quality and openslo/ are unchanged (whole-history tables: run without --from/--to to"
                    + " recompute them)%n", r.from, r.to);
            return;
        }
        p.println();
        p.println("Recommended targets (slo_recommendation):");
        p.printf("  %-14s %-22s %-8s %-10s %-10s %s%n", "journey", "sli", "target", "freeze/q", "pages/mo", "evidence");
        for (RecommendationRow x : r.recommendations) {
            String sli = x.sli + (x.thresholdMs > 0 ? " <= " + x.thresholdMs + " ms" : "");
            p.printf("  %-14s %-22s %-8s %-10d %-10d %s%s%n", x.journey, sli, Candidate.percent(x.target) + "%",
                    x.maxFreezeDaysPerQuarter, x.maxPagesPerMonth, x.qualifies ? "" : "[none qualifies] ", x.evidence);
            if (x.qualifies && x.pagesDetail != null && !x.pagesDetail.isEmpty()) {
                p.printf("  %-14s %-22s %-8s %-10s %-10s pages (%s): %s%n", "", "", "", "", "", x.policy, x.pagesDetail);
            }
        }
        if (!r.openSloFiles.isEmpty()) {
            p.printf("%nOpenSLO files of the recommended targets: %d under %s%n", r.openSloFiles.size(),
                    r.openSloFiles.get(0).getParent());
        }
    }
}
