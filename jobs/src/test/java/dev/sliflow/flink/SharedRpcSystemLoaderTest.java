package dev.sliflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.rpc.RpcService;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.junit.jupiter.api.Test;

/**
 * The Pekko RPC system is loaded once per JVM: every {@code RpcSystem.load} (what each MiniCluster
 * start calls) goes through {@link SharedRpcSystemLoader}, gets systems backed by the same class
 * loader, and closing one (what each MiniCluster stop does) leaves the next one working.
 */
class SharedRpcSystemLoaderTest {
    @Test
    void everyClusterStartGetsTheSameRpcClassesAndClosingOneKeepsThemForTheNext() throws Exception {
        Configuration conf = new Configuration();
        RpcSystem first = RpcSystem.load(conf);
        Path jar = SharedRpcSystemLoader.jar();
        assertThat(jar).as("RpcSystem.load went through sliflow's loader").isNotNull();
        assertThat(Files.size(jar)).as("the extracted Pekko RPC jar").isGreaterThan(1_000_000);
        ClassLoader firstLoader = first.localServiceBuilder(conf).getClass().getClassLoader();
        assertThat(firstLoader).isNotSameAs(RpcSystem.class.getClassLoader()); // still isolated, as Flink does it
        first.close();

        RpcSystem second = RpcSystem.load(conf);
        assertThat(SharedRpcSystemLoader.jar()).isEqualTo(jar);
        assertThat(Files.exists(jar)).as("closing a system does not delete the shared jar").isTrue();
        assertThat(second.localServiceBuilder(conf).getClass().getClassLoader()).isSameAs(firstLoader);

        // the classes still work after the first system was closed: a real Pekko RPC service starts and stops
        RpcService service = second.localServiceBuilder(conf).createAndStart();
        try {
            // a task scheduled on the service's actor system runs
            assertThat(service.getScheduledExecutor().schedule(() -> 42, 1, TimeUnit.MILLISECONDS).get(30, TimeUnit.SECONDS))
                    .isEqualTo(42);
        } finally {
            service.closeAsync().get();
        }
        second.close();
    }

    @Test
    void jarsLeftByProcessesThatNoLongerRunAreRemovedAndOthersKept(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path dead = Files.writeString(dir.resolve(SharedRpcSystemLoader.JAR_PREFIX + gone.pid() + "-1.jar"), "x");
        Path alive = Files.writeString(dir.resolve(SharedRpcSystemLoader.JAR_PREFIX + ProcessHandle.current().pid() + "-2.jar"), "x");
        Path other = Files.writeString(dir.resolve("flink-rpc-akka-something.jar"), "x");
        SharedRpcSystemLoader.removeLeftovers(dir);
        assertThat(dead).doesNotExist();
        assertThat(alive).exists();
        assertThat(other).exists();
    }

    @Test
    void sliflowsLoaderIsTriedBeforeFlinksOwn() {
        assertThat(new SharedRpcSystemLoader().getLoadPriority()).isLessThan(0); // Flink's PekkoRpcSystemLoader: 0
    }
}
