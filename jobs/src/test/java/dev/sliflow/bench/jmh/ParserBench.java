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

/** ns per line of each format's parser, over 20,000 generated lines cycled (one line per operation). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ParserBench {
    @Param({"nginx", "apache", "alb", "envoy", "haproxy", "json"})
    public String format;

    private String[] lines;
    private LineParser parser;
    private final ParseResult result = new ParseResult();
    private int next;

    @Setup
    public void setup() throws Exception {
        LogFormat f = LogFormat.parse(format);
        lines = GeneratedLines.of(f, 20_000).lines;
        parser = Parsers.forFormat(f);
        for (String l : lines) {
            if (!parser.parse(l, result)) {
                throw new IllegalStateException(format + " parser rejects a generated line: " + l);
            }
        }
    }

    @Benchmark
    public ParseResult parse() {
        String l = lines[next];
        next = next + 1 == lines.length ? 0 : next + 1;
        parser.parse(l, result);
        return result;
    }
}
