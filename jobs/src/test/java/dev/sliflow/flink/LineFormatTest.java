package dev.sliflow.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader's behaviour when an input file misbehaves under it (jobs/OPERATIONS.md): every failure
 * is an {@link InputFileException} naming the file and the problem — never a hang, never a silently
 * short read.
 */
class LineFormatTest {
    @TempDir
    Path tmp;

    static final String LINE = "10.0.0.1 - - [01/Mar/2026:00:00:00 +0000] \"GET /api/v1/items/%d HTTP/1.1\" 200 512"
            + " \"-\" \"curl/8\" 0.012 0.010";

    static Path plain(Path file, int lines) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= lines; i++) {
            b.append(String.format(LINE, i)).append('\n');
        }
        Files.writeString(file, b, StandardCharsets.UTF_8);
        return file;
    }

    static FileSourceSplit split(Path file) throws IOException {
        long size = Files.exists(file) ? Files.size(file) : 0;
        return new FileSourceSplit("0", new org.apache.flink.core.fs.Path(file.toUri()), 0, size, 0, size);
    }

    static BulkFormat.Reader<RawLines> reader(FileSourceSplit split) throws IOException {
        return new LineFormat().createReader(new Configuration(), split);
    }

    /** Reads up to {@code batches} batches (all when negative); returns the number of lines. */
    static long read(BulkFormat.Reader<RawLines> r, int batches) throws IOException {
        return read(r, batches, 0);
    }

    /** Like {@link #read(BulkFormat.Reader, int)}, checking line numbers continue after {@code done}. */
    static long read(BulkFormat.Reader<RawLines> r, int batches, long done) throws IOException {
        long n = 0;
        BulkFormat.RecordIterator<RawLines> it;
        for (int b = 0; b != batches && (it = r.readBatch()) != null; b++) {
            RecordAndPosition<RawLines> rec;
            while ((rec = it.next()) != null) {
                assertThat(rec.getRecord().firstLineNo).isEqualTo(done + n + 1);
                n += rec.getRecord().count;
            }
            it.releaseBatch();
        }
        return n;
    }

    /** The text of line {@code i} of a chunk. */
    static String line(RawLines c, int i) {
        int from = i == 0 ? 0 : c.ends[i - 1];
        return new String(c.data, from, c.ends[i] - from, StandardCharsets.UTF_8);
    }

    @Test
    void aChunksArraysAreReusedOnlyAfterItsBatchIsReleased() throws Exception {
        Path f = plain(tmp.resolve("access.log"), 20_000);
        try (BulkFormat.Reader<RawLines> r = reader(split(f))) {
            BulkFormat.RecordIterator<RawLines> it1 = r.readBatch();
            RawLines c1 = it1.next().getRecord();
            BulkFormat.RecordIterator<RawLines> it2 = r.readBatch();
            RawLines c2 = it2.next().getRecord();
            // two chunks in flight (the source's hand-over queue holds two): separate arrays
            assertThat(c2.data).isNotSameAs(c1.data);
            assertThat(c2.ends).isNotSameAs(c1.ends);
            assertThat(line(c1, 0)).isEqualTo(String.format(LINE, 1));
            assertThat(line(c2, 0)).isEqualTo(String.format(LINE, 1025));
            it1.releaseBatch();
            BulkFormat.RecordIterator<RawLines> it3 = r.readBatch();
            RawLines c3 = it3.next().getRecord();
            // the released chunk's arrays carry the next lines; the unreleased one is untouched
            assertThat(c3.data).isSameAs(c1.data);
            assertThat(c3.ends).isSameAs(c1.ends);
            assertThat(line(c3, 0)).isEqualTo(String.format(LINE, 2049));
            assertThat(line(c3, 1023)).isEqualTo(String.format(LINE, 3072));
            assertThat(line(c2, 0)).isEqualTo(String.format(LINE, 1025));
            assertThat(line(c2, 1023)).isEqualTo(String.format(LINE, 2048));
            it2.releaseBatch();
            it3.releaseBatch();
            // and the rest of the file reads as before, every line in order
            long n = 0;
            BulkFormat.RecordIterator<RawLines> it;
            while ((it = r.readBatch()) != null) {
                RawLines c = it.next().getRecord();
                for (int i = 0; i < c.count; i++) {
                    assertThat(line(c, i)).isEqualTo(String.format(LINE, c.firstLineNo + i));
                }
                n += c.count;
                it.releaseBatch();
            }
            assertThat(3 * 1024 + n).isEqualTo(20_000);
        }
    }

    @Test
    void aFileDeletedWhileBeingReadIsStillReadToItsEnd() throws Exception {
        Path f = plain(tmp.resolve("access.log"), 50_000);
        try (BulkFormat.Reader<RawLines> r = reader(split(f))) {
            long first = read(r, 1);
            assertThat(first).isEqualTo(1024);
            Files.delete(f); // POSIX: the open file stays readable until closed
            assertThat(Files.exists(f)).isFalse();
            assertThat(first + read(r, -1, first)).isEqualTo(50_000);
        }
    }

    @Test
    void aFileThatVanishesBetweenListingAndOpeningIsNamed() throws Exception {
        Path f = plain(tmp.resolve("rotated.log"), 10);
        FileSourceSplit s = split(f); // listed ...
        Files.delete(f); // ... then rotated away before its reader opens it
        assertThatThrownBy(() -> reader(s)).isInstanceOf(InputFileException.class)
                .hasMessage("input file " + f + ": vanished before it was read (deleted or moved after the input was listed)");
    }

    @Test
    void aGzipCutInTheMiddleFailsNamingTheFileAndTheLastLineRead() throws Exception {
        Path full = tmp.resolve("full.log.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(full))) {
            o.write(Files.readAllBytes(plain(tmp.resolve("src.log"), 20_000)));
        }
        Path cut = tmp.resolve("cut.log.gz");
        byte[] all = Files.readAllBytes(full);
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        try (BulkFormat.Reader<RawLines> r = reader(split(cut))) {
            assertThatThrownBy(() -> read(r, -1)).isInstanceOf(InputFileException.class)
                    .hasMessageStartingWith("input file " + cut + ": the compressed data ends early after line ")
                    .hasMessageContaining("a truncated or corrupt file: Unexpected end of ZLIB input stream");
        }
    }

    @Test
    void aPlainFileTruncatedWhileBeingReadFailsInsteadOfEndingShort() throws Exception {
        Path f = plain(tmp.resolve("access.log"), 100_000); // ~10 MB: far more than the first read
        FileSourceSplit s = split(f);
        try (BulkFormat.Reader<RawLines> r = reader(s)) {
            assertThat(read(r, 1)).isEqualTo(1024);
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                ch.truncate(s.length() / 2); // e.g. a copytruncate rotation during the read
            }
            assertThatThrownBy(() -> read(r, -1, 1024)).isInstanceOf(InputFileException.class)
                    .hasMessageStartingWith("input file " + f + ": shrank while being read: " + s.length()
                            + " bytes when listed, " + s.length() / 2 + " read");
        }
    }

    @Test
    void aFifoFailsAtOnceInsteadOfBlockingForever() throws Exception {
        Path fifo = tmp.resolve("pipe.log");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThatThrownBy(() -> reader(split(fifo))).isInstanceOf(InputFileException.class)
                .hasMessage("input file " + fifo + ": not a regular file (a FIFO, socket or device never ends or blocks)");
    }

    @Test
    void anIoErrorWhileReadingIsNamed() throws Exception {
        // /proc/self/mem: a regular file that everyone, root included, may open but reading offset 0 is EIO
        Path mem = tmp.resolve("mem.log");
        Files.createSymbolicLink(mem, Path.of("/proc/self/mem"));
        assertThat(Files.isReadable(mem)).isTrue();
        try (BulkFormat.Reader<RawLines> r = reader(split(mem))) {
            assertThatThrownBy(() -> read(r, -1)).isInstanceOf(InputFileException.class)
                    .hasMessage("input file " + mem + ": read failed after line 0: Input/output error");
        }
    }
}
