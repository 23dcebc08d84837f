package dev.sliflow.backtest.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.Test;

class JourneySlotsTest {
    static Map<String, Integer> equal(int n, int weight) {
        Map<String, Integer> w = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            w.put(String.format("journey-%02d", i), weight);
        }
        return w;
    }

    /** The work Flink would give each subtask for these keys. */
    static long[] loads(Map<String, Integer> weights, Map<String, Integer> keys, int parallelism, int maxParallelism) {
        long[] load = new long[parallelism];
        keys.forEach((j, k) -> load[KeyGroupRangeAssignment.assignKeyToParallelOperator(k, maxParallelism, parallelism)]
                += weights.get(j));
        return load;
    }

    @Test
    void theBenchmarksTwentyJourneysGoTenAndTenNotThirteenAndSeven() {
        Map<String, Integer> w = equal(20, 200);
        int[] byName = new int[2];
        w.keySet().forEach(j -> byName[KeyGroupRangeAssignment.assignKeyToParallelOperator(j, 128, 2)]++);
        assertThat(byName).as("keyed by name, as before").containsExactly(7, 13);
        Map<String, Integer> keys = JourneySlots.keys(w, 2, 128);
        assertThat(keys).hasSize(20);
        assertThat(new HashSet<>(keys.values())).as("distinct keys").hasSize(20);
        assertThat(loads(w, keys, 2, 128)).containsExactly(2000L, 2000L);
    }

    @Test
    void unequalWorkIsSpreadLargestFirstOnEveryParallelism() {
        Map<String, Integer> w = new LinkedHashMap<>();
        int[] sizes = {5, 200, 40, 40, 40, 1, 120, 80, 3, 77, 9, 200};
        for (int i = 0; i < sizes.length; i++) {
            w.put("j" + i, sizes[i]);
        }
        long total = 0;
        for (int s : sizes) {
            total += s;
        }
        for (int p = 1; p <= 7; p++) {
            int maxP = KeyGroupRangeAssignment.computeDefaultMaxParallelism(p);
            Map<String, Integer> keys = JourneySlots.keys(w, p, maxP);
            assertThat(new HashSet<>(keys.values())).hasSize(sizes.length);
            long[] load = loads(w, keys, p, maxP);
            long max = 0;
            for (long l : load) {
                max = Math.max(max, l);
            }
            // largest-first: no subtask has more than an even share plus the largest journey
            assertThat(max).as("parallelism " + p).isLessThanOrEqualTo(total / p + 200);
            assertThat(load.length).isEqualTo(p);
        }
        // two subtasks: 815 in all; largest first: 200 200 120 80 77 40 40 40 9 5 3 1 -> 408 / 407
        assertThat(loads(w, JourneySlots.keys(w, 2, 128), 2, 128)).containsExactlyInAnyOrder(408L, 407L);
    }

    @Test
    void moreSubtasksThanJourneysGiveEachJourneyItsOwn() {
        Map<String, Integer> w = equal(3, 10);
        Map<String, Integer> keys = JourneySlots.keys(w, 5, 128);
        assertThat(loads(w, keys, 5, 128)).containsExactly(10L, 10L, 10L, 0L, 0L);
    }
}
