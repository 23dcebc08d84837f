package dev.sliflow.gen;

import dev.sliflow.parse.LogFormat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Minimal command line for the generator:
 * {@code --out DIR --days N --per-day N [--format F] [--seed S] [--start DATE] [--regions N]
 * [--no-gzip] [--gzip-level L] [--garbage-rate R] [--non-utc-fraction F] [--threads N]}.
 */
public final class GenerateMain {
    private GenerateMain() {}

    public static void main(String[] args) {
        try {
            GeneratorConfig cfg = parse(args);
            long t0 = System.nanoTime();
            LogGenerator.Result r = LogGenerator.generate(cfg);
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "wrote %d files, %d lines (%d garbage), %.1f MB uncompressed in %.2f s "
                            + "(%.0f lines/s) to %s%n", r.files().size(), r.lines(), r.garbageLines(),
                    r.uncompressedBytes() / 1e6, secs, r.lines() / secs, cfg.outputDir());
        } catch (IllegalArgumentException e) {
            System.err.println("generate: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("generate: " + e);
            System.exit(1);
        }
    }

    static GeneratorConfig parse(String[] args) {
        GeneratorConfig.Builder b = GeneratorConfig.builder();
        boolean out = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--no-gzip")) {
                b.gzip(false);
                continue;
            }
            if (i + 1 >= args.length) throw new IllegalArgumentException("missing value for " + a);
            String v = args[++i];
            switch (a) {
                case "--out" -> {
                    b.outputDir(Path.of(v));
                    out = true;
                }
                case "--days" -> b.days(Integer.parseInt(v));
                case "--per-day" -> b.perDay(Long.parseLong(v));
                case "--format" -> b.format(LogFormat.parse(v));
                case "--seed" -> b.seed(Long.parseLong(v));
                case "--start" -> b.start(LocalDate.parse(v));
                case "--regions" -> b.regions(Integer.parseInt(v));
                case "--gzip-level" -> b.gzipLevel(Integer.parseInt(v));
                case "--garbage-rate" -> b.garbageRate(Double.parseDouble(v));
                case "--non-utc-fraction" -> b.nonUtcFraction(Double.parseDouble(v));
                case "--threads" -> b.threads(Integer.parseInt(v));
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (!out) throw new IllegalArgumentException("--out DIR is required");
        return b.build();
    }
}
