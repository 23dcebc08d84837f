package dev.sliflow.flink;

import java.util.Collection;
import java.util.Comparator;
import org.apache.flink.connector.file.src.FileSourceSplit;

/**
 * Hands out files in path order (Flink's default assigners hand them out in reverse or locality
 * order). With dated file names (access-2026-03-01.log …) every reader then sees event time move
 * forward, which the streaming watermark needs; a file that arrives later with older data is late,
 * as it should be.
 */
public final class PathOrderSplitAssigner extends OrderedSplitAssigner {
    public PathOrderSplitAssigner(Collection<FileSourceSplit> splits) {
        super(Comparator.comparing((FileSourceSplit s) -> s.path().toString()).thenComparingLong(FileSourceSplit::offset),
                splits);
    }
}
