package dev.sliflow.flink;

/**
 * The progress line a running job prints every few seconds: the count so far, its average rate since
 * the start and its rate since the previous line. The average alone misleads on a stream, where it
 * keeps falling while no new files arrive (and rises slowly once they do); the recent rate shows what
 * the job does now. Plain Java, no Flink: {@link Jobs#await} feeds it the job's counter.
 */
final class ProgressLine {
    private final String unit;
    private long lastCount = -1;
    private long lastNanos;

    ProgressLine(String unit) {
        this.unit = unit;
    }

    /**
     * The line for {@code count} at {@code nanos} since the job's start, e.g.
     * {@code "  ... 20 s: 1,234,567 lines read (61,728 lines read/s; 12,000/s in the last 10 s)"}.
     */
    String line(long count, long nanos) {
        long secs = Math.max(1, nanos / 1_000_000_000L);
        StringBuilder b = new StringBuilder(96)
                .append(String.format("  ... %d s: %,d %s (%,d %s/s", secs, count, unit, count / secs, unit));
        if (lastCount >= 0 && nanos > lastNanos) {
            double interval = (nanos - lastNanos) / 1e9;
            long recent = Math.round(Math.max(0, count - lastCount) / interval);
            b.append(String.format("; %,d/s in the last %d s", recent, Math.round(interval)));
        }
        lastCount = count;
        lastNanos = nanos;
        return b.append(')').toString();
    }
}
