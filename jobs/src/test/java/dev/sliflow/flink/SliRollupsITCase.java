package dev.sliflow.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.sliflow.cli.Main;
import dev.sliflow.gen.GeneratorConfig;
import dev.sliflow.gen.LogGenerator;
import dev.sliflow.ingest.SliMinuteRow;
import dev.sliflow.parse.LogFormat;
import dev.sliflow.query.SqlRunner;
import dev.sliflow.report.ReportData;
import dev.sliflow.rollup.SliRollups;
import dev.sliflow.sli.LatencySketch;
import dev.sliflow.sli.SliAccumulator;
import dev.sliflow.table.ParquetTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.flink.types.Row;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sli_hour} and {@code sli_day} as written to disk: by the rollup step from {@code sli_minute}
 * files, and by a whole ingest; read back with DuckDB (an independent reader) and checked against the
 * minutes they come from — counts summed, percentiles those of the minutes' sketches merged. And what
 * the report and the hourly query show of a short latency spike.
 */
class SliRollupsITCase {
    static final long T0 = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
    static final int[] TH = {100, 250, 500};
    /** DuckDB: the UTC hour of sli_minute's minute, and of sli_hour's hour, as text; the day of a minute. */
    static final String HOUR_OF_MINUTE = "strftime(date_trunc('hour', \"minute\" AT TIME ZONE 'UTC'), '%Y-%m-%d %H:%M:%S')";
    static final String HOUR_TEXT = "strftime(\"hour\" AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S')";
    static final String DAY_OF_MINUTE = "CAST(CAST(\"minute\" AT TIME ZONE 'UTC' AS DATE) AS VARCHAR)";

    @TempDir
    Path tmp;

    /** A minute row as ingest writes it, fed {@code latencies} (status 503 for every 10th request). */
    static SliMinuteRow minute(String journey, String region, long minute, double[] latencies) {
        SliAccumulator a = new SliAccumulator(TH);
        for (int i = 0; i < latencies.length; i++) {
            int status = i % 10 == 9 ? 503 : 200;
            a.add(status, status >= 500, Double.isNaN(latencies[i]) ? -1 : Math.round(latencies[i] * 1000));
        }
        SliMinuteRow r = new SliMinuteRow();
        r.journey = journey;
        r.region = region;
        r.minute = minute;
        r.total = a.total();
        r.good = a.good();
        r.serverErrors = a.serverErrors();
        r.withLatency = a.withLatency();
        r.thresholdsMs = TH;
        r.goodLatency = a.goodLatency();
        double[] q = a.quantilesMs(0.5, 0.9, 0.95, 0.99, 0.999);
        r.p50 = q[0];
        r.p90 = q[1];
        r.p95 = q[2];
        r.p99 = q[3];
        r.p999 = q[4];
        r.sketch = a.sketchBytes();
        r.dt = LocalDate.ofEpochDay(Math.floorDiv(minute, 86_400_000L)).toString();
        return r;
    }

    static void writeMinutes(Path file, List<SliMinuteRow> rows) throws Exception {
        Files.createDirectories(file.getParent());
        try (ParquetWriter<SliMinuteRow> w = ParquetTables.writer(SliMinuteRow.SCHEMA, new LocalOutputFile(file))) {
            for (SliMinuteRow r : rows) {
                w.write(r);
            }
        }
    }

    /**
     * 10:00–11:00 of 2026-03-01, checkout: 200 requests a minute around 50 ms, except 3 minutes at
     * 1.5–2 s (5% of the hour's requests).
     */
    static List<SliMinuteRow> spikeHour() {
        List<SliMinuteRow> rows = new ArrayList<>();
        for (int m = 0; m < 60; m++) {
            double[] lat = new double[200];
            for (int i = 0; i < lat.length; i++) {
                lat[i] = m >= 30 && m < 33 ? 1500 + 2.5 * i : 40 + (i % 21);
            }
            rows.add(minute("checkout", "", T0 + 10 * 3_600_000L + m * 60_000L, lat));
        }
        return rows;
    }

