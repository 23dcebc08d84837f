package dev.sliflow.bench.jmh;

import dev.sliflow.ingest.Redactor;
import dev.sliflow.ingest.RedactorCorpus;
import dev.sliflow.ingest.RedactorReference;
import dev.sliflow.parse.LineParser;
import dev.sliflow.parse.LogFormat;
import dev.sliflow.parse.ParseResult;
import dev.sliflow.parse.Parsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * ns per rejected line of {@link Redactor#redact} against {@link RedactorReference} (the regex-only
 * implementation it replaced, kept as the test oracle), cycling over rejected lines: {@code fuzz} =
 * the lines the fuzz test rejects (mutated lines of all six formats), {@code garbage} = the
 * generator's garbage lines the parsers reject (what a benchmark ingest rejects).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RedactorBench {
    @Param({"fuzz", "garbage"})
    public String lines;
    private String[] input;
    private int next;

    @Setup
    public void setup() {
        Map<LogFormat, List<String>> generated = RedactorCorpus.generatedLines(20_000);
        List<String> chosen;
        if (lines.equals("fuzz")) {
            chosen = RedactorCorpus.rejected(generated, 99, 5_000);
        } else {
            chosen = new ArrayList<>();
            ParseResult r = new ParseResult();
            for (Map.Entry<LogFormat, List<String>> e : generated.entrySet()) {
                LineParser parser = Parsers.forFormat(e.getKey());
                for (String l : e.getValue()) {
                    if (!parser.parse(l, r)) {
                        chosen.add(l);
                    }
                }
            }
        }
        input = chosen.toArray(new String[0]);
    }

    @Benchmark
    public String current() {
        return Redactor.redact(take());
    }

    @Benchmark
    public String reference() {
        return RedactorReference.redact(take());
    }

    private String take() {
        int i = next;
        next = i + 1 == input.length ? 0 : i + 1;
        return input[i];
    }
}
