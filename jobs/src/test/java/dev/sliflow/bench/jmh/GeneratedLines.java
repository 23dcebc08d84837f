package dev.sliflow.bench.jmh;

import dev.sliflow.gen.GeneratorConfig;
import dev.sliflow.gen.LogGenerator;
import dev.sliflow.parse.LogFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Lines of the synthetic shop (one day, no garbage) for the micro-benchmarks, and its journeys.yaml. */
final class GeneratedLines {
    final String[] lines;
    final String journeysYaml;

    private GeneratedLines(String[] lines, String journeysYaml) {
        this.lines = lines;
        this.journeysYaml = journeysYaml;
    }

    static GeneratedLines of(LogFormat format, int perDay) throws IOException {
        Path tmp = Files.createTempDirectory("sliflow-jmh-");
        try {
            LogGenerator.generate(GeneratorConfig.builder().outputDir(tmp).days(1).perDay(perDay).format(format).seed(7)
                    .garbageRate(0).threads(1).build());
            List<String> lines = new ArrayList<>();
            List<Path> files;
            try (Stream<Path> s = Files.walk(tmp)) {
                files = s.filter(p -> p.toString().endsWith(".gz")).sorted().toList();
            }
            for (Path f : files) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(f)),
                        StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        lines.add(l);
                    }
                }
            }
            return new GeneratedLines(lines.toArray(new String[0]), Files.readString(tmp.resolve(LogGenerator.JOURNEYS_YAML)));
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
