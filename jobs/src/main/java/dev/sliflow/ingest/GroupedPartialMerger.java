package dev.sliflow.ingest;

import dev.sliflow.sli.SliAccumulator;
import java.util.Objects;

/**
 * The final merge of minute partials when they arrive grouped by key (journey × region × minute × input file),
 * as a keyed operator's input does in Flink's BATCH mode: all partials of one key come one after
 * another. Holds one key at a time; a key's row is finished when the next key starts (or at
 * {@link #finish()}). A key with a single partial — the common case — is never decoded or
 * re-encoded; several are added up in one accumulator (the sketch decoded once per partial,
 * encoded once at the end).
 *
 * <p>Input that is not grouped by key would give several rows for one key: only for grouped input.
 */
public final class GroupedPartialMerger {
    private SliPartial first;
    private SliAccumulator acc;
    private long key;
    private String region;
    private long sourceKey;

    /**
     * Adds the next partial. The partial is not kept (copied when it starts a group), so a caller
     * may reuse the object.
     *
     * @return the finished row of the previous key when this partial starts a new key, else null
     */
    public SliMinuteRow add(SliPartial p) {
        long k = p.minuteJourney();
        if (first != null && k == key && p.sourceKey == sourceKey && Objects.equals(p.region, region)) {
            if (acc == null) {
                acc = first.toAccumulator();
            }
            acc.merge(p.toAccumulator());
            return null;
        }
        SliMinuteRow done = finish();
        first = p.copy();
        key = k;
        region = p.region;
        sourceKey = p.sourceKey;
        return done;
    }

    /** @return the row of the key in progress, or null when there is none; then starts afresh */
    public SliMinuteRow finish() {
        if (first == null) {
            return null;
        }
        SliPartial whole = acc == null ? first : SliPartial.of(first.journey, first.journeyIndex, first.region, first.minute, acc);
        long source = first.sourceKey;
        first = null;
        acc = null;
        SliMinuteRow row = SliMinuteRow.of(whole);
        row.sourceKey = source;
        return row;
    }
}