    /** Random minutes of two journeys and two regions over {@code days} days, from 22:00 of the day before the first. */
    static List<SliMinuteRow> randomMinutes(long seed, int minutes) {
        SplittableRandom r = new SplittableRandom(seed);
        List<SliMinuteRow> rows = new ArrayList<>();
        for (String j : List.of("login", "search")) {
            for (String region : List.of("eu", "us")) {
                for (int m = 0; m < minutes; m++) {
                    if (r.nextInt(10) == 0) {
                        continue; // a quiet minute: no row
                    }
                    double[] lat = new double[1 + r.nextInt(50)];
                    for (int i = 0; i < lat.length; i++) {
                        lat[i] = r.nextInt(30) == 0 ? Double.NaN : Math.exp(4 + r.nextGaussian());
                    }
                    rows.add(minute(j, region, T0 + 22 * 3_600_000L + m * 60_000L, lat));
                }
            }
        }
        return rows;
    }

    static double[] mergedQuantiles(List<String> hexSketches, double... qs) {
        DDSketch s = LatencySketch.create();
        for (String h : hexSketches) {
            if (!h.isEmpty()) {
                s.mergeWith(LatencySketch.fromBytes(HexFormat.of().parseHex(h)));
            }
        }
        return LatencySketch.quantiles(s, qs);
    }

    /**
     * Every rollup row equals the minutes of its bucket read back with DuckDB: counts summed per
     * journey, region and hour/day, and p50..p99.9 those of the minutes' sketches merged.
     */
    static void assertRollupsAgreeWithMinutes(Path out, String table, String bucketSql) throws Exception {
        String minutes = Tables.scan(out, "sli_minute");
        List<Map<String, Object>> expected = Tables.query("SELECT journey, region, " + bucketSql + " AS b, dt,"
                + " SUM(total) AS total, SUM(good) AS good, SUM(server_errors) AS server_errors,"
                + " SUM(with_latency) AS with_latency, SUM(map_extract(good_latency, 100)[1]) AS g100,"
                + " SUM(map_extract(good_latency, 500)[1]) AS g500,"
                + " list(hex(latency_sketch)) AS sketches FROM " + minutes + " GROUP BY ALL ORDER BY journey, region, b");
        String time = table.equals("sli_hour") ? HOUR_TEXT : "CAST(\"day\" AS VARCHAR)";
        List<Map<String, Object>> actual = Tables.query("SELECT journey, region, " + time + " AS b, dt,"
                + " total, good, server_errors, with_latency, map_extract(good_latency, 100)[1] AS g100,"
                + " map_extract(good_latency, 500)[1] AS g500,"
                + " p50_ms, p90_ms, p95_ms, p99_ms, p999_ms, hex(latency_sketch) AS sketch"
                + " FROM " + Tables.scan(out, table) + " ORDER BY journey, region, b");
        assertThat(actual).hasSameSizeAs(expected).isNotEmpty();
        for (int i = 0; i < actual.size(); i++) {
            Map<String, Object> a = actual.get(i);
            Map<String, Object> e = expected.get(i);
            for (String c : List.of("journey", "region", "b", "dt", "total", "good", "server_errors", "with_latency",
                    "g100", "g500")) {
                assertThat(String.valueOf(a.get(c))).as(table + " row " + i + " " + c).isEqualTo(String.valueOf(e.get(c)));
            }
            @SuppressWarnings("unchecked")
            List<String> sketches = (List<String>) (List<?>) toList(e.get("sketches"));
            double[] q = mergedQuantiles(sketches, 0.5, 0.9, 0.95, 0.99, 0.999);
            if (q == null) {
                assertThat(a.get("p99_ms")).isNull();
                continue;
            }
            assertThat(new double[] {(Double) a.get("p50_ms"), (Double) a.get("p90_ms"), (Double) a.get("p95_ms"),
                    (Double) a.get("p99_ms"), (Double) a.get("p999_ms")}).as(table + " row " + i).containsExactly(q);
            assertThat(mergedQuantiles(List.of((String) a.get("sketch")), 0.5, 0.99)).containsExactly(q[0], q[3]);
        }
    }

