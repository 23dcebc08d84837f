package dev.sliflow.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak resident memory of this process (Linux /proc), for run summaries and benchmarks. */
public final class Memory {
    private Memory() {}

    /** Peak RSS in bytes (VmHWM), or -1 where /proc is not available. */
    public static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** "peak RSS N MiB" (the phrase benchmarks look for), or "peak RSS n/a". */
    public static String describe() {
        long rss = peakRssBytes();
        return rss < 0 ? "peak RSS n/a" : String.format("peak RSS %,d MiB", rss >> 20);
    }
}
