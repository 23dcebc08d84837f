package dev.sliflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded cluster's working folder is removed at exit even while Flink's own shutdown hooks
 * still delete and write files in it (a fresh-clone CI once found the folder left behind).
 */
class WorkDirCleanupTest {
    @TempDir
    Path tmp;

    @Test
    void theFolderGoesEvenWhileAnotherThreadStillWritesInIt() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("sliflow-flink-x").resolve("minicluster_1").resolve("blobStorage"));
        for (int i = 0; i < 200; i++) {
            Files.writeString(dir.resolve("blob-" + i), "x");
        }
        AtomicInteger written = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong deletingSince = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(2);
        // Flink's hook: keeps writing during the first 200 ms of the deletion (well inside its 2 s of retries), then
        // stops, or stops when the folder is gone
        Thread flinkHook = new Thread(() -> {
            while (deletingSince.get() == 0 || System.nanoTime() - deletingSince.get() < 200_000_000L) {
                try {
                    Files.writeString(dir.resolve("late-" + written.incrementAndGet()), "x");
                } catch (IOException e) {
                    return; // the folder is gone
                }
                writing.countDown();
            }
        });
        flinkHook.start();
        assertThat(writing.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("the other thread writes").isTrue();
        deletingSince.set(System.nanoTime());
        EmbeddedCluster.deleteQuietly(tmp.resolve("sliflow-flink-x"));
        flinkHook.join();
        assertThat(written.get()).as("files were written before the deletion").isGreaterThanOrEqualTo(2);
        assertThat(tmp.resolve("sliflow-flink-x")).doesNotExist();
    }
}