    static List<Object> toList(Object duckList) throws Exception {
        if (duckList instanceof java.sql.Array arr) {
            return List.of((Object[]) arr.getArray());
        }
        throw new IllegalStateException("not a list: " + duckList);
    }

    @Test
    void theRollupStepWritesHoursAndDaysThatAgreeWithTheMinutes() throws Exception {
        Path out = tmp.resolve("out");
        List<SliMinuteRow> rows = randomMinutes(1, 4 * 60); // 22:00 of 03-01 .. 02:00 of 03-02
        rows.addAll(spikeHour());
        // each date's rows split over two files, as two writers leave them
        for (String dt : List.of("2026-03-01", "2026-03-02")) {
            List<SliMinuteRow> of = rows.stream().filter(r -> r.dt.equals(dt)).toList();
            writeMinutes(out.resolve("sli_minute/dt=" + dt + "/part-0-0-0.parquet"), of.subList(0, of.size() / 3));
            writeMinutes(out.resolve("sli_minute/dt=" + dt + "/part-1-0-0.parquet"), of.subList(of.size() / 3, of.size()));
        }
        Files.writeString(out.resolve("sli_minute/dt=2026-03-01/.part-2-0-0.parquet.inprogress"), "not parquet");

        SliRollups.Written w = SliRollups.write(new org.apache.flink.core.fs.Path(out.resolve("sli_minute").toUri()),
                new org.apache.flink.core.fs.Path(out.toUri()), Set.of("2026-03-01", "2026-03-02", "2026-03-03"));

        assertThat(w.dates()).isEqualTo(2);
        assertThat(w.minuteRows()).isEqualTo(rows.size());
        assertThat(w.hourRows()).isEqualTo(2 * 2 * 4 + 1);
        assertThat(w.dayRows()).isEqualTo(2 * 2 * 2 + 1);
        assertThat(out.resolve("sli_hour/dt=2026-03-03")).doesNotExist();
        assertThat(Tables.describe(out, "sli_hour")).containsEntry("hour", "TIMESTAMP WITH TIME ZONE")
                .containsEntry("good_latency", "MAP(INTEGER, BIGINT)").containsEntry("latency_sketch", "BLOB")
                .containsEntry("p99_ms", "DOUBLE");
        assertThat(Tables.describe(out, "sli_day")).containsEntry("day", "DATE").containsEntry("total", "BIGINT");
        assertRollupsAgreeWithMinutes(out, "sli_hour", HOUR_OF_MINUTE);
        assertRollupsAgreeWithMinutes(out, "sli_day", DAY_OF_MINUTE);
    }

    @Test
    void aMinuteOfAnotherDateInAPartitionStopsTheStep() throws Exception {
        Path out = tmp.resolve("out");
        List<SliMinuteRow> rows = new ArrayList<>(spikeHour());
        rows.add(minute("checkout", "", T0 + 86_400_000L + 60_000L, new double[] {5})); // 03-02 in dt=2026-03-01
        writeMinutes(out.resolve("sli_minute/dt=2026-03-01/part-0-0-0.parquet"), rows);
        assertThatThrownBy(() -> SliRollups.write(new org.apache.flink.core.fs.Path(out.resolve("sli_minute").toUri()),
                new org.apache.flink.core.fs.Path(out.toUri()), Set.of("2026-03-01")))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("2026-03-02T00:01:00Z")
                .hasMessageContaining("dt=2026-03-01");
    }

