package dev.sliflow.bench.jmh;

import dev.sliflow.ingest.AuditRow;
import dev.sliflow.ingest.DateRange;
import dev.sliflow.ingest.IngestCore;
import dev.sliflow.ingest.RejectRow;
import dev.sliflow.ingest.SliPartial;
import dev.sliflow.ingest.UnmatchedRow;
import dev.sliflow.journey.CatalogLoader;
import dev.sliflow.journey.JourneyCatalog;
import dev.sliflow.parse.LogFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * ns per line of the whole per-line path of ingest without Flink: {@link IngestCore#line} on nginx lines
 * (parse, validate, audit, journey match, pre-aggregate into the minute accumulator with its sketch).
 * {@link #line} starts from a ready string; {@link #bytesDecoded} and {@link #bytes} from the line's
 * UTF-8 bytes as the file source hands them on: decoded to a string per line (what ingest did before
 * the byte fast path), and through {@link IngestCore#line(String, long, long, byte[], int, int)}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IngestCoreBench {
    private String[] lines;
    private byte[][] utf8;
    private IngestCore core;
    private int next;
    private long lineNo;

    @Setup
    public void setup(Blackhole bh) throws Exception {
        GeneratedLines g = GeneratedLines.of(LogFormat.NGINX, 20_000);
        lines = g.lines;
        utf8 = new byte[lines.length][];
        for (int i = 0; i < lines.length; i++) {
            utf8[i] = lines[i].getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        Path yaml = Files.createTempFile("journeys", ".yaml");
        Files.writeString(yaml, g.journeysYaml);
        JourneyCatalog catalog = CatalogLoader.load(yaml);
        Files.delete(yaml);
        core = new IngestCore(catalog, LogFormat.NGINX, DateRange.all(), 64 * 1024, new IngestCore.Emitter() {
            @Override
            public void partial(SliPartial partial) {
                bh.consume(partial);
            }

            @Override
            public void reject(RejectRow reject) {
                bh.consume(reject);
            }

            @Override
            public void audit(AuditRow audit) {
                bh.consume(audit);
            }

            @Override
            public void unmatched(UnmatchedRow row) {
                bh.consume(row);
            }
        });
    }

    @Benchmark
    public void line() {
        String l = lines[next];
        next = next + 1 == lines.length ? 0 : next + 1;
        core.line("access.log", 0L, ++lineNo, l);
    }

    @Benchmark
    public void bytesDecoded() {
        byte[] b = utf8[next];
        next = next + 1 == utf8.length ? 0 : next + 1;
        core.line("access.log", 0L, ++lineNo, new String(b, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Benchmark
    public void bytes() {
        byte[] b = utf8[next];
        next = next + 1 == utf8.length ? 0 : next + 1;
        core.line("access.log", 0L, ++lineNo, b, 0, b.length);
    }
}
