package dev.sliflow.sli;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.util.ArrayDeque;

/**
 * Emptied {@link LatencySketch} sketches kept for reuse by one thread. An ingest makes a sketch per
 * journey, region and minute, and its dense store grew from nothing every time: array growth and
 * re-centring were a fifth of a parse task's CPU and the largest allocation of a run (~860 MB for
 * 10 M lines). A sketch given back is {@link DDSketch#clear cleared} (counts zeroed, its array kept),
 * so the next minute's sketch starts with an array already as wide as the last one's latencies
 * needed. A cleared sketch is an empty sketch: what it is fed next encodes and answers exactly as in
 * a new one ({@code SketchPoolTest}).
 *
 * <p>Not thread-safe: one pool per ingest core (one per parse task). At most {@link #MAX_KEPT}
 * sketches are kept; more given back are left to the collector.
 */
public final class SketchPool {
    /** Enough for the open minutes of a few hundred journeys; each holds one array of some KB. */
    static final int MAX_KEPT = 512;
    private final ArrayDeque<DDSketch> free = new ArrayDeque<>();

    /** An empty sketch of {@link LatencySketch#create}'s kind: a reused one when there is one. */
    public DDSketch take() {
        DDSketch s = free.pollFirst();
        return s == null ? LatencySketch.create() : s;
    }

    /** Gives a sketch back: cleared now, handed out again by {@link #take}. The caller must drop it. */
    public void give(DDSketch sketch) {
        if (sketch != null && free.size() < MAX_KEPT) {
            sketch.clear();
            free.addFirst(sketch);
        }
    }

    /** Sketches kept now (tests). */
    int kept() {
        return free.size();
    }
}
