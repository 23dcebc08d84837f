package dev.sliflow.ingest;

import dev.sliflow.sli.SliAccumulator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Merges the sli_minute rows of several input files (their contributions to one date) into the
 * date's rows: one per journey × region × minute, counts added, sketches merged, percentiles from
 * the merged sketch. A key only one file contributed to keeps that file's row as it is, so one run
 * over all files and one run per file give the same rows.
 *
 * <p>A latency threshold missing from one contribution (the catalog gained it between the runs that
 * ingested the files) is unknown for the merged minute: it is left out of the row's good_latency, never
 * counted as zero good.
 */
public final class MinuteRowMerger {
    private final Map<Key, List<SliMinuteRow>> byKey = new HashMap<>();

    private record Key(String journey, String region, long minute) {}

    /** Adds one contribution's row (not copied: the caller must not change it afterwards). */
    public void add(SliMinuteRow row) {
        byKey.computeIfAbsent(new Key(row.journey, row.region, row.minute), k -> new ArrayList<>(2)).add(row);
    }

    /** The merged rows, ordered by minute, journey, region; each with no source (a row of all files). */
    public List<SliMinuteRow> rows() {
        List<SliMinuteRow> out = new ArrayList<>(byKey.size());
        for (List<SliMinuteRow> rows : byKey.values()) {
            out.add(rows.size() == 1 ? copyWithoutSource(rows.get(0)) : merge(rows));
        }
        out.sort(Comparator.comparingLong((SliMinuteRow r) -> r.minute).thenComparing(r -> r.journey)
                .thenComparing(r -> r.region == null ? "" : r.region));
        return out;
    }

    /** The rows of one key merged (at least two; same journey, region and minute). */
    static SliMinuteRow merge(List<SliMinuteRow> rows) {
        int[] thresholds = rows.get(0).thresholdsMs;
        for (SliMinuteRow r : rows) {
            thresholds = common(thresholds, r.thresholdsMs);
        }
        SliAccumulator acc = null;
        for (SliMinuteRow r : rows) {
            SliAccumulator a = SliAccumulator.of(thresholds, r.total, r.good, r.serverErrors, r.withLatency,
                    goodAt(r, thresholds), r.sketch);
            acc = acc == null ? a : acc.merge(a);
        }
        SliMinuteRow first = rows.get(0);
        SliPartial p = SliPartial.of(first.journey, -1, first.region, first.minute, acc);
        SliMinuteRow m = SliMinuteRow.of(p);
        m.sourceKey = 0;
        return m;
    }

    private static SliMinuteRow copyWithoutSource(SliMinuteRow r) {
        if (r.sourceKey == 0) {
            return r;
        }
        SliMinuteRow c = r.copy();
        c.sourceKey = 0;
        return c;
    }

    /** The thresholds in both (ascending, as a catalog's are). */
    private static int[] common(int[] a, int[] b) {
        if (Arrays.equals(a, b)) {
            return a;
        }
        return Arrays.stream(a).filter(t -> Arrays.stream(b).anyMatch(u -> u == t)).sorted().toArray();
    }

    private static long[] goodAt(SliMinuteRow r, int[] thresholds) {
        long[] g = new long[thresholds.length];
        for (int i = 0; i < thresholds.length; i++) {
            int idx = -1;
            for (int j = 0; j < r.thresholdsMs.length; j++) {
                if (r.thresholdsMs[j] == thresholds[i]) {
                    idx = j;
                }
            }
            g[i] = r.goodLatency[Objects.checkIndex(idx, r.thresholdsMs.length)];
        }
        return g;
    }
}
