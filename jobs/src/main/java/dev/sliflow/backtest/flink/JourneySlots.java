package dev.sliflow.backtest.flink;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

/**
 * The keys of the per-journey backtest, chosen so that its work is spread evenly over the subtasks.
 * Keyed by the journey's name, Flink hashes the few journeys of a catalog onto the subtasks as they
 * fall: the benchmark's 20 journeys went 13 to one subtask and 7 to the other, which then idled for a
 * third of the run. Here each journey gets, largest first, the least loaded subtask (its weight: its
 * candidates and SLAs), and as its key the smallest integer that Flink's key-group assignment sends
 * to that subtask; distinct journeys get distinct keys.
 */
final class JourneySlots {
    private JourneySlots() {}

    /**
     * @param weights journey → work (e.g. its candidates), in catalog order
     * @return journey → key, for a keyed operator of this parallelism and maximum parallelism
     */
    static Map<String, Integer> keys(Map<String, Integer> weights, int parallelism, int maxParallelism) {
        List<String> order = new ArrayList<>(weights.keySet());
        order.sort(Comparator.comparingInt((String j) -> -weights.get(j))); // stable: catalog order on ties
        long[] load = new long[parallelism];
        Set<Integer> used = new HashSet<>();
        Map<String, Integer> keys = new LinkedHashMap<>();
        for (String journey : order) {
            int target = 0;
            for (int s = 1; s < parallelism; s++) {
                if (load[s] < load[target]) {
                    target = s;
                }
            }
            load[target] += Math.max(1, weights.get(journey));
            int key = 0;
            while (used.contains(key)
                    || KeyGroupRangeAssignment.assignKeyToParallelOperator(key, maxParallelism, parallelism) != target) {
                key++;
            }
            used.add(key);
            keys.put(journey, key);
        }
        return keys;
    }
}
