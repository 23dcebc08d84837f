package dev.sliflow.bench.jmh;

import dev.sliflow.journey.CatalogLoader;
import dev.sliflow.journey.Journey;
import dev.sliflow.journey.JourneyCatalog;
import dev.sliflow.parse.LineParser;
import dev.sliflow.parse.LogFormat;
import dev.sliflow.parse.ParseResult;
import dev.sliflow.parse.Parsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * ns per request of the journey match on the synthetic shop's catalog (its journeys.yaml) and the
 * (method, host, path) of 20,000 generated nginx lines, cycled: {@link JourneyCatalog#match} (the
 * index) and {@code scan}, the linear scan of the rules with {@link Journey#matches} it replaced.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JourneyMatchBench {
    private String[] methods;
    private String[] hosts;
    private String[] paths;
    private JourneyCatalog catalog;
    private int next;

    @Setup
    public void setup() throws Exception {
        GeneratedLines g = GeneratedLines.of(LogFormat.NGINX, 20_000);
        Path yaml = Files.createTempFile("journeys", ".yaml");
        Files.writeString(yaml, g.journeysYaml);
        catalog = CatalogLoader.load(yaml);
        Files.delete(yaml);
        LineParser parser = Parsers.forFormat(LogFormat.NGINX);
        ParseResult r = new ParseResult();
        int n = g.lines.length;
        methods = new String[n];
        hosts = new String[n];
        paths = new String[n];
        for (int i = 0; i < n; i++) {
            if (!parser.parse(g.lines[i], r)) {
                throw new IllegalStateException("the nginx parser rejects a generated line: " + g.lines[i]);
            }
            methods[i] = r.method;
            hosts[i] = r.host;
            paths[i] = r.path;
        }
        for (int i = 0; i < n; i++) {
            if (catalog.match(methods[i], hosts[i], paths[i]) != scan(catalog, methods[i], hosts[i], paths[i])) {
                throw new IllegalStateException("index and scan disagree on " + methods[i] + " " + paths[i]);
            }
        }
    }

    @Benchmark
    public int index() {
        int i = next;
        next = i + 1 == paths.length ? 0 : i + 1;
        return catalog.match(methods[i], hosts[i], paths[i]);
    }

    /** The floor: the same requests' fields read (the path's last char), no match. */
    @Benchmark
    public int read() {
        int i = next;
        next = i + 1 == paths.length ? 0 : i + 1;
        String p = paths[i];
        return p.charAt(p.length() - 1) + methods[i].length() + (hosts[i] == null ? 0 : 1);
    }

    @Benchmark
    public int scan() {
        int i = next;
        next = i + 1 == paths.length ? 0 : i + 1;
        return scan(catalog, methods[i], hosts[i], paths[i]);
    }

    /** The former {@link JourneyCatalog#match}: the exclude rules, then the journey rules, in order. */
    static int scan(JourneyCatalog c, String method, String host, String path) {
        List<Journey> excludes = c.excludes();
        for (int i = 0, n = excludes.size(); i < n; i++) {
            if (excludes.get(i).matches(method, host, path)) {
                return JourneyCatalog.EXCLUDED;
            }
        }
        List<Journey> journeys = c.journeys();
        for (int i = 0, n = journeys.size(); i < n; i++) {
            if (journeys.get(i).matches(method, host, path)) {
                return i;
            }
        }
        return JourneyCatalog.UNMATCHED;
    }
}
