package dev.sliflow.gen;

/** What one generated file contains, for ground-truth.json. Filled by {@link FileGenerator}. */
final class FileStats {
    static final String[] GARBAGE_KINDS = {"truncated", "binary", "empty", "bad_timestamp", "bad_status", "tls_junk"};

    String path;
    String region;
    String date;
    String utcOffset = "+00:00";
    long lines;
    long garbage;
    final long[] garbageByKind = new long[GARBAGE_KINDS.length];
    final long[] journeyTotal;
    final long[] journeyServerErrors;
    final long[] journeyRateLimited;
    final long[] journeyClientErrors;
    long healthz;
    long statics;
    long unmatched;
    long firstMicros = Long.MIN_VALUE;
    long lastMicros = Long.MIN_VALUE;
    final long[] incidentRequests;
    final long[] incidentServerErrors;
    long bytes;

    FileStats(int journeys, int incidents) {
        journeyTotal = new long[journeys];
        journeyServerErrors = new long[journeys];
        journeyRateLimited = new long[journeys];
        journeyClientErrors = new long[journeys];
        incidentRequests = new long[incidents];
        incidentServerErrors = new long[incidents];
    }

    long parsedLines() {
        return lines - garbage;
    }

    long journeyLines() {
        long s = 0;
        for (long v : journeyTotal) s += v;
        return s;
    }
}
