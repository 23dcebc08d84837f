package dev.sliflow.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.table.TableDiff;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 27, acceptance 2 (SPEC, "Incremental and idempotent"): three days of logs rotated at 06:00 into four
 * files, ingested as a daily cron does — one run per file, without --from/--to — in shuffled order with one
 * file ingested twice, give every ingest table exactly as one run over all four files, and as the
 * {@link Reference}.
 */
class CronIngestITCase {
    static final List<String> TABLES = List.of("sli_minute", "ingest_audit", "rejects", "unmatched_paths");

    @TempDir
    Path tmp;

    @Test
    void oneRunPerRotatedFileInAnyOrderWithARepeatEqualsOneRunOverAll() throws Exception {
        long seed = Long.getLong("sliflow.diff.seed", 2706);
        DiffScenario s = DiffScenario.write(new DiffScenario.Spec(seed, LocalDate.parse("2026-06-01"), 3,
                Integer.getInteger("sliflow.diff.lines", 3_000), 6, false), tmp.resolve("scenario"));
        assertThat(s.files).extracting(f -> f.getFileName().toString()).containsExactly(
                "access.log-20260601", "access.log-20260602", "access.log-20260603", "access.log-20260604");
        Reference ref = Reference.of(s.files);

        Path all = tmp.resolve("all");
        ProductRuns.run(ProductRuns.ingestArgs(s, all, 2, List.of(s.logs)));
        List<String> d = TableCheck.differences(ref, all, false);
        assertThat(d).as("one run over the four files vs the reference").isEmpty();

        Path cron = tmp.resolve("cron");
        List<Path> order = new ArrayList<>(s.files);
        Random r = new Random(seed);
        Collections.shuffle(order, r);
        order.add(r.nextInt(order.size() + 1), order.get(r.nextInt(order.size()))); // one file twice
        for (Path f : order) {
            ProductRuns.run(ProductRuns.ingestArgs(s, cron, 2, List.of(f)));
        }
        String runs = order.stream().map(f -> f.getFileName().toString()).toList().toString();
        List<String> problems = new ArrayList<>();
        for (String t : TABLES) {
            List<String> td = TableDiff.diff(all, cron, t);
            if (!td.isEmpty()) {
                problems.add(t + ": " + td.size() + " rows differ (A = one run over all, B = one run per file)");
                td.stream().limit(6).forEach(x -> problems.add("  " + x));
            }
        }
        problems.addAll(TableCheck.differences(ref, cron, false));
        if (!problems.isEmpty()) {
            throw new AssertionError("one run per file in order " + runs + " differs from one run over all (TableDiff)"
                    + " and from the reference; seed " + seed + " (re-run: mvn -q -B test -Dtest=CronIngestITCase"
                    + " -Dsliflow.diff.seed=" + seed + "):\n" + String.join("\n", problems));
        }
    }
}
