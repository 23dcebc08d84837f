package dev.sliflow.backtest.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.backtest.Backtester;
import dev.sliflow.backtest.JourneyMinutes;
import dev.sliflow.backtest.Recommendation;
import dev.sliflow.slo.AlertTier;
import dev.sliflow.slo.Budgeting;
import dev.sliflow.slo.Candidate;
import dev.sliflow.slo.Policy;
import dev.sliflow.slo.Recommend;
import dev.sliflow.slo.SliKind;
import dev.sliflow.slo.SloConfig;
import dev.sliflow.slo.SloWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 27 item 8: a target whose 28-day window never fits in 3 days of history has no evidence, so no
 * OpenSLO file is written for it; one with evaluated days is.
 */
class OpenSloEvidenceTest {
    @TempDir
    Path tmp;

    static JourneyMinutes threeDays() {
        JourneyMinutes.Builder b = JourneyMinutes.builder("checkout", LocalDate.parse("2026-03-01"),
                LocalDate.parse("2026-03-03"));
        long[] hundred = new long[1440];
        Arrays.fill(hundred, 100);
        for (int d = 0; d < 3; d++) {
            b.addMinutes(LocalDate.parse("2026-03-01").plusDays(d).toEpochDay() * 86_400_000L, hundred, hundred, hundred,
                    new int[0], new long[0][]);
        }
        return b.build();
    }

    List<Path> openSloFiles(SloWindow window) throws Exception {
        Candidate c = new Candidate("checkout", SliKind.AVAILABILITY, 0, 0.99, window, Budgeting.OCCURRENCES, 0.99);
        SloConfig config = new SloConfig(List.of(c), AlertTier.sreWorkbook(), Policy.defaults(), List.of(),
                Recommend.defaults(), List.of(), "test");
        List<Recommendation> recs = Backtester.run(threeDays(), List.of(c), config).recommendations();
        BacktestJob.Result r = new BacktestJob.Result();
        r.from = LocalDate.parse("2026-03-01");
        r.to = LocalDate.parse("2026-03-03");
        recs.forEach(x -> r.recommendations.add(BacktestFunction.recommendation(c, x)));
        Path dir = tmp.resolve(window.id());
        BacktestJob.writeOpenSlo(dir, config, r, "shop");
        return r.openSloFiles;
    }

    @Test
    void noOpenSloFileWithoutEvidence() throws Exception {
        assertThat(openSloFiles(SloWindow.rolling(28))).isEmpty();
        assertThat(Files.exists(tmp.resolve("28d"))).isFalse();
        assertThat(openSloFiles(SloWindow.rolling(1))).hasSize(1);
    }
}
