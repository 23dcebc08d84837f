package dev.sliflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.cli.Main;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile request hosts (issue 27, item 6; acceptance 4): ALB logs with 1,500 distinct hosts, ingested
 * with {@code region: {from: host}} at the default parallelism, and once without regions. The run with
 * regions succeeds (it used to die of a StackOverflowError), its totals equal the run without regions,
 * at most 100 regions (the default cap) plus "(other)" are written, and {@code ingest_audit} counts
 * the lines folded into "(other)".
 */
class RegionOverflowITCase {
    static final int HOSTS = 1_500;
    static final int FILES = 3;
    static final int LINES_PER_HOST = 2;
    @TempDir
    static Path tmp;
    static Path regions;
    static Path plain;

    static final String ALB = "https 2026-03-01T%02d:%02d:%02d.000000Z app/my-lb/490d 192.168.1.13:44740 10.0.0.1:80"
            + " 0.001 0.%03d 0.000 %d 200 167 2 \"GET https://%s:443/products/%d HTTP/1.1\" \"scanner\" - - arn"
            + " \"Root=1\" \"-\" \"-\" 0 2026-03-01T00:00:00.000000Z \"forward\"";

    @BeforeAll
    static void ingestTwice() throws Exception {
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        SplittableRandom rnd = new SplittableRandom(27);
        for (int f = 0; f < FILES; f++) {
            // every file holds every host, in the same order: whichever reader reads it keeps the first 100
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < HOSTS * LINES_PER_HOST; i++) {
                int host = i / LINES_PER_HOST;
                int second = f * 3_000 + i;
                lines.add(String.format(Locale.ROOT, ALB, second / 3600, second / 60 % 60, second % 60, rnd.nextInt(1000),
                        rnd.nextInt(10) == 0 ? 503 : 200, "h" + host + ".scan.example", i));
            }
            Files.write(logs.resolve("alb-" + f + ".log"), lines, StandardCharsets.UTF_8);
        }
        String journeys = String.join("\n",
                "defaults: {latency_thresholds_ms: [100, 500]}",
                "journeys: [{name: product, match: {path: \"/products/{id}\"}}]", "");
        Path withRegion = Files.writeString(tmp.resolve("regions.yaml"), journeys + "region: {from: host}\n");
        Path without = Files.writeString(tmp.resolve("plain.yaml"), journeys);
        regions = tmp.resolve("out-regions");
        plain = tmp.resolve("out-plain");
        // the default parallelism (no --parallelism): one reader per core
        assertThat(Main.execute("ingest", "--logs", logs.toString(), "--journeys", withRegion.toString(),
                "--out", regions.toString(), "--quiet")).isEqualTo(0);
        assertThat(Main.execute("ingest", "--logs", logs.toString(), "--journeys", without.toString(),
                "--out", plain.toString(), "--quiet")).isEqualTo(0);
    }

    static Map<String, Object> totals(Path out) throws Exception {
        return Tables.query("SELECT SUM(total) AS total, SUM(good) AS good, SUM(server_errors) AS se,"
                + " SUM(with_latency) AS wl, SUM(map_values(good_latency)[1]) AS g100,"
                + " SUM(map_values(good_latency)[2]) AS g500 FROM " + Tables.scan(out, "sli_minute")).get(0);
    }

    @Test
    void totalsEqualTheRunWithoutRegionsAndTheAuditCountsTheOverflow() throws Exception {
        Map<String, Object> withRegions = totals(regions);
        assertThat(((Number) withRegions.get("total")).longValue()).isEqualTo((long) FILES * HOSTS * LINES_PER_HOST);
        assertThat(withRegions).isEqualTo(totals(plain));

        List<Map<String, Object>> names = Tables.query("SELECT region, SUM(total) AS n FROM " + Tables.scan(regions, "sli_minute")
                + " GROUP BY region");
        // each reader keeps the first 100 hosts it sees: h0..h99 of whichever file it reads first
        List<String> kept = new ArrayList<>();
        for (int h = 0; h < 100; h++) {
            kept.add("h" + h + ".scan.example");
        }
        kept.add("(other)");
        assertThat(names).extracting(r -> (String) r.get("region")).containsExactlyInAnyOrderElementsOf(kept);
        long other = names.stream().filter(r -> "(other)".equals(r.get("region")))
                .mapToLong(r -> ((Number) r.get("n")).longValue()).sum();
        long overflowLines = (long) FILES * (HOSTS - 100) * LINES_PER_HOST;
        assertThat(other).isEqualTo(overflowLines);

        Map<String, Object> audit = Tables.query("SELECT SUM(region_overflow) AS o, SUM(matched) AS m, SUM(lines_read) AS r"
                + " FROM " + Tables.scan(regions, "ingest_audit")).get(0);
        assertThat(((Number) audit.get("o")).longValue()).isEqualTo(overflowLines);
        assertThat(((Number) audit.get("m")).longValue()).isEqualTo((long) FILES * HOSTS * LINES_PER_HOST);
        Map<String, Object> plainAudit = Tables.query("SELECT SUM(region_overflow) AS o, SUM(matched) AS m FROM "
                + Tables.scan(plain, "ingest_audit")).get(0);
        assertThat(((Number) plainAudit.get("o")).longValue()).isZero();
        assertThat(plainAudit.get("m")).isEqualTo(audit.get("m"));
    }
}
