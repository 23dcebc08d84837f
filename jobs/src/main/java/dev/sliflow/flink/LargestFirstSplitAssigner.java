package dev.sliflow.flink;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import org.apache.flink.connector.file.src.FileSourceSplit;

/**
 * The batch ingest's split order: the biggest file first ("longest processing time first"). The
 * readers ask for a file whenever they finish one, so handing out the big files first and the
 * small ones last makes them run out of work at nearly the same time: the job's merge stage can
 * only start when the last reader is done. Flink's default assigner hands files out in an order
 * unrelated to their size; on the benchmark's 10 files (25-40 MB of gzip each) one reader could
 * finish ~0.7 s before the other, with a core idle meanwhile.
 *
 * <p>A file's work is estimated from its size, a compressed file's as {@value #COMPRESSED_FACTOR}
 * times its size (access logs compress about that much with gzip), so that a mix of plain and
 * compressed files is ordered sensibly too. Ties go in path order. The streaming job keeps
 * {@link PathOrderSplitAssigner}: event time needs path order there.
 */
public final class LargestFirstSplitAssigner extends OrderedSplitAssigner {
    /** How many times its size a compressed file's text is estimated to be. */
    static final long COMPRESSED_FACTOR = 6;

    public LargestFirstSplitAssigner(Collection<FileSourceSplit> splits) {
        super(Comparator.comparingLong(LargestFirstSplitAssigner::work).reversed()
                .thenComparing((FileSourceSplit s) -> s.path().toString())
                .thenComparingLong(FileSourceSplit::offset), splits);
    }

    /** The estimated work of a split: its length, times {@link #COMPRESSED_FACTOR} when compressed. */
    static long work(FileSourceSplit s) {
        String name = s.path().getName().toLowerCase(Locale.ROOT);
        boolean compressed = name.endsWith(".gz") || name.endsWith(".bz2") || name.endsWith(".xz")
                || name.endsWith(".zst") || name.endsWith(".deflate");
        return compressed ? s.length() * COMPRESSED_FACTOR : s.length();
    }
}
