package dev.sliflow.bench.jmh;

import dev.sliflow.parse.LineParser;
import dev.sliflow.parse.LogFormat;
import dev.sliflow.parse.ParseResult;
import dev.sliflow.parse.Parsers;
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
 * ns per line of the nginx and Apache parsers against their pre-optimisation implementation
 * ({@code dev.sliflow.parse.reference}, the oracle of {@code CombinedLogEquivalenceTest}), over the
 * same 20,000 generated lines as {@link ParserBench}, in file order and cycled.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CombinedLogParserBench {
    @Param({"nginx", "apache"})
    public String format;

    private String[] lines;
    private LineParser current;
    private LineParser reference;
    private final ParseResult result = new ParseResult();
    private int next;

    @Setup
    public void setup() throws Exception {
        LogFormat f = LogFormat.parse(format);
        lines = GeneratedLines.of(f, 20_000).lines;
        current = Parsers.forFormat(f);
        reference = f == LogFormat.NGINX ? new dev.sliflow.parse.reference.NginxParser()
                : new dev.sliflow.parse.reference.ApacheParser();
    }

    @Benchmark
    public ParseResult current() {
        current.parse(take(), result);
        return result;
    }

    @Benchmark
    public ParseResult reference() {
        reference.parse(take(), result);
        return result;
    }

    private String take() {
        int i = next;
        next = i + 1 == lines.length ? 0 : i + 1;
        return lines[i];
    }
}
