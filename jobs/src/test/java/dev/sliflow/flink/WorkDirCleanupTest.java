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
        Thread flinkHook = new Thread(() -> {
            long end = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < end) {
                try {
                    Files.writeString(dir.resolve("late-" + written.incrementAndGet()), "x");
                    Thread.sleep(2);
                } catch (IOException e) {
                    return; // the folder is gone
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        flinkHook.start();
        Thread.sleep(20);
        EmbeddedCluster.deleteQuietly(tmp.resolve("sliflow-flink-x"));
        flinkHook.join();
        assertThat(written.get()).as("files were written during the deletion").isGreaterThan(1);
        assertThat(tmp.resolve("sliflow-flink-x")).doesNotExist();
    }
}
