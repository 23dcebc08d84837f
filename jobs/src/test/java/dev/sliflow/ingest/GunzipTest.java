package dev.sliflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Gunzip}'s ISA-L stream against the JDK's {@link GZIPInputStream} as the reference: the same
 * bytes for every stream the JDK reads (any compression level and strategy, several members, every
 * optional header field, read in pieces of any size), and a failure wherever the JDK fails (truncated
 * at every length, a byte changed at every position), of the same kind for a truncated stream. One
 * difference, on purpose: a last member cut within its first 26 bytes fails as truncated, where the
 * JDK ends the stream without an error (and without the member's lines).
 *
 * <p>ISA-L is a system library ({@code libisal2}); {@code ./sliflow test} installs it, as CI does.
 */
class GunzipTest {
    @BeforeAll
    static void isalIsInstalled() {
        Assumptions.assumeTrue(Gunzip.isalAvailable(), () -> "libisal2 is not installed (./sliflow test installs it): "
                + Gunzip.implementation());
    }

    @Test
    void sameBytesAsTheJdkForManyShapesOfGzip() throws IOException {
        Random rnd = new Random(20261203);
        for (int round = 0; round < 300; round++) {
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            int members = 1 + rnd.nextInt(3);
            for (int m = 0; m < members; m++) {
                gz.write(member(content(rnd), rnd.nextInt(10) - 1, rnd.nextInt(3), rnd.nextInt(32), rnd));
            }
            byte[] file = gz.toByteArray();
            byte[] expected = jdk(file);
            byte[] actual = isal(file, 1 + rnd.nextInt(rnd.nextBoolean() ? 100 : 1 << 20));
            assertArrayEquals(expected, actual, "round " + round);
        }
    }

    @Test
    void aGeneratedLogLikeTheBenchmarkOnesRoundTrips() throws IOException {
        StringBuilder sb = new StringBuilder();
        Random rnd = new Random(5);
        for (int i = 0; i < 60_000; i++) {
            sb.append("10.0.").append(rnd.nextInt(256)).append('.').append(rnd.nextInt(256))
                    .append(" - - [01/Mar/2026:00:").append(String.format("%02d:%02d", i / 1000 % 60, i % 60))
                    .append(" +0000] \"GET /api/v1/items/").append(rnd.nextInt(100_000)).append(" HTTP/1.1\" 200 ")
                    .append(rnd.nextInt(5000)).append(" \"-\" \"curl/8.5\" 0.0").append(rnd.nextInt(100)).append('\n');
        }
        byte[] text = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] file = member(text, 6, 0, 0, rnd);
        assertArrayEquals(text, isal(file, 1 << 20));
        assertArrayEquals(text, isal(file, 7));
        try (InputStream in = new Gunzip.IsalInputStream(new ByteArrayInputStream(file))) { // byte by byte
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int c; (c = in.read()) >= 0; ) {
                out.write(c);
            }
            assertArrayEquals(text, out.toByteArray());
        }
    }

    @Test
    void theSampleDatasetsFilesReadTheSame() throws IOException {
        Path dir = Path.of("datasets/sample/nginx");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("../datasets/sample/nginx");
        }
        int n = 0;
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".gz"))::iterator) {
                byte[] file = Files.readAllBytes(f);
                assertArrayEquals(jdk(file), isal(file, 1 << 16), f.toString());
                n++;
            }
        }
        assertThat(n).isGreaterThan(0);
    }

    @Test
    void aTruncatedStreamFailsAtEveryLengthAsTheJdkDoes() throws IOException {
        Random rnd = new Random(7);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        gz.write(member(small(rnd), 6, 0, 8 | 16, rnd)); // with a name and a comment
        int first = gz.size();
        gz.write(member("second member\n".repeat(300).getBytes(StandardCharsets.UTF_8), 9, 0, 2, rnd)); // header CRC
        byte[] file = gz.toByteArray();
        int stricter = 0;
        for (int len = 0; len < file.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(file, len);
            Outcome jdk = outcome(() -> jdk(cut));
            Outcome isal = outcome(() -> isal(cut, 4096));
            String where = "cut at " + len + " of " + file.length + " (first member " + first + " bytes)";
            if (len > first && len - first <= 26 && jdk.bytes != null) {
                // The JDK takes at most 26 bytes after a member, when its input has no more available, for
                // no next member (GZIPInputStream.readTrailer): a second member cut within its first 26
                // bytes vanishes without an error. Here the cut is reported, as any truncated gzip is.
                if (isal.bytes == null) {
                    assertEquals("EOFException", isal.failure, where);
                    stricter++;
                    continue;
                }
            }
            assertEquals(jdk, isal, where);
        }
        assertThat(stricter).as("cuts in the second member's first bytes reported").isGreaterThan(0);
    }

    @Test
    void aChangedByteFailsWhereTheJdkFails() throws IOException {
        Random rnd = new Random(11);
        byte[] file = member(small(rnd), 6, 0, 0, rnd);
        for (int pos = 0; pos < file.length; pos++) {
            byte[] bad = file.clone();
            bad[pos] ^= (byte) (1 + rnd.nextInt(255));
            Outcome jdk = outcome(() -> jdk(bad));
            Outcome isal = outcome(() -> isal(bad, 1 << 16));
            if (jdk.bytes != null) {
                assertEquals(jdk, isal, "byte " + pos + " changed (the JDK reads it)");
            } else {
                assertThat(isal.bytes).as("byte %d changed: the JDK fails with %s", pos, jdk.failure).isNull();
            }
        }
    }

    @Test
    void bytesAfterTheLastMemberThatAreNoGzipAreIgnoredAsByTheJdk() throws IOException {
        Random rnd = new Random(3);
        byte[] text = content(rnd);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        gz.write(member(text, 6, 0, 0, rnd));
        gz.write(new byte[] {0, 0, 0, 0, 'x', 'y'});
        byte[] file = gz.toByteArray();
        assertArrayEquals(jdk(file), isal(file, 1 << 16));
        assertArrayEquals(text, isal(file, 1 << 16));
    }

    @Test
    void notGzipAndEmptyInputFailAtOpen() {
        assertThatThrownBy(() -> isal(new byte[0], 10)).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> isal("plain text, not gzip".getBytes(StandardCharsets.UTF_8), 10))
                .isInstanceOf(java.util.zip.ZipException.class).hasMessage("Not in GZIP format");
    }

    @Test
    void thePropertyChoosesTheImplementationAndIsChecked() throws IOException {
        String before = System.getProperty(Gunzip.PROPERTY);
        try {
            System.setProperty(Gunzip.PROPERTY, "jdk");
            byte[] file = member("x\n".getBytes(StandardCharsets.UTF_8), 6, 0, 0, new Random(1));
            try (InputStream in = Gunzip.open(new ByteArrayInputStream(file))) {
                assertThat(in).isInstanceOf(GZIPInputStream.class);
            }
            assertThat(Gunzip.implementation()).startsWith("the JDK's zlib");
            System.setProperty(Gunzip.PROPERTY, "isal");
            try (InputStream in = Gunzip.open(new ByteArrayInputStream(file))) {
                assertThat(in).isInstanceOf(Gunzip.IsalInputStream.class);
            }
            assertThat(Gunzip.implementation()).isEqualTo("ISA-L (libisal)");
            assertThat(Gunzip.implementationUsed()).as("a gzip stream was opened").isEqualTo("ISA-L (libisal)");
            System.setProperty(Gunzip.PROPERTY, "zlib-ng");
            assertThatThrownBy(Gunzip::choice).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("-Dsliflow.gzip=zlib-ng: expected auto, jdk or isal");
        } finally {
            if (before == null) {
                System.clearProperty(Gunzip.PROPERTY);
            } else {
                System.setProperty(Gunzip.PROPERTY, before);
            }
        }
    }

    /** What reading gave: the bytes, or the failure's kind (EOFException apart from other IOExceptions). */
    private static final class Outcome {
        final byte[] bytes;
        final String failure;

        Outcome(byte[] bytes, String failure) {
            this.bytes = bytes;
            this.failure = failure;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Outcome && java.util.Arrays.equals(bytes, ((Outcome) o).bytes)
                    && java.util.Objects.equals(failure, ((Outcome) o).failure);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return bytes != null ? bytes.length + " bytes" : failure;
        }
    }

    private interface Read {
        byte[] get() throws IOException;
    }

    private static Outcome outcome(Read r) {
        try {
            return new Outcome(r.get(), null);
        } catch (EOFException e) {
            return new Outcome(null, "EOFException");
        } catch (IOException e) {
            return new Outcome(null, "IOException");
        }
    }

    private static byte[] jdk(byte[] file) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(file))) {
            return in.readAllBytes();
        }
    }

    /** Reads through ISA-L from a source handing out at most {@code piece} bytes per read. */
    private static byte[] isal(byte[] file, int piece) throws IOException {
        InputStream src = new ByteArrayInputStream(file) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, piece));
            }
        };
        try (InputStream in = new Gunzip.IsalInputStream(src)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[1 + piece % 70_000];
            for (int n; (n = in.read(buf, 0, buf.length)) >= 0; ) {
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    /** ~6 KB of log-like text with some randomness (a small compressed stream of several blocks). */
    private static byte[] small(Random rnd) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 6000) {
            sb.append("10.1.2.").append(rnd.nextInt(256)).append(" - - \"GET /p/").append(rnd.nextInt(10_000))
                    .append("\" ").append(200 + rnd.nextInt(4)).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Content of a random shape: text lines, random bytes, runs, or nothing. */
    private static byte[] content(Random rnd) {
        int kind = rnd.nextInt(5);
        int size = rnd.nextInt(4) == 0 ? rnd.nextInt(100) : rnd.nextInt(300_000);
        byte[] b = new byte[size];
        switch (kind) {
            case 0:
                rnd.nextBytes(b);
                break;
            case 1:
                for (int i = 0; i < size; i++) {
                    b[i] = (byte) (rnd.nextInt(20) == 0 ? '\n' : 'a' + rnd.nextInt(26));
                }
                break;
            case 2:
                for (int i = 0; i < size; i++) {
                    b[i] = (byte) ((i / (1 + rnd.nextInt(1000))) & 3);
                }
                break;
            case 3:
                return new byte[0];
            default:
                byte[] line = "127.0.0.1 - - [01/Mar/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 12 \"-\" \"x\" 0.012\n"
                        .getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < size; i++) {
                    b[i] = line[i % line.length];
                }
        }
        return b;
    }

    /**
     * One gzip member written by hand (RFC 1952): deflate {@code level} (-1 default, 0 stored) and
     * {@code strategy} (0 default, 1 filtered, 2 Huffman only), {@code flags} FHCRC 2, FEXTRA 4,
     * FNAME 8, FCOMMENT 16.
     */
    static byte[] member(byte[] data, int level, int strategy, int flags, Random rnd) {
        flags &= 2 | 4 | 8 | 16;
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(0x1f);
        h.write(0x8b);
        h.write(8);
        h.write(flags);
        for (int i = 0; i < 6; i++) {
            h.write(rnd.nextInt(256));
        }
        if ((flags & 4) != 0) {
            int xlen = rnd.nextInt(40);
            h.write(xlen & 0xff);
            h.write(xlen >>> 8);
            for (int i = 0; i < xlen; i++) {
                h.write(rnd.nextInt(256));
            }
        }
        if ((flags & 8) != 0) {
            h.writeBytes("access.log".getBytes(StandardCharsets.ISO_8859_1));
            h.write(0);
        }
        if ((flags & 16) != 0) {
            h.writeBytes("a comment".getBytes(StandardCharsets.ISO_8859_1));
            h.write(0);
        }
        if ((flags & 2) != 0) {
            CRC32 c = new CRC32();
            c.update(h.toByteArray());
            int v = (int) c.getValue();
            h.write(v & 0xff);
            h.write((v >>> 8) & 0xff);
        }
        Deflater d = new Deflater(level, true);
        d.setStrategy(strategy == 1 ? Deflater.FILTERED : strategy == 2 ? Deflater.HUFFMAN_ONLY : Deflater.DEFAULT_STRATEGY);
        d.setInput(data);
        d.finish();
        byte[] buf = new byte[65536];
        while (!d.finished()) {
            h.write(buf, 0, d.deflate(buf));
        }
        d.end();
        CRC32 crc = new CRC32();
        crc.update(data);
        long c = crc.getValue();
        for (int i = 0; i < 4; i++) {
            h.write((int) (c >>> (8 * i)) & 0xff);
        }
        for (int i = 0; i < 4; i++) {
            h.write((data.length >>> (8 * i)) & 0xff);
        }
        return h.toByteArray();
    }
}
