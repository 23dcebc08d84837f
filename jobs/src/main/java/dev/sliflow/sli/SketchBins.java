package dev.sliflow.sli;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.BinEncodingMode;
import com.datadoghq.sketch.ddsketch.encoding.Flag;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.encoding.Output;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.store.Bin;
import com.datadoghq.sketch.ddsketch.store.BinAcceptor;
import com.datadoghq.sketch.ddsketch.store.Store;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The non-empty bins of one DDSketch with dense stores, collected in one pass, and the two things ingest
 * needs of every minute's sketch: its {@code latency_sketch} bytes and its quantiles. Why: a minute's
 * sketch holds ~70 latencies spread over several hundred dense slots (0.5% accuracy), and
 * sketches-java walks all of those slots several times per answer — the encoder twice (sizes, then
 * bytes, one virtual {@code writeByte} per byte into a fresh buffer that is then copied), the
 * quantiles' {@code getCount} twice more plus one {@code Bin} object per step. Here the slots are
 * read once, and everything after works on the ~50 non-empty bins.
 *
 * <p>The results are exactly the library's: {@link #toBytes} writes the bytes of
 * {@code DDSketch.encode(output, false)} (sketches-java 0.8.3's compact encoding, which other tools
 * decode) and {@link #quantiles} the values of {@link LatencySketch}'s bin walk, which mirrors
 * {@code DDSketch.getValueAtQuantile}. Both are tested against the library on many random sketches.
 *
 * <p>Reusable and not thread-safe: {@link LatencySketch} keeps one per thread.
 */
final class SketchBins {
    /** Flag bytes of the format, taken from the library rather than written down a second time. */
    private static final byte ZERO_COUNT = flagByte(Flag.ZERO_COUNT);
    private static final byte POSITIVE_SPARSE = flagByte(BinEncodingMode.INDEX_DELTAS_AND_COUNTS.toFlag(Flag.Type.POSITIVE_STORE));
    private static final byte POSITIVE_DENSE = flagByte(BinEncodingMode.CONTIGUOUS_COUNTS.toFlag(Flag.Type.POSITIVE_STORE));
    private static final byte NEGATIVE_SPARSE = flagByte(BinEncodingMode.INDEX_DELTAS_AND_COUNTS.toFlag(Flag.Type.NEGATIVE_STORE));
    private static final byte NEGATIVE_DENSE = flagByte(BinEncodingMode.CONTIGUOUS_COUNTS.toFlag(Flag.Type.NEGATIVE_STORE));
    /** Bins kept between uses: more (a sketch spanning a huge range) are collected, then let go. */
    private static final int RETAINED_BINS = 4096;
    private static final int VALUE_SLOTS = 1024;

    private final Side negative = new Side();
    private final Side positive = new Side();
    private Buffer buffer = new Buffer();
    /** The mapping whose encoding starts {@link #buffer}, {@link #mappingSize} bytes (same instance: same bytes). */
    private IndexMapping encodedMapping;
    private int mappingSize;
    private IndexMapping mapping;
    /**
     * Bin values of {@link #valuesMapping} by index, direct-mapped on the index's low bits: a bin
     * value costs ~35 ns (a cube root), and a minute's quantiles fall on a few hundred indexes.
     * Kept only for one mapping instance — {@link LatencySketch#create} shares one — so a cached
     * value is what {@code value(index)} of that immutable object returns.
     */
    private final int[] valueIndexes = new int[VALUE_SLOTS];
    private final double[] values = new double[VALUE_SLOTS];
    private IndexMapping valuesMapping;
    private double zeroCount;
    /**
     * A bin-less sketch that reads the zero count, which DDSketch keeps private: merging a sketch
     * into it adds exactly that count to 0 (its stores ignore the bins), and its {@code getCount()}
     * is then the zero count itself. Deriving it as count minus the bins' totals would be exact only
     * for integral counts.
     */
    private DDSketch zeroCountReader;

    /** Whether {@link #load} handles the sketch: dense stores, as {@link LatencySketch} creates and decodes. */
    static boolean handles(DDSketch sketch) {
        return sketch.getPositiveValueStore().getClass() == UnboundedSizeDenseStore.class
                && sketch.getNegativeValueStore().getClass() == UnboundedSizeDenseStore.class;
    }

    /** Collects the bins of a sketch that {@link #handles}; the previous sketch's are dropped. */
    SketchBins load(DDSketch sketch) {
        mapping = sketch.getIndexMapping();
        negative.load(sketch.getNegativeValueStore());
        positive.load(sketch.getPositiveValueStore());
        zeroCount = zeroCountOf(sketch);
        return this;
    }

    /** Frees bins of an unusually wide sketch, so that a thread does not hold them for good. */
    void trim() {
        negative.trim();
        positive.trim();
        if (buffer.bytes.length > 16 * RETAINED_BINS) {
            buffer = new Buffer();
            encodedMapping = null;
        }
    }

    private double zeroCountOf(DDSketch sketch) {
        if (zeroCountReader == null || !zeroCountReader.getIndexMapping().equals(mapping)) {
            zeroCountReader = new DDSketch(mapping, () -> NoBins.INSTANCE);
        }
        zeroCountReader.clear();
        zeroCountReader.mergeWith(sketch);
        return zeroCountReader.getCount();
    }

    /** {@code DDSketch.getCount()}: the same additions in the same order, so the same double. */
    double count() {
        return zeroCount + negative.total + positive.total;
    }

    /**
     * {@link LatencySketch#quantiles}: one walk up the bins (negative ones from the top, the zero
     * bucket, positive ones from the bottom) with DDSketch's rank rule — the first bin whose running
     * count exceeds {@code q × (count − 1)} — and DDSketch's bin values.
     */
    double[] quantiles(double[] qs) {
        double count = count();
        if (count == 0) {
            return null;
        }
        LatencySketch.checkAscending(qs);
        double[] out = new double[qs.length];
        int k = 0;
        double n = 0;
        Side neg = negative;
        for (int b = neg.size - 1; b >= 0 && k < qs.length; b--) {
            n += neg.counts[b];
            while (k < qs.length && n > qs[k] * (count - 1)) {
                out[k++] = -value(neg.indexes[b]);
            }
        }
        n += zeroCount;
        while (k < qs.length && n > qs[k] * (count - 1)) {
            out[k++] = 0;
        }
        Side pos = positive;
        for (int b = 0; b < pos.size && k < qs.length; b++) {
            n += pos.counts[b];
            while (k < qs.length && n > qs[k] * (count - 1)) {
                out[k++] = value(pos.indexes[b]);
            }
        }
        if (k < qs.length) { // counts that do not add up: the top bin, as LatencySketch always answered
            if (pos.empty) {
                throw new NoSuchElementException();
            }
            while (k < qs.length) {
                out[k++] = value(pos.maxIndex);
            }
        }
        return out;
    }

    /** {@code mapping.value(index)}, from {@link #values} when known. */
    private double value(int index) {
        if (mapping != valuesMapping) {
            // a slot's index is never slot + 1 (an index in another slot): all slots start empty
            for (int slot = 0; slot < VALUE_SLOTS; slot++) {
                valueIndexes[slot] = slot + 1;
            }
            valuesMapping = mapping;
        }
        int slot = index & (VALUE_SLOTS - 1);
        if (valueIndexes[slot] == index) {
            return values[slot];
        }
        double v = mapping.value(index);
        valueIndexes[slot] = index;
        values[slot] = v;
        return v;
    }

    /**
     * The bytes of {@code DDSketch.encode(output, false)}: the index mapping (its own encoder), the
     * zero count when not 0, then the positive and the negative store. A store is written as
     * contiguous counts (flag, number of slots, first index, index step 1, a count per slot) when that
     * is no longer than index deltas and counts (flag, number of bins, then per bin the index
     * difference to the previous bin and the count) — comparing sizes as the library does, without
     * the flag and without the sparse form's bin count. Integers are varints (7 bits a byte, least
     * significant first, a ninth byte taking 8 bits; signed ones zigzag-mapped), counts are
     * sketches-java's "var doubles"; both are explained at {@link #putUnsigned} and {@link #putVarDouble}.
     */
    byte[] toBytes() {
        Buffer b = buffer;
        if (mapping != encodedMapping) { // the buffer starts with the mapping's bytes: kept between sketches
            b.size = 0;
            try {
                mapping.encode(b);
            } catch (IOException e) {
                throw new IllegalStateException("cannot encode an index mapping in memory", e);
            }
            mappingSize = b.size;
            encodedMapping = mapping;
        }
        b.size = mappingSize;
        if (zeroCount != 0) {
            b.ensure(10);
            b.bytes[b.size] = ZERO_COUNT;
            b.size = putVarDouble(b.bytes, b.size + 1, zeroCount);
        }
        positive.write(b, POSITIVE_DENSE, POSITIVE_SPARSE);
        negative.write(b, NEGATIVE_DENSE, NEGATIVE_SPARSE);
        return Arrays.copyOf(b.bytes, b.size);
    }

    /** The non-empty bins of one store in ascending index order, with the store's index range. */
    private static final class Side implements BinAcceptor {
        int[] indexes = new int[64];
        double[] counts = new double[64];
        int size;
        /** The sum of the counts in ascending order: {@code DenseStore.getTotalCount()} bit for bit. */
        double total;
        boolean empty;
        int minIndex;
        int maxIndex;

        void load(Store store) {
            size = 0;
            total = 0;
            empty = store.isEmpty();
            if (!empty) {
                minIndex = store.getMinIndex();
                maxIndex = store.getMaxIndex();
                store.forEach(this); // DenseStore: the slots from minIndex to maxIndex, skipping zero counts
            }
        }

        @Override
        public void accept(int index, double count) {
            if (size == indexes.length) {
                indexes = Arrays.copyOf(indexes, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            indexes[size] = index;
            counts[size++] = count;
            total += count;
        }

        void trim() {
            if (indexes.length > RETAINED_BINS) {
                indexes = new int[64];
                counts = new double[64];
                size = 0;
            }
        }

        /**
         * Appends the store's encoding (nothing when empty). It is written as index deltas and counts
         * first — the form a minute's sketch takes, its ~50 bins being spread over several hundred
         * slots — which also yields the sizes of both forms; contiguous counts overwrite it when they
         * are no longer.
         */
        void write(Buffer out, byte denseFlag, byte sparseFlag) {
            if (empty) {
                return;
            }
            int start = out.size;
            out.ensure(10 + 18L * size);
            byte[] b = out.bytes;
            b[start] = sparseFlag;
            int p = putUnsigned(b, start + 1, size);
            int binsStart = p;
            long countBytes = 0;
            long previous = 0;
            for (int i = 0; i < size; i++) {
                p = putSigned(b, p, indexes[i] - previous);
                int countStart = p;
                p = putVarDouble(b, p, counts[i]);
                countBytes += p - countStart;
                previous = indexes[i];
            }
            long slots = (long) maxIndex - minIndex + 1;
            // a slot without count is the var double 0: one byte
            long denseSize = unsignedSize(slots) + signedSize(minIndex) + signedSize(1) + (slots - size) + countBytes;
            if (denseSize <= p - binsStart) {
                out.ensure(1 + denseSize - (p - start));
                p = writeDense(out.bytes, start, denseFlag, slots);
            }
            out.size = p;
        }

        private int writeDense(byte[] b, int p, byte flag, long slots) {
            b[p++] = flag;
            p = putUnsigned(b, p, slots);
            p = putSigned(b, p, minIndex);
            p = putSigned(b, p, 1);
            long slot = minIndex; // the next slot to write
            for (int i = 0; i < size; i++) {
                int zeros = (int) (indexes[i] - slot);
                Arrays.fill(b, p, p + zeros, (byte) 0); // the var double 0
                p = putVarDouble(b, p + zeros, counts[i]);
                slot = indexes[i] + 1L;
            }
            int zeros = (int) (maxIndex + 1L - slot);
            Arrays.fill(b, p, p + zeros, (byte) 0);
            return p + zeros;
        }
    }

    /**
     * Unsigned varint: 7 bits a byte from the least significant up, the high bit set when more
     * follow; after eight such bytes the ninth holds the remaining 8 bits whole (no marker needed).
     */
    static int putUnsigned(byte[] out, int p, long v) {
        for (int i = 0; i < 8 && (v >>> 7) != 0; i++) {
            out[p++] = (byte) (v | 0x80);
            v >>>= 7;
        }
        out[p++] = (byte) v;
        return p;
    }

    static int unsignedSize(long v) {
        int bits = 64 - Long.numberOfLeadingZeros(v);
        return bits <= 7 ? 1 : Math.min((bits + 6) / 7, 9);
    }

    /** Signed varint: zigzag (0, −1, 1, −2, … → 0, 1, 2, 3, …), then unsigned. */
    static int putSigned(byte[] out, int p, long v) {
        return putUnsigned(out, p, (v << 1) ^ (v >> 63));
    }

    static int signedSize(long v) {
        return unsignedSize((v << 1) ^ (v >> 63));
    }

    /**
     * sketches-java's var double, short for small whole counts: the bits of {@code v + 1} minus those
     * of 1.0 (a whole count up to 2^53 then has its value in the low mantissa and exponent bits, zeros
     * above), rotated left by 6 so that those zeros come last, then written 7 bits a byte from the most
     * significant down, the high bit set when more follow, stopping when only zeros remain; after eight
     * such bytes the ninth holds the last 8 bits whole. A count of 1 is one byte.
     */
    static int putVarDouble(byte[] out, int p, double v) {
        long bits = varDoubleBits(v);
        int n = varDoubleSize(bits);
        for (int i = 1; i < n && i < 9; i++) {
            out[p++] = (byte) ((bits >>> 57) | 0x80);
            bits <<= 7;
        }
        out[p++] = n == 9 ? (byte) (bits >>> 56) : (byte) (bits >>> 57);
        return p;
    }

    static int varDoubleSize(double v) {
        return varDoubleSize(varDoubleBits(v));
    }

    private static int varDoubleSize(long bits) {
        int significant = 64 - Long.numberOfTrailingZeros(bits); // up to the lowest one bit
        return significant <= 7 ? 1 : significant > 56 ? 9 : (significant + 6) / 7;
    }

    private static long varDoubleBits(double v) {
        return Long.rotateLeft(Double.doubleToRawLongBits(v + 1) - Double.doubleToRawLongBits(1.0), 6);
    }

    private static byte flagByte(Flag flag) {
        GrowingByteArrayOutput out = GrowingByteArrayOutput.withInitialCapacity(1);
        try {
            flag.encode(out);
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
        if (out.numWrittenBytes() != 1) {
            throw new ExceptionInInitializerError("a sketches-java flag is not one byte: " + flag);
        }
        return out.backingArray()[0];
    }

    /** The bytes being written: the index mapping (its own encoder writes them here), then the rest. */
    private static final class Buffer implements Output {
        byte[] bytes = new byte[256];
        int size;

        /** Room for {@code more} bytes after {@link #size}. */
        void ensure(long more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.toIntExact(Math.max(size + more, 2L * bytes.length)));
            }
        }

        @Override
        public void writeByte(byte value) {
            ensure(1);
            bytes[size++] = value;
        }
    }

    /** The stores of {@link #zeroCountReader}: hold nothing, take nothing. */
    private static final class NoBins implements Store {
        static final NoBins INSTANCE = new NoBins();

        @Override
        public void add(int index, double count) {}

        @Override
        public void mergeWith(Store store) {}

        @Override
        public Store copy() {
            return this;
        }

        @Override
        public void clear() {}

        @Override
        public boolean isEmpty() {
            return true;
        }

        @Override
        public double getTotalCount() {
            return 0;
        }

        @Override
        public void forEach(BinAcceptor acceptor) {}

        @Override
        public Iterator<Bin> getAscendingIterator() {
            return Collections.emptyIterator();
        }

        @Override
        public Iterator<Bin> getDescendingIterator() {
            return Collections.emptyIterator();
        }

        @Override
        public void encode(Output output, Flag.Type storeFlagType) {}
    }
}
