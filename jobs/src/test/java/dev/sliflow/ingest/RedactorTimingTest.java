package dev.sliflow.ingest;

import dev.sliflow.parse.LineParser;
import dev.sliflow.parse.LogFormat;
import dev.sliflow.parse.ParseResult;
import dev.sliflow.parse.Parsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A rough timing of {@link Redactor} against {@link RedactorReference} on the same lines: the lines
 * the fuzz test rejects (mutated lines of every format, the generator's garbage), 5,000 per format;
 * then the generator's own garbage lines alone (truncated, binary, bad timestamps and statuses, TLS
 * junk: what a benchmark run rejects).
 * Not part of the suite: {@code mvn -q -o test -Dtest=RedactorTimingTest -Dsliflow.redactor.timing=true}.
 */
@EnabledIfSystemProperty(named = "sliflow.redactor.timing", matches = "true")
class RedactorTimingTest {
    @Test
    void perLineCost() {
        Map<LogFormat, List<String>> generated = RedactorCorpus.generatedLines(20_000);
        report("fuzz-rejected", RedactorCorpus.rejected(generated, 99, 5_000));
        List<String> garbage = new ArrayList<>();
        ParseResult result = new ParseResult();
        for (Map.Entry<LogFormat, List<String>> e : generated.entrySet()) {
            LineParser parser = Parsers.forFormat(e.getKey());
            for (String l : e.getValue()) {
                if (!parser.parse(l, result)) {
                    garbage.add(l);
                }
            }
        }
        report("generator-garbage", garbage);
    }

    static void report(String name, List<String> lines) {
        long chars = lines.stream().mapToLong(String::length).sum();
        System.out.printf("redactor timing, %s: %,d rejected lines, %.0f chars on average%n", name, lines.size(), (double) chars / lines.size());
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
