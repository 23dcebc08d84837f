package dev.sliflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.cli.SliflowProcess;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The suite's median of rounds, and the bare scan's JVM. */
class BenchmarksTest {
    static Benchmarks.Measured run(String name, double seconds) {
        return new Benchmarks.Measured(name, seconds, 1, "");
    }

    @Test
    void theMedianRunIsTheMiddleWallClockAndTheSlowerMiddleOneOfAnEvenCount() {
        assertThat(Benchmarks.median(List.of(run("a", 11.2))).name()).isEqualTo("a");
        assertThat(Benchmarks.median(List.of(run("a", 11.2), run("b", 9.4), run("c", 10.1))).name()).isEqualTo("c");
        assertThat(Benchmarks.median(List.of(run("a", 9.4), run("b", 10.1))).name()).isEqualTo("b");
        assertThat(Benchmarks.median(List.of(run("a", 12.0), run("b", 9.0), run("c", 9.5), run("d", 10.0))).name())
                .isEqualTo("d");
    }

    @Test
    void theBareScanRunsWithTheIngestsJvmOptionsBeforeItsMainClass() {
        // the repository's jobs/jvm.options, as the suite reads it (tests run in the repository root)
        List<String> ingest = SliflowProcess.jvmOptions("ingest");
        assertThat(ingest).contains("-XX:FreqInlineSize=50", "-Xmx1g");
        List<String> cmd = Benchmarks.bareScanCommand("java", ingest, "cp.jar", Path.of("j.yaml"), Path.of("o.csv"), 2,
                List.of(Path.of("a.log.gz"), Path.of("b.log.gz")));
        int main = cmd.indexOf(BareScan.class.getName());
        assertThat(cmd.subList(1, 1 + ingest.size())).isEqualTo(ingest);
        assertThat(main).isEqualTo(1 + ingest.size() + 2);
        assertThat(cmd.subList(main + 1, cmd.size()))
                .containsExactly("--journeys", "j.yaml", "--out", "o.csv", "--threads", "2", "a.log.gz", "b.log.gz");
    }
}
