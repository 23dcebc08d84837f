package dev.sliflow.flink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;

/** Hands out the pending splits in the order of a comparator, to any reader that asks. */
abstract class OrderedSplitAssigner implements FileSplitAssigner {
    private final PriorityQueue<FileSourceSplit> pending;

    OrderedSplitAssigner(Comparator<FileSourceSplit> order, Collection<FileSourceSplit> splits) {
        pending = new PriorityQueue<>(order);
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
