package dev.sliflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The suite's median of rounds: the run with the middle wall clock, the slower middle one of an even count. */
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
}
