package dev.sliflow.ingest;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reads gzip-compressed input (.gz logs): with Intel's ISA-L ({@code igzip}, the system library
 * {@code libisal.so.2}, Debian/Ubuntu package {@code libisal2}) when it is installed, else with the
 * JDK's {@link GZIPInputStream} (zlib). Both give the same bytes and fail the same way (an
 * {@link EOFException} for a truncated file, a {@link ZipException} for corrupt data); ISA-L
 * inflates ~2x faster, and inflating is ~20% of the CPU of an ingest of gzip-compressed logs.
 *
 * <p>The system property {@value #PROPERTY} chooses: {@code auto} (the default: ISA-L when it
 * loads), {@code jdk} (always the JDK's zlib) or {@code isal} (ISA-L or an error).
 */
public final class Gunzip {
    /** System property choosing the implementation: auto, jdk or isal. */
    public static final String PROPERTY = "sliflow.gzip";
    private static final int JDK_IN_BUFFER = 1 << 16;
    /** Whether this JVM opened a gzip stream (run summaries mention the inflater only then). */
    private static volatile boolean opened;

    private Gunzip() {}

    /** A stream of the decompressed bytes of {@code raw} (all its gzip members, as the JDK's). */
    public static InputStream open(InputStream raw) throws IOException {
        opened = true;
        switch (choice()) {
            case "jdk":
                return new GZIPInputStream(raw, JDK_IN_BUFFER);
            case "isal":
                if (!Isal.AVAILABLE) {
                    throw new IOException("-D" + PROPERTY + "=isal, but ISA-L cannot be used: " + Isal.PROBLEM);
                }
                return new IsalInputStream(raw);
            default:
                return Isal.AVAILABLE ? new IsalInputStream(raw) : new GZIPInputStream(raw, JDK_IN_BUFFER);
        }
    }

    /**
     * The value of {@value #PROPERTY}, checked (commands call it before a job starts).
     *
     * @throws IllegalArgumentException when it is not auto, jdk or isal
     */
    public static String choice() {
        String choice = System.getProperty(PROPERTY, "auto");
        if (!choice.equals("auto") && !choice.equals("jdk") && !choice.equals("isal")) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + choice + ": expected auto, jdk or isal");
        }
        return choice;
    }

    /**
     * {@link #implementation()} when this JVM has read gzip input, else null: a run of plain files, or
     * a client whose job ran on a cluster (where each TaskManager chose for itself), says nothing.
     */
    public static String implementationUsed() {
        return opened ? implementation() : null;
    }

    /** Whether ISA-L loaded (and inflated a test stream correctly). */
    public static boolean isalAvailable() {
        return Isal.AVAILABLE;
    }

    /** What {@link #open} uses, for run summaries: "ISA-L (libisal)" or "the JDK's zlib (…why…)". */
    public static String implementation() {
        if ("jdk".equals(choice())) {
            return "the JDK's zlib (-D" + PROPERTY + "=jdk)";
        }
        return Isal.AVAILABLE ? "ISA-L (libisal)" : "the JDK's zlib (" + Isal.PROBLEM + ")";
    }

    /** The ISA-L functions, bound once (JNA direct mapping); unavailable when the library is missing. */
    static final class Isal {
        static final boolean AVAILABLE;
        static final String PROBLEM;

        static {
            String problem = null;
            NativeLibrary lib = null;
            try {
                lib = NativeLibrary.getInstance("isal");
            } catch (UnsatisfiedLinkError e) { // JNA's long list of where it looked: the usual cause, said briefly
                problem = "libisal.so.2 not found; install libisal2 to read .gz logs ~2x faster";
            } catch (RuntimeException | LinkageError e) {
                problem = "JNA could not look for libisal: " + e;
            }
            if (lib != null) {
                try {
                    Native.register(Isal.class, lib);
                    problem = selfTest();
                } catch (IOException | RuntimeException | LinkageError e) {
                    problem = "libisal (" + lib.getFile() + ") could not be used: " + e;
                }
            }
            AVAILABLE = problem == null;
            PROBLEM = problem;
        }

        static native void isal_inflate_init(Pointer state);

        static native void isal_inflate_reset(Pointer state);

        static native int isal_inflate(Pointer state);

        /** Inflates a known stream of two members: null when the bytes come back right. */
        private static String selfTest() throws IOException {
            byte[] line = "GET /api/v1/items?id=12345 HTTP/1.1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] text = new byte[100_000];
            for (int i = 0; i < text.length; i++) {
                text[i] = i % 89 == 0 ? (byte) ('a' + i % 26) : line[i % line.length];
            }
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            for (int m = 0; m < 2; m++) {
                try (GZIPOutputStream out = new GZIPOutputStream(new NonClosing(gz))) {
                    out.write(text);
                }
            }
            byte[] back;
            try (InputStream in = new IsalInputStream(new ByteArrayInputStream(gz.toByteArray()))) {
                back = in.readAllBytes();
            }
            byte[] expected = Arrays.copyOf(text, text.length * 2);
            System.arraycopy(text, 0, expected, text.length, text.length);
            return Arrays.equals(back, expected) ? null : "libisal's isal_inflate gave wrong bytes in a self-test";
        }
    }

    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() {}
    }

    /**
     * gzip (RFC 1952) over ISA-L's raw-deflate {@code isal_inflate}: the member headers and trailers
     * (CRC-32 and length, checked as the JDK does) are read here, the deflate data by ISA-L from
     * native buffers. Only the leading fields of ISA-L's {@code struct inflate_state} are touched
     * (their offsets have been the same in every ISA-L 2.x release); the struct itself is allocated
     * larger than its 87,368 bytes in ISA-L 2.30.
     */
    static final class IsalInputStream extends InputStream {
        private static final int STATE_BYTES = 1 << 17;
        // offsets in struct inflate_state
        private static final int NEXT_OUT = 0;
        private static final int AVAIL_OUT = 8;
        private static final int NEXT_IN = 16;
        private static final int READ_IN = 24;
        private static final int AVAIL_IN = 32;
        private static final int READ_IN_LENGTH = 36;
        /**
         * Input bytes kept before newly read ones: when a member's deflate data ends, ISA-L gives back
         * the up to 8 bytes it had read ahead by moving {@code next_in} back, possibly into the bytes
         * of an earlier read.
         */
        private static final int HISTORY = 16;
        private static final int IN = 1 << 16;
        private static final int OUT = 1 << 18;
        private static final int FHCRC = 2;
        private static final int FEXTRA = 4;
        private static final int FNAME = 8;
        private static final int FCOMMENT = 16;

        private final InputStream in;
        private final Memory state = new Memory(STATE_BYTES);
        private final Memory inBuf = new Memory(HISTORY + IN);
        private final Memory outBuf = new Memory(OUT);
        private final long inAddr = Pointer.nativeValue(inBuf);
        private final byte[] chunk = new byte[IN];
        private final byte[] one = new byte[1];
        private final CRC32 crc = new CRC32();
        /** Unconsumed input: inBuf[inStart, inEnd). */
        private int inStart = HISTORY;
        private int inEnd = HISTORY;
        private boolean inputEnded;
        /** Input bytes ISA-L had taken into its bit buffer when a member's deflate data ended. */
        private byte[] readAhead = new byte[0];
        private int readAheadPos;
        /** Inflated bytes not yet handed out: outBuf[outPos, outLim). */
        private int outPos;
        private int outLim;
        /** Bytes of the current member handed out (its trailer holds them mod 2^32). */
        private long memberBytes;
        private boolean eof;
        private boolean closed;

        IsalInputStream(InputStream in) throws IOException {
            this.in = in;
            state.clear();
            Isal.isal_inflate_init(state);
            try {
                readHeader(); // as GZIPInputStream: an empty or non-gzip input fails here
            } catch (IOException | RuntimeException e) {
                free();
                throw e;
            }
        }

        @Override
        public int read() throws IOException {
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("Stream closed");
            }
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            while (outPos == outLim) {
                if (eof) {
                    return -1;
                }
                inflateMore();
            }
            int n = Math.min(len, outLim - outPos);
            outBuf.read(outPos, b, off, n);
            crc.update(b, off, n);
            memberBytes += n;
            outPos += n;
            return n;
        }

        /** One call of isal_inflate: output, input consumed, or the member's end. */
        private void inflateMore() throws IOException {
            if (inStart == inEnd && !inputEnded) {
                refill();
            }
            int avail = inEnd - inStart;
            state.setPointer(NEXT_IN, inBuf.share(inStart));
            state.setInt(AVAIL_IN, avail);
            state.setPointer(NEXT_OUT, outBuf);
            state.setInt(AVAIL_OUT, OUT);
            int ret = Isal.isal_inflate(state);
            if (ret < 0) {
                throw new ZipException(error(ret));
            }
            int produced = OUT - state.getInt(AVAIL_OUT);
            int newStart = (int) (Pointer.nativeValue(state.getPointer(NEXT_IN)) - inAddr);
            if (newStart < 0 || newStart > inEnd || state.getInt(AVAIL_IN) != inEnd - newStart) {
                throw new IllegalStateException("ISA-L moved its input outside the buffer given (offset " + newStart + ")");
            }
            boolean consumed = newStart != inStart;
            inStart = newStart;
            if (produced > 0) {
                outPos = 0;
                outLim = produced;
                return;
            }
            if (consumed) {
                return;
            }
            if (inStart < inEnd) {
                // input left, room for output, and nothing taken or given: the deflate data has ended
                endOfMember(false);
            } else if (inputEnded) {
                endOfMember(true); // truncated, unless ISA-L had read the whole trailer ahead
            }
        }

        /** Checks the member's trailer; starts the next member, or ends the stream as the JDK does. */
        private void endOfMember(boolean inputGone) throws IOException {
            // ISA-L before 2.31 keeps the bytes it read ahead in its bit buffer (later ones move next_in
            // back, leaving none there): after the final block's padding bits they are the trailer's first
            int bits = state.getInt(READ_IN_LENGTH);
            if (bits < 0 || bits > 64) {
                throw new IllegalStateException("ISA-L's bit buffer holds " + bits + " bits at the end of a member");
            }
            long readIn = state.getLong(READ_IN);
            readAhead = new byte[bits >>> 3];
            for (int i = 0; i < readAhead.length; i++) {
                readAhead[i] = (byte) (readIn >>> ((bits & 7) + 8 * i));
            }
            readAheadPos = 0;
            long expectedCrc;
            long expectedSize;
            try {
                expectedCrc = readUInt();
                expectedSize = readUInt();
            } catch (EOFException e) {
                throw new EOFException("Unexpected end of ZLIB input stream");
            }
            if (expectedCrc != crc.getValue() || expectedSize != (memberBytes & 0xffffffffL)) {
                throw inputGone ? new EOFException("Unexpected end of ZLIB input stream") : new ZipException("Corrupt GZIP trailer");
            }
            if (readAheadPos < readAhead.length) {
                throw new IllegalStateException("ISA-L read more than a gzip trailer ahead");
            }
            if (!hasInput()) {
                eof = true;
                return;
            }
            try {
                readHeader();
            } catch (IOException e) {
                eof = true; // bytes after the last member that are no gzip member: ignored (GZIPInputStream)
                return;
            }
            Isal.isal_inflate_reset(state);
        }

        private void readHeader() throws IOException {
            crc.reset();
            memberBytes = 0;
            CRC32 headerCrc = new CRC32();
            int id1 = readUByte(headerCrc);
            int id2 = readUByte(headerCrc);
            if (id1 != 0x1f || id2 != 0x8b) {
                throw new ZipException("Not in GZIP format");
            }
            if (readUByte(headerCrc) != 8) {
                throw new ZipException("Unsupported compression method");
            }
            int flags = readUByte(headerCrc);
            for (int i = 0; i < 6; i++) { // MTIME, XFL, OS
                readUByte(headerCrc);
            }
            if ((flags & FEXTRA) != 0) {
                int xlen = readUByte(headerCrc) | readUByte(headerCrc) << 8;
                for (int i = 0; i < xlen; i++) {
                    readUByte(headerCrc);
                }
            }
            if ((flags & FNAME) != 0) {
                while (readUByte(headerCrc) != 0) {
                    // file name
                }
            }
            if ((flags & FCOMMENT) != 0) {
                while (readUByte(headerCrc) != 0) {
                    // comment
                }
            }
            if ((flags & FHCRC) != 0) {
                int v = (int) headerCrc.getValue() & 0xffff;
                if ((readUByte(null) | readUByte(null) << 8) != v) {
                    throw new ZipException("Corrupt GZIP header");
                }
            }
        }

        private long readUInt() throws IOException {
            long v = 0;
            for (int i = 0; i < 4; i++) {
                v |= (long) readUByte(null) << (8 * i);
            }
            return v;
        }

        private int readUByte(CRC32 headerCrc) throws IOException {
            int v;
            if (readAheadPos < readAhead.length) {
                v = readAhead[readAheadPos++] & 0xff;
            } else if (hasInput()) {
                v = inBuf.getByte(inStart++) & 0xff;
            } else {
                throw new EOFException();
            }
            if (headerCrc != null) {
                headerCrc.update(v);
            }
            return v;
        }

        private boolean hasInput() throws IOException {
            while (inStart == inEnd) {
                if (inputEnded) {
                    return false;
                }
                refill();
            }
            return true;
        }

        /** Reads the next input after the last {@link #HISTORY} bytes of the earlier input. */
        private void refill() throws IOException {
            inBuf.write(0, inBuf.getByteArray(inEnd - HISTORY, HISTORY), 0, HISTORY);
            int n = in.read(chunk, 0, IN);
            if (n < 0) {
                inputEnded = true;
                inStart = inEnd = HISTORY;
                return;
            }
            inBuf.write(HISTORY, chunk, 0, n);
            inStart = HISTORY;
            inEnd = HISTORY + n;
        }

        private static String error(int ret) {
            switch (ret) {
                case -1:
                    return "invalid deflate block (ISA-L ISAL_INVALID_BLOCK)";
                case -2:
                    return "invalid deflate symbol (ISA-L ISAL_INVALID_SYMBOL)";
                case -3:
                    return "invalid distance too far back (ISA-L ISAL_INVALID_LOOKBACK)";
                default:
                    return "corrupt deflate data (ISA-L isal_inflate returned " + ret + ")";
            }
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                free();
                in.close();
            }
        }

        private void free() {
            state.close();
            inBuf.close();
            outBuf.close();
        }
    }
}
