package dev.sliflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sliflow.sli.SliAccumulator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Merge laws of the publish step's merge of several files' minute rows (incremental ingest). */
class MinuteRowMergerTest {
    static final int[] TH = {100, 300};
    static final long MINUTE = 1_780_000_020_000L / 60_000 * 60_000;

    record Event(int status, long latencyUs) {}

    static List<Event> events(Random rnd, int n) {
        List<Event> e = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            e.add(new Event(rnd.nextInt(10) == 0 ? 503 : 200, rnd.nextInt(5) == 0 ? -1 : rnd.nextInt(600_000)));
        }
        return e;
    }

    static SliMinuteRow row(String journey, long minute, int[] thresholds, List<Event> events, long source) {
        SliAccumulator a = new SliAccumulator(thresholds);
        for (Event e : events) {
            a.add(e.status(), e.status() >= 500, e.latencyUs());
        }
        SliMinuteRow r = SliMinuteRow.of(SliPartial.of(journey, 0, "", minute, a));
        r.sourceKey = source;
        return r;
    }

    static String render(List<SliMinuteRow> rows) {
        StringBuilder b = new StringBuilder();
        for (SliMinuteRow r : rows) {
            b.append(r.journey).append(' ').append(r.minute).append(' ').append(r.total).append(' ').append(r.good)
                    .append(' ').append(r.serverErrors).append(' ').append(r.withLatency).append(' ')
                    .append(java.util.Arrays.toString(r.thresholdsMs)).append(java.util.Arrays.toString(r.goodLatency))
                    .append(' ').append(r.p50).append(' ').append(r.p99).append(' ').append(r.p999).append(' ')
                    .append(java.util.HexFormat.of().formatHex(r.sketch)).append(' ').append(r.sourceKey).append('\n');
        }
        return b.toString();
    }

    @Test
    void mergingFilesInAnyOrderEqualsCountingAllTheirEventsAtOnce() {
        Random rnd = new Random(27);
        for (int round = 0; round < 200; round++) {
            int files = 2 + rnd.nextInt(3);
            List<SliMinuteRow> rows = new ArrayList<>();
            List<Event> all = new ArrayList<>();
            for (int f = 0; f < files; f++) {
                List<Event> e = events(rnd, 1 + rnd.nextInt(40));
                all.addAll(e);
                rows.add(row("checkout", MINUTE, TH, e, f + 1));
            }
            String expected = render(List.of(withoutSource(row("checkout", MINUTE, TH, all, 0))));
            for (int order = 0; order < 3; order++) {
                Collections.shuffle(rows, rnd);
                MinuteRowMerger m = new MinuteRowMerger();
                rows.forEach(m::add);
                assertThat(render(m.rows())).as("round %d, order %d", round, order).isEqualTo(expected);
            }
        }
    }

    @Test
    void aKeyOfOneFileKeepsThatFilesRowAndKeysStayApart() {
        Random rnd = new Random(3);
        SliMinuteRow a = row("checkout", MINUTE, TH, events(rnd, 10), 1);
        SliMinuteRow b = row("login", MINUTE, TH, events(rnd, 10), 2);
        SliMinuteRow c = row("checkout", MINUTE + 60_000, TH, events(rnd, 10), 2);
        MinuteRowMerger m = new MinuteRowMerger();
        m.add(c);
        m.add(b);
        m.add(a);
        assertThat(render(m.rows())).isEqualTo(render(List.of(withoutSource(a), withoutSource(b), withoutSource(c))));
    }

    @Test
    void aThresholdOneFileLacksIsUnknownForTheMergedMinuteNotZeroGood() {
        Random rnd = new Random(5);
        List<Event> e1 = events(rnd, 20);
        List<Event> e2 = events(rnd, 20);
        SliMinuteRow older = row("search", MINUTE, new int[] {100}, e1, 1); // ingested before 300 ms was added
        SliMinuteRow newer = row("search", MINUTE, TH, e2, 2);
        MinuteRowMerger m = new MinuteRowMerger();
        m.add(older);
        m.add(newer);
        SliMinuteRow merged = m.rows().get(0);
        assertThat(merged.thresholdsMs).containsExactly(100);
        assertThat(merged.goodLatency).containsExactly(older.goodLatency[0] + newer.goodLatency[0]);
        assertThat(merged.total).isEqualTo(40);
    }

    static SliMinuteRow withoutSource(SliMinuteRow r) {
        r.sourceKey = 0;
        return r;
    }
}
