package dev.sliflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;

/** The batch ingest's split order: biggest estimated work first, so the readers finish together. */
class LargestFirstSplitAssignerTest {
    private static int ids;

    static FileSourceSplit split(String path, long length) {
        return new FileSourceSplit(String.valueOf(++ids), new Path(path), 0, length, 0, length);
    }

    static List<String> drain(LargestFirstSplitAssigner a) {
        List<String> order = new ArrayList<>();
        for (Optional<FileSourceSplit> s = a.getNext(null); s.isPresent(); s = a.getNext(null)) {
            order.add(s.get().path().getName());
        }
        return order;
    }

    @Test
    void handsOutTheBiggestEstimatedWorkFirstWithCompressedFilesWeighedByTheirText() {
        LargestFirstSplitAssigner a = new LargestFirstSplitAssigner(List.of(
                split("/logs/a.log", 100), split("/logs/b.log.gz", 20), split("/logs/c.log", 500),
                split("/logs/d.log.zst", 90), split("/logs/e.log", 100)));
        // work: a 100, b 20x6=120, c 500, d 90x6=540, e 100 (ties in path order)
        assertThat(drain(a)).containsExactly("d.log.zst", "c.log", "b.log.gz", "a.log", "e.log");
        assertThat(a.getNext("host")).isEmpty();
    }

    @Test
    void splitsAddedLaterJoinTheOrderAndRemainingSplitsListsThePending() {
        LargestFirstSplitAssigner a = new LargestFirstSplitAssigner(List.of(split("/l/small.log", 10)));
        a.addSplits(List.of(split("/l/big.log", 1000), split("/l/mid.log", 100)));
        assertThat(a.remainingSplits()).extracting(s -> s.path().getName())
                .containsExactlyInAnyOrder("small.log", "big.log", "mid.log");
        assertThat(drain(a)).containsExactly("big.log", "mid.log", "small.log");
        assertThat(a.remainingSplits()).isEmpty();
    }

    /**
     * Two readers that each take the next split when they finish one (what Flink's enumerator does),
     * on the compressed sizes of the benchmark's 10 day files: with this order the readers finish
     * within the smallest file of each other; in path order they would not.
     */
    @Test
    void twoReadersOnTheBenchmarkFilesFinishWithinTheSmallestFileOfEachOther() {
        long[] sizes = {25_456_646, 38_763_345, 39_459_810, 39_518_366, 37_678_461, 36_819_488, 30_796_941,
                26_708_649, 37_102_428, 38_390_887};
        List<FileSourceSplit> splits = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            splits.add(split(String.format("/logs/access-2026-03-%02d.log.gz", i + 1), sizes[i]));
        }
        long lpt = finishGap(new LargestFirstSplitAssigner(splits));
        long pathOrder = finishGap(new PathOrderSplitAssigner(splits));
        assertThat(lpt).isLessThan(25_456_646L * LargestFirstSplitAssigner.COMPRESSED_FACTOR);
        assertThat(lpt).isLessThan(pathOrder);
    }

    /** Work units between the first and the last of two greedy readers finishing. */
    static long finishGap(org.apache.flink.connector.file.src.assigners.FileSplitAssigner a) {
        long[] busyUntil = new long[2];
        for (Optional<FileSourceSplit> s = a.getNext(null); s.isPresent(); s = a.getNext(null)) {
            int free = busyUntil[0] <= busyUntil[1] ? 0 : 1;
            busyUntil[free] += LargestFirstSplitAssigner.work(s.get());
        }
        return Math.abs(busyUntil[0] - busyUntil[1]);
    }
}
