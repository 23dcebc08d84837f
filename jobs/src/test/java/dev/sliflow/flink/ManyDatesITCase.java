package dev.sliflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.cli.Main;
import dev.sliflow.gen.GeneratorConfig;
import dev.sliflow.gen.LogGenerator;
import dev.sliflow.parse.LogFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backfill over many dates (a quiet service, 45 days) on a MiniCluster: the batch writers keep a few
 * files open, not one per date, and still write one file per date and writer, because the minute
 * merge's rows come date after date (with the plain minute key, Flink's sort swapped blocks of ~5.7
 * days and dates came back after more than 4 others: more files per date).
 */
class ManyDatesITCase {
    @Test
    void eachDateGetsOneFilePerWriterAndEveryRequestIsCounted(@TempDir Path tmp) throws Exception {
        Path logs = tmp.resolve("logs");
        LogGenerator.Result gen = LogGenerator.generate(GeneratorConfig.builder().outputDir(logs).days(45).perDay(400)
                .seed(11).format(LogFormat.NGINX).start(LocalDate.parse("2026-03-01")).garbageRate(0.01).build());
        Path out = tmp.resolve("out");
        assertThat(Main.execute("ingest", "--logs", logs + "/nginx", "--journeys", logs.resolve("journeys.yaml").toString(),
                "--out", out.toString(), "--parallelism", "2", "--quiet")).isEqualTo(0);

        Map<String, Integer> writers = Map.of("sli_minute", 2, "rejects", 2, "ingest_audit", 1, "unmatched_paths", 1);
        for (Map.Entry<String, Integer> t : writers.entrySet()) {
            Map<String, Integer> filesPerDate = new TreeMap<>();
            try (Stream<Path> s = Files.walk(out.resolve(t.getKey()))) {
                s.filter(p -> p.toString().endsWith(".parquet"))
                        .forEach(p -> filesPerDate.merge(p.getParent().getFileName().toString(), 1, Integer::sum));
            }
            assertThat(filesPerDate).as(t.getKey()).isNotEmpty();
            assertThat(filesPerDate.values()).as(t.getKey() + ": files per date").allMatch(n -> n <= t.getValue());
        }
        assertThat(Files.list(out.resolve("sli_minute")).count()).isEqualTo(45);
        // nothing lost: every line read is in ingest_audit, every parsed line counted once
        Map<String, Object> audit = Tables.query("SELECT sum(lines_read) AS lines, sum(parsed) AS parsed FROM "
                + Tables.scan(out, "ingest_audit")).get(0);
        assertThat(((Number) audit.get("lines")).longValue()).isEqualTo(gen.lines());
        long matched = ((Number) Tables.query("SELECT sum(matched) AS m FROM " + Tables.scan(out, "ingest_audit")).get(0)
                .get("m")).longValue();
        assertThat(((Number) Tables.query("SELECT sum(total) AS t FROM " + Tables.scan(out, "sli_minute")).get(0).get("t"))
                .longValue()).isEqualTo(matched);
    }
}
