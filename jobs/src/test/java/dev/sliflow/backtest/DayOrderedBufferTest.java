package dev.sliflow.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DayOrderedBufferTest {
    /** A row: its day and the order it was added in. */
    record Row(long day, int seq) {}

    @Test
    void handsOnDayByDayAndEveryDaysRowsInTheOrderTheyCame() {
        List<Row> out = new ArrayList<>();
        DayOrderedBuffer<Row> b = new DayOrderedBuffer<>(100, 102, 1_000, out::add);
        long[] days = {102, 100, 101, 100, 102, 102, 101, 100};
        for (int i = 0; i < days.length; i++) {
            b.add(days[i], new Row(days[i], i));
        }
        assertThat(out).as("nothing handed on before a flush or a full buffer").isEmpty();
        assertThat(b.size()).isEqualTo(8);
        b.flush();
        assertThat(out).extracting(Row::seq).containsExactly(1, 3, 7, 2, 6, 0, 4, 5);
        assertThat(b.size()).isZero();
        b.flush();
        assertThat(out).as("a second flush hands on nothing again").hasSize(8);
    }

    @Test
    void daysOutsideTheRangeComeLastInTheirOrder() {
        List<Row> out = new ArrayList<>();
        DayOrderedBuffer<Row> b = new DayOrderedBuffer<>(10, 11, 100, out::add);
        b.add(99, new Row(99, 0));
        b.add(11, new Row(11, 1));
        b.add(3, new Row(3, 2));
        b.add(10, new Row(10, 3));
        b.flush();
        assertThat(out).extracting(Row::seq).containsExactly(3, 1, 0, 2);
    }

    @Test
    void aFullBufferIsHandedOnAndEachDayStillSeesItsRowsInOrder() {
        // random days and buffer sizes: per day, the rows handed on are exactly the rows added, in order
        Random rnd = new Random(42);
        for (int round = 0; round < 200; round++) {
            int days = 1 + rnd.nextInt(40);
            int capacity = 1 + rnd.nextInt(64);
            int n = rnd.nextInt(500);
            List<Row> out = new ArrayList<>();
            DayOrderedBuffer<Row> b = new DayOrderedBuffer<>(1_000, 1_000 + days - 1, capacity, out::add);
            Map<Long, List<Integer>> added = new LinkedHashMap<>();
            int handedBefore = 0;
            for (int i = 0; i < n; i++) {
                long day = 1_000 - 2 + rnd.nextInt(days + 4); // a few outside the range
                b.add(day, new Row(day, i));
                added.computeIfAbsent(day, d -> new ArrayList<>()).add(i);
                assertThat(b.size()).isLessThan(capacity);
                assertThat(out.size() + b.size()).isEqualTo(i + 1);
                if (out.size() > handedBefore) {
                    assertThat(b.size()).as("handed on only when full").isZero();
                    handedBefore = out.size();
                }
            }
            b.flush();
            Map<Long, List<Integer>> got = new LinkedHashMap<>();
            for (Row r : out) {
                got.computeIfAbsent(r.day(), d -> new ArrayList<>()).add(r.seq());
            }
            assertThat(got).as("round %d", round).isEqualTo(added);
            if (capacity >= n) {
                // one flush: the days come in ascending order, the ones outside the range last
                List<Long> order = out.stream().map(Row::day).distinct().toList();
                List<Long> inRange = order.stream().filter(d -> d >= 1_000 && d < 1_000 + days).toList();
                assertThat(inRange).isSorted();
                assertThat(order.subList(0, inRange.size())).isEqualTo(inRange);
            }
        }
    }

    @Test
    void refusesABadRangeOrCapacity() {
        assertThatThrownBy(() -> new DayOrderedBuffer<Row>(5, 4, 10, r -> {})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DayOrderedBuffer<Row>(5, 5, 0, r -> {})).isInstanceOf(IllegalArgumentException.class);
    }
}
