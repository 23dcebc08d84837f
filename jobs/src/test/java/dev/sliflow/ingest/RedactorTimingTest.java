package dev.sliflow.ingest;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A rough timing of {@link Redactor} against {@link RedactorReference} on the same lines: the lines
 * the fuzz test rejects (mutated lines of every format, the generator's garbage), 5,000 per format.
 * Not part of the suite: {@code mvn -q -o test -Dtest=RedactorTimingTest -Dsliflow.redactor.timing=true}.
 */
@EnabledIfSystemProperty(named = "sliflow.redactor.timing", matches = "true")
class RedactorTimingTest {
    @Test
    void perLineCost() {
        List<String> lines = RedactorCorpus.rejected(RedactorCorpus.generatedLines(5_000), 99, 5_000);
        long chars = lines.stream().mapToLong(String::length).sum();
        System.out.printf("redactor timing: %,d rejected lines, %.0f chars on average%n", lines.size(), (double) chars / lines.size());
        for (int round = 0; round < 5; round++) {
            double ref = time(lines, RedactorReference::redact);
            double cur = time(lines, Redactor::redact);
            System.out.printf("round %d: reference %.2f µs/line, current %.2f µs/line, %.1fx%n", round, ref, cur, ref / cur);
        }
    }

    static long sink;

    static double time(List<String> lines, UnaryOperator<String> f) {
        long t0 = System.nanoTime();
        for (int rep = 0; rep < 3; rep++) {
            for (String l : lines) {
                sink += f.apply(l).length();
            }
        }
        return (System.nanoTime() - t0) / 1e3 / (3.0 * lines.size());
    }
}
