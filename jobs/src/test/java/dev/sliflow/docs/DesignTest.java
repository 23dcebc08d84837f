package dev.sliflow.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers jobs/DESIGN.md draws hold in the code: the domain packages import neither Flink nor the layers above
 * them, except the few classes the page names as Flink wiring or jobs; every package is placed in a layer.
 */
class DesignTest {
    static final Path SRC = ReadmeTest.REPO.resolve("jobs/src/main/java/dev/sliflow");
    /** The domain layer of the page (plain Java). */
    static final List<String> DOMAIN = List.of("parse", "journey", "config", "sli", "ingest", "rollup", "table", "slo",
            "backtest", "backtest.table", "gen", "report");
    /** The layers above it. */
    static final List<String> UPPER = List.of("flink", "backtest.flink", "query", "cli");
    /** Classes of domain packages that belong to the Flink wiring or the jobs (the page names each). */
    static final List<String> WIRING_IN_DOMAIN_PACKAGES = List.of("SliRollups", "ParquetTables", "ParquetFiles",
            "BufferedFsOutputStream", "ReportData");

    @Test
    void theDomainImportsNoFlinkAndNothingAbove() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (String pkg : DOMAIN) {
            for (Path f : javaFiles(pkg)) {
                String cls = f.getFileName().toString().replace(".java", "");
                if (WIRING_IN_DOMAIN_PACKAGES.contains(cls)) {
                    continue;
                }
                for (String line : Files.readAllLines(f)) {
                    boolean upper = UPPER.stream().anyMatch(u -> line.startsWith("import dev.sliflow." + u + "."));
                    if (line.startsWith("import org.apache.flink.") || line.startsWith("import static org.apache.flink.") || upper) {
                        offenders.add(pkg + "." + cls + ": " + line);
                    }
                }
            }
        }
        assertThat(offenders).as("domain classes importing Flink or a layer above (jobs/DESIGN.md)").isEmpty();
    }

    @Test
    void everyPackageIsInALayerAndThePageNamesThem() throws IOException {
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> s = Files.walk(SRC)) {
            s.filter(p -> p.toString().endsWith(".java"))
                    .forEach(p -> packages.add(SRC.relativize(p.getParent()).toString().replace('/', '.')));
        }
        Set<String> placed = new TreeSet<>(DOMAIN);
        placed.addAll(UPPER);
        assertThat(placed).as("packages placed in a layer").containsAll(packages);
        String page = Files.readString(ReadmeTest.REPO.resolve("jobs/DESIGN.md"));
        String layers = page.substring(page.indexOf("## Layers"), page.indexOf("## Where each table is made"));
        for (String pkg : DOMAIN) {
            assertThat(layers).as("the layer picture names " + pkg).containsPattern("(?m)^  domain.*\\b" + pkg.replace(".", "\\.") + "\\b");
        }
        for (String cls : WIRING_IN_DOMAIN_PACKAGES) {
            assertThat(layers).as("the page places " + cls + " above the domain").contains(cls);
        }
    }

    static List<Path> javaFiles(String pkg) throws IOException {
        Path dir = SRC.resolve(pkg.replace('.', '/'));
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            assertThat(files).as("classes in " + pkg).isNotEmpty();
            return files;
        }
    }
}