    /**
     * The report's hourly p99 and sql/queries/p99_trend_hourly.sql show a 3-minute spike as the hour's
     * p99 (the p99 of all its requests, ~2 s); the request-weighted mean of the minute p99s, which
     * the report drew before, says ~150 ms.
     */
    @Test
    void theReportAndTheHourlyQueryShowAShortSpike() throws Exception {
        Path out = tmp.resolve("out");
        List<SliMinuteRow> rows = spikeHour();
        writeMinutes(out.resolve("sli_minute/dt=2026-03-01/part-0-0-0.parquet"), rows);
        SliRollups.write(new org.apache.flink.core.fs.Path(out.resolve("sli_minute").toUri()),
                new org.apache.flink.core.fs.Path(out.toUri()), Set.of("2026-03-01"));
        double exact = exactSpikeP99();
        try (SqlRunner sql = new SqlRunner(out.toString())) {
            double oldMean = ((Number) sql.run("SELECT SUM(p99_ms * with_latency) / SUM(with_latency) FROM sli_minute")
                    .rows.get(0).getField(0)).doubleValue();
            assertThat(oldMean).isLessThan(200);

            List<ReportData.Latency> latency = ReportData.latency(sql);
            assertThat(latency).hasSize(1);
            assertThat(latency.get(0).hour()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
            assertThat(latency.get(0).p99Ms()).isCloseTo(exact, Percentage.withPercentage(1)).isGreaterThan(5 * oldMean);

            List<Row> trend = sql.run(Files.readString(repo().resolve("sql/queries/p99_trend_hourly.sql"))).rows;
            assertThat(trend).hasSize(1);
            assertThat(trend.get(0).getField("hour_utc")).isEqualTo("2026-03-01 10:00");
            assertThat((Double) trend.get(0).getField("p99_ms")).isEqualTo(latency.get(0).p99Ms());
            assertThat(((Number) trend.get(0).getField("requests")).longValue()).isEqualTo(12_000);
        }
    }

    /** The exact p99 (lower rank, as DDSketch ranks) of {@link #spikeHour}'s 12,000 latencies. */
    static double exactSpikeP99() {
        List<Double> all = new ArrayList<>();
        for (int m = 0; m < 60; m++) {
            for (int i = 0; i < 200; i++) {
                all.add(m >= 30 && m < 33 ? 1500 + 2.5 * i : 40.0 + (i % 21));
            }
        }
        all.sort(null);
        return all.get((int) Math.floor(0.99 * (all.size() - 1)));
    }

    static Path repo() {
        return Path.of(System.getProperty("sliflow.repo", "."));
    }

    /** A whole ingest (two regions) publishes sli_hour and sli_day for every date of sli_minute, in agreement with it. */
    @Test
    void ingestPublishesRollupsOfEveryDate() throws Exception {
        Path logs = tmp.resolve("gen"); // not "logs": the region pattern below takes the folder after the first logs/
        LogGenerator.generate(GeneratorConfig.builder().outputDir(logs).days(2).perDay(4_000).seed(8).regions(2)
                .format(LogFormat.NGINX).start(LocalDate.parse("2026-03-01")).build());
        Path journeys = logs.resolve("journeys.yaml");
        Files.writeString(journeys, Files.readString(journeys) + "\nregion: {from: file, pattern: \"logs/{region}/**\"}\n");
        Path out = tmp.resolve("ingest-out");
        assertThat(Main.execute("ingest", "--logs", logs.resolve("logs").toString(), "--journeys", journeys.toString(),
                "--out", out.toString(), "--quiet")).isZero();
        assertThat(out.resolve(".staging")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
                p -> assertThat(p).isEmptyDirectory());
        Map<String, Object> dates = new TreeMap<>();
        for (String t : List.of("sli_minute", "sli_hour", "sli_day")) {
            dates.put(t, Tables.query("SELECT list(DISTINCT dt ORDER BY dt) AS d FROM " + Tables.scan(out, t)).get(0).get("d")
                    .toString());
        }
        assertThat(dates.get("sli_hour")).isEqualTo(dates.get("sli_minute"));
        assertThat(dates.get("sli_day")).isEqualTo(dates.get("sli_minute"));
        assertThat(Tables.query("SELECT count(DISTINCT region) AS n FROM " + Tables.scan(out, "sli_day")).get(0).get("n"))
                .isEqualTo(2L);
        assertRollupsAgreeWithMinutes(out, "sli_hour", HOUR_OF_MINUTE);
        assertRollupsAgreeWithMinutes(out, "sli_day", DAY_OF_MINUTE);
    }
}
