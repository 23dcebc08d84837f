package dev.sliflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.rpc.RpcService;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.junit.jupiter.api.Test;

/**
 * The Pekko RPC system is loaded once per JVM, from the class path: every {@code RpcSystem.load} (what each
 * MiniCluster start calls) goes through {@link SharedRpcSystemLoader}, gets systems backed by the same classes,
 * those of Flink's own class loader (which class-data sharing covers), and closing one (what each MiniCluster
 * stop does) leaves the next one working.
 */
class SharedRpcSystemLoaderTest {
    @Test
    void everyClusterStartGetsTheSameRpcClassesAndClosingOneKeepsThemForTheNext() throws Exception {
        Configuration conf = new Configuration();
        RpcSystem first = RpcSystem.load(conf);
        assertThat(first.getClass().getName()).as("RpcSystem.load went through sliflow's loader")
                .startsWith(SharedRpcSystemLoader.class.getName());
        ClassLoader firstLoader = first.localServiceBuilder(conf).getClass().getClassLoader();
        assertThat(firstLoader).as("Pekko's classes from the class path, not from a copy of Flink's nested jar")
                .isSameAs(RpcSystem.class.getClassLoader());
        first.close();

        RpcSystem second = RpcSystem.load(conf);
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
    void sliflowsLoaderIsTriedBeforeFlinksOwn() {
        assertThat(new SharedRpcSystemLoader().getLoadPriority()).isLessThan(0); // Flink's PekkoRpcSystemLoader: 0
    }
}
