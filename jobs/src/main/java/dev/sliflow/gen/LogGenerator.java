package dev.sliflow.gen;

import dev.sliflow.parse.LogFormat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Deterministic synthetic access-log generator: writes one log file per UTC day (and region), the
 * {@code ground-truth.json} describing what was injected, and sample {@code journeys.yaml} /
 * {@code slos.yaml} matching the generated routes. Same config and seed, byte-identical output.
 */
public final class LogGenerator {
    public static final String GROUND_TRUTH = "ground-truth.json";
    public static final String JOURNEYS_YAML = "journeys.yaml";
    public static final String SLOS_YAML = "slos.yaml";
    private static final int CLIENTS = 20_000;

    private LogGenerator() {}

    /** Summary of one run. */
    public record Result(List<Path> files, long lines, long garbageLines, long uncompressedBytes,
                         Path groundTruth, Scenario scenario) {}

    /** The relative path of the log file of {@code day} (and {@code region}, or null). */
    public static String relativePath(GeneratorConfig cfg, LocalDate day, String region) {
        String name = cfg.format().cliName() + "/access-" + day + (cfg.gzip() ? ".log.gz" : ".log");
        return region == null ? name : "logs/" + region + "/" + name;
    }

    public static Result generate(GeneratorConfig cfg) throws IOException {
        Path out = cfg.outputDir();
        Files.createDirectories(out);
        Scenario scenario = Scenario.plan(cfg);
        ClientPool clients = new ClientPool(cfg.seed(), CLIENTS);
        SplittableRandom offsets = new SplittableRandom(cfg.seed() ^ 0x0FF5E7L);
        List<FileGenerator> gens = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        int regionCount = cfg.regions();
        for (int d = 0; d < cfg.days(); d++) {
            LocalDate day = cfg.start().plusDays(d);
            for (int reg = regionCount == 0 ? -1 : 0; reg < Math.max(regionCount, 0); reg++) {
                String rel = relativePath(cfg, day, reg < 0 ? null : Regions.NAMES[reg]);
                int offset = 0;
                double u = offsets.nextDouble();
                if (cfg.format() == LogFormat.NGINX && u < cfg.nonUtcFraction()) {
                    offset = offsets.nextBoolean() ? 2 * 3600 : -5 * 3600;
                }
                long fileSeed = mix(cfg.seed(), d, reg);
                Path p = out.resolve(rel);
                paths.add(p);
                gens.add(new FileGenerator(cfg, scenario, day, reg, offset, p, rel, fileSeed, clients));
                if (reg == -1) break;
            }
        }
        List<FileStats> stats = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(cfg.threads(), gens.size()));
        try {
            List<Future<FileStats>> futures = new ArrayList<>();
            for (FileGenerator g : gens) futures.add(pool.submit(g::run));
            for (Future<FileStats> f : futures) stats.add(f.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Path gt = out.resolve(GROUND_TRUTH);
        Files.writeString(gt, GroundTruthWriter.write(cfg, scenario, stats), StandardCharsets.UTF_8);
        if (cfg.writeConfigs()) writeSampleConfigs(out, cfg);
        long lines = 0, garbage = 0, bytes = 0;
        for (FileStats s : stats) {
            lines += s.lines;
            garbage += s.garbage;
            bytes += s.bytes;
        }
        return new Result(List.copyOf(paths), lines, garbage, bytes, gt, scenario);
    }

    private static long mix(long seed, int day, int region) {
        long z = seed * 0x9E3779B97F4A7C15L + (day + 1) * 0xBF58476D1CE4E5B9L + (region + 2) * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Writes journeys.yaml and slos.yaml for the default configuration (start 2026-03-01). */
    public static void writeSampleConfigs(Path dir) throws IOException {
        writeSampleConfigs(dir, GeneratorConfig.builder().outputDir(dir).build());
    }

    /** Writes journeys.yaml and slos.yaml matching the routes and the maintenance window of {@code cfg}. */
    public static void writeSampleConfigs(Path dir, GeneratorConfig cfg) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(JOURNEYS_YAML), journeysYaml(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(SLOS_YAML), slosYaml(Scenario.plan(cfg), cfg.days()), StandardCharsets.UTF_8);
    }

    /** The journey catalog (SPEC.md format) covering every generated route. */
    public static String journeysYaml() {
        StringBuilder y = new StringBuilder();
        y.append("# Journey catalog for the sliflow synthetic web shop (dev.sliflow.gen.LogGenerator).\n");
        y.append("# First match wins; the query string is never part of a match.\n");
        y.append("defaults:\n");
        y.append("  bad_status: [\"5xx\"]\n");
        y.append("  latency_thresholds_ms: ").append(list(Catalog.DEFAULT_THRESHOLDS_MS)).append('\n');
        y.append("journeys:\n");
        for (Catalog.Journey j : Catalog.JOURNEYS) {
            y.append("  - name: ").append(j.name()).append('\n');
            y.append("    match: {method: ").append(j.method()).append(", path: \"").append(j.template()).append("\"}\n");
            if (j.thresholdsMs() != null) {
                y.append("    latency_thresholds_ms: ").append(list(j.thresholdsMs())).append('\n');
            }
        }
        y.append("exclude:                 # counted as excluded, not as unmatched\n");
        for (String e : Catalog.EXCLUDED) y.append("  - {path: \"").append(e).append("\"}\n");
        return y.toString();
    }

    /**
     * SLO candidates (SPEC.md format) for every journey, declaring the injected maintenance window. The
     * first window is the one targets are recommended for: 28 days when the range holds two such windows
     * (a quarter: what teams adopt), else 1 day (the 3-day sample has no whole 28-day window).
     */
    public static String slosYaml(Scenario scenario, int days) {
        StringBuilder y = new StringBuilder();
        y.append("# SLO candidates for the sliflow synthetic web shop (dev.sliflow.gen.LogGenerator).\n");
        y.append("# Latency thresholds are among each journey's latency_thresholds_ms in journeys.yaml.\n");
        y.append("candidates:\n");
        for (Catalog.Journey j : Catalog.JOURNEYS) {
            y.append("  - journey: ").append(j.name()).append('\n');
            boolean critical = j.name().equals("checkout") || j.name().equals("login");
            y.append("    availability: ").append(critical ? "[0.99, 0.995, 0.999, 0.9995]" : "[0.99, 0.995, 0.999]")
                    .append('\n');
            int[] th = Catalog.thresholdsOf(j);
            int t1, t2;
            if (th == Catalog.DEFAULT_THRESHOLDS_MS) {
                t1 = j.medianMs() <= 50 ? 100 : 250;
                t2 = 500;
            } else {
                t1 = th[0];
                t2 = th[1];
            }
            y.append("    latency:\n");
            y.append("      - {threshold_ms: ").append(t1).append(", targets: [0.90, 0.95, 0.99]}\n");
            y.append("      - {threshold_ms: ").append(t2).append(", targets: [0.99, 0.995]}\n");
            if (j.name().equals("search")) { // "p95 over 30-minute slices within the threshold", as SREs write it
                y.append("    percentile: [{percentile: 95, threshold_ms: ").append(t2)
                        .append(", slice: 30m, targets: [0.95, 0.99]}]\n");
            }
        }
        y.append(days >= 56 ? "windows: [28d, calendar-month, 7d, 1d]   # the first is the one targets are recommended for\n"
                : "windows: [1d, 7d, 28d, calendar-month]\n");
        y.append("budgeting: [occurrences, timeslices]   # timeslices: 1-minute slices\n");
        y.append("alerting: sre-workbook                 # 14.4x 1h/5m and 6x 6h/30m page; 1x 3d/6h ticket\n");
        y.append("policy: {alert_below: 0.50, pause_below: 0.25, freeze_below: 0.0}\n");
        Scenario.Incident m = scenario.maintenance();
        y.append("maintenance:                           # announced: checkout returns 503 during it\n");
        y.append("  - {start: ").append(Instant.ofEpochSecond(m.startMicros() / 1_000_000L)).append(", end: ")
                .append(Instant.ofEpochSecond(m.endMicros() / 1_000_000L)).append("}\n");
        y.append("recommend: {max_freeze_days_per_quarter: 7, max_pages_per_month: 2}\n");
        y.append("incidents:                             # the injected ones, as a postmortem would list them\n");
        for (Scenario.Incident i : scenario.incidents()) {
            y.append("  - {journey: ").append(i.journeyName()).append(", start: ")
                    .append(Instant.ofEpochSecond(i.startMicros() / 1_000_000L)).append(", end: ")
                    .append(Instant.ofEpochSecond(i.endMicros() / 1_000_000L)).append(", sli: ")
                    .append(i.kind() == Scenario.Kind.LATENCY_REGRESSION ? "latency" : "availability").append("}   # ")
                    .append(i.id()).append(' ').append(i.kind().id()).append('\n');
        }
        return y.toString();
    }

    private static String list(int[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            if (i > 0) b.append(", ");
            b.append(v[i]);
        }
        return b.append(']').toString();
    }
}
