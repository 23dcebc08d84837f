package dev.sliflow.flink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;

/**
 * Hands out files in path order (Flink's default assigners hand them out in reverse or locality
 * order). With dated file names (access-2026-03-01.log …) every reader then sees event time move
 * forward, which the streaming watermark needs; a file that arrives later with older data is late,
 * as it should be.
 */
public final class PathOrderSplitAssigner implements FileSplitAssigner {
    private final PriorityQueue<FileSourceSplit> pending =
            new PriorityQueue<>(Comparator.comparing((FileSourceSplit s) -> s.path().toString())
                    .thenComparingLong(FileSourceSplit::offset));

    public PathOrderSplitAssigner(Collection<FileSourceSplit> splits) {
        pending.addAll(splits);
    }

    @Override
    public Optional<FileSourceSplit> getNext(String hostname) {
        return Optional.ofNullable(pending.poll());
    }

    @Override
    public void addSplits(Collection<FileSourceSplit> splits) {
        pending.addAll(splits);
    }

    @Override
    public Collection<FileSourceSplit> remainingSplits() {
        return new ArrayList<>(pending);
    }
}
