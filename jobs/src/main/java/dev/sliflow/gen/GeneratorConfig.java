package dev.sliflow.gen;

import dev.sliflow.parse.LogFormat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Configuration of the synthetic access-log generator. A plain immutable record with a builder;
 * the same config and seed always produce byte-identical output.
 *
 * @param days           number of UTC days to generate (≥ 1)
 * @param perDay         target number of log lines per day, over all regions (weekends get fewer)
 * @param start          first UTC day (default 2026-03-01)
 * @param seed           random seed
 * @param format         log format to write (not AUTO)
 * @param outputDir      directory that receives the logs, {@code ground-truth.json} and the sample configs
 * @param gzip           gzip the log files (default true)
 * @param gzipLevel      deflate level 1..9 (default 1, fastest)
 * @param garbageRate    upper bound on the share of garbage lines per file (default 0.002)
 * @param regions        0 = no regions ({@code <format>/access-<day>.log.gz}); n > 0 = n regions
 *                       ({@code logs/<region>/<format>/access-<day>.log.gz})
 * @param nonUtcFraction nginx only: share of files written with a non-UTC offset (+0200 or -0500),
 *                       local times shifted accordingly (default 0 = all UTC)
 * @param threads        files generated in parallel (default: available processors, max 8)
 * @param writeConfigs   also write journeys.yaml and slos.yaml into the output dir (default true)
 */
public record GeneratorConfig(
        int days,
        long perDay,
        LocalDate start,
        long seed,
        LogFormat format,
        Path outputDir,
        boolean gzip,
        int gzipLevel,
        double garbageRate,
        int regions,
        double nonUtcFraction,
        int threads,
        boolean writeConfigs) {

    public static final LocalDate DEFAULT_START = LocalDate.of(2026, 3, 1);

    public GeneratorConfig {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(outputDir, "outputDir");
        if (days < 1) throw new IllegalArgumentException("days must be >= 1, got " + days);
        if (perDay < 1) throw new IllegalArgumentException("perDay must be >= 1, got " + perDay);
        if (format == LogFormat.AUTO) throw new IllegalArgumentException("format must be concrete, not auto");
        if (gzipLevel < 0 || gzipLevel > 9) throw new IllegalArgumentException("gzipLevel must be 0..9");
        if (garbageRate < 0 || garbageRate > 0.5) throw new IllegalArgumentException("garbageRate must be in [0, 0.5]");
        if (regions < 0 || regions > Regions.NAMES.length)
            throw new IllegalArgumentException("regions must be in 0.." + Regions.NAMES.length);
        if (nonUtcFraction < 0 || nonUtcFraction > 1) throw new IllegalArgumentException("nonUtcFraction must be in [0, 1]");
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1");
    }

    /** Exclusive end of the generated range (UTC day after the last one). */
    public LocalDate endExclusive() {
        return start.plusDays(days);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().days(days).perDay(perDay).start(start).seed(seed).format(format)
                .outputDir(outputDir).gzip(gzip).gzipLevel(gzipLevel).garbageRate(garbageRate)
                .regions(regions).nonUtcFraction(nonUtcFraction).threads(threads).writeConfigs(writeConfigs);
    }

    public static final class Builder {
        private int days = 3;
        private long perDay = 35_000;
        private LocalDate start = DEFAULT_START;
        private long seed = 42;
        private LogFormat format = LogFormat.NGINX;
        private Path outputDir = Path.of("generated");
        private boolean gzip = true;
        private int gzipLevel = 1;
        private double garbageRate = 0.002;
        private int regions = 0;
        private double nonUtcFraction = 0.0;
        private int threads = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
        private boolean writeConfigs = true;

        public Builder days(int v) { days = v; return this; }
        public Builder perDay(long v) { perDay = v; return this; }
        public Builder start(LocalDate v) { start = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder format(LogFormat v) { format = v; return this; }
        public Builder outputDir(Path v) { outputDir = v; return this; }
        public Builder gzip(boolean v) { gzip = v; return this; }
        public Builder gzipLevel(int v) { gzipLevel = v; return this; }
        public Builder garbageRate(double v) { garbageRate = v; return this; }
        public Builder regions(int v) { regions = v; return this; }
        public Builder nonUtcFraction(double v) { nonUtcFraction = v; return this; }
        public Builder threads(int v) { threads = v; return this; }
        public Builder writeConfigs(boolean v) { writeConfigs = v; return this; }

        public GeneratorConfig build() {
            return new GeneratorConfig(days, perDay, start, seed, format, outputDir, gzip, gzipLevel,
                    garbageRate, regions, nonUtcFraction, threads, writeConfigs);
        }
    }
}
