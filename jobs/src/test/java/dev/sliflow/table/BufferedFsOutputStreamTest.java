package dev.sliflow.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Random;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The buffer keeps every byte in order, and its position counts the bytes not yet written through. */
class BufferedFsOutputStreamTest {
    @TempDir
    java.nio.file.Path dir;

    @Test
    void bytesSmallAndLargeArriveInOrderAndThePositionCountsTheBufferedOnes() throws Exception {
        java.nio.file.Path file = dir.resolve("f.bin");
        FSDataOutputStream raw = FileSystem.getLocalFileSystem().create(new Path(file.toUri()), FileSystem.WriteMode.OVERWRITE);
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        Random rnd = new Random(7);
        try (BufferedFsOutputStream out = new BufferedFsOutputStream(raw)) {
            for (int i = 0; i < 2_000; i++) {
                int kind = rnd.nextInt(10);
                if (kind < 6) {
                    int b = rnd.nextInt(256);
                    out.write(b);
                    expected.write(b);
                } else {
                    // arrays below, near and above the buffer's size, at an offset
                    int len = kind == 9 ? BufferedFsOutputStream.BUFFER_BYTES + rnd.nextInt(1000) : rnd.nextInt(3000);
                    byte[] a = new byte[len + 5];
                    rnd.nextBytes(a);
                    out.write(a, 5, len);
                    expected.write(a, 5, len);
                }
                assertThat(out.getPos()).isEqualTo(expected.size());
                if (i == 1_000) {
                    out.flush();
                    assertThat(Files.size(file)).as("flush writes the buffer through").isEqualTo(expected.size());
                }
            }
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(expected.toByteArray());
    }
}
