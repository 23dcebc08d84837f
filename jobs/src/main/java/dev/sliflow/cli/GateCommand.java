package dev.sliflow.cli;

import dev.sliflow.query.SqlRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.types.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "gate", mixinStandardHelpOptions = true,
        header = "A release gate: exit 0 when the error-budget policy allows a deploy, 3 when it does not.",
        description = {"A release gate for CI/CD: reads the error-budget policy state of the latest evaluated day of an",
                "SLO (slo_daily) and exits 0 when it allows a deploy (healthy, alert), 3 when it says pause or freeze,",
                "printing the state and the budget left on one line. Default SLO: the journey's recommended",
                "availability SLO (slo_recommendation)."})
public final class GateCommand implements Callable<Integer> {
    /** Exit status when the policy blocks a deploy (distinct from 1 = failure and 2 = usage error). */
    public static final int BLOCKED = 3;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder with the backtest tables.")
    String out;

    @Option(names = "--journey", required = true, paramLabel = "J", description = "The journey to gate on.")
    String journey;

    @Option(names = "--slo", paramLabel = "ID", description = "An slo_id (default: the journey's recommended availability SLO).")
    String slo;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(Path.of(out, "slo_daily"))) {
            throw new IllegalArgumentException("--out " + out + " has no slo_daily table: run `sliflow backtest` first");
        }
        try (SqlRunner sql = new SqlRunner(out)) {
            String id = slo != null ? slo : recommended(sql);
            List<Row> rows = sql.run("SELECT `day`, policy_state, budget_remaining, attainment, target FROM slo_daily"
                    + " WHERE slo_id = '" + quote(id) + "' AND journey = '" + quote(journey) + "'"
                    + " ORDER BY `day` DESC LIMIT 1").rows;
            if (rows.isEmpty()) {
                throw new IllegalArgumentException("no evaluated day for SLO '" + id + "' of journey '" + journey
                        + "' in " + out + "/slo_daily");
            }
            Row r = rows.get(0);
            String state = (String) r.getField(1);
            double budget = (Double) r.getField(2);
            boolean allowed = Gate.allows(state);
            String line = String.format(java.util.Locale.ROOT,
                    "gate %s: %s on %s: policy %s, budget remaining %.1f%%, attainment %.4f%% (target %s%%)",
                    allowed ? "OPEN" : "CLOSED", id, r.getField(0), state, budget * 100, (Double) r.getField(3) * 100,
                    dev.sliflow.slo.Candidate.percent((Double) r.getField(4)));
            if (allowed) {
                System.out.println(line);
                return 0;
            }
            System.err.println(line + " - deploys are " + (state.equals("freeze") ? "frozen" : "paused")
                    + " by the error-budget policy");
            return BLOCKED;
        }
    }

    private String recommended(SqlRunner sql) {
        List<Row> rows = sql.run("SELECT slo_id FROM slo_recommendation WHERE journey = '" + quote(journey)
                + "' AND sli = 'availability'").rows;
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("journey '" + journey + "' has no recommended availability SLO in " + out
                    + "/slo_recommendation; name one with --slo");
        }
        return (String) rows.get(0).getField(0);
    }

    private static String quote(String s) {
        return s.replace("'", "''");
    }

    /** The error-budget policy's verdict on a deploy. */
    static final class Gate {
        private Gate() {}

        /** healthy and alert allow deploys; pause and freeze block them. */
        static boolean allows(String policyState) {
            switch (policyState) {
                case "healthy":
                case "alert":
                    return true;
                case "pause":
                case "freeze":
                    return false;
                default:
                    throw new IllegalArgumentException("unknown policy state '" + policyState + "'");
            }
        }
    }
}
