package dev.sliflow.flink;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Iterator;
import java.util.ServiceLoader;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.rpc.AddressResolution;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.apache.flink.runtime.rpc.RpcSystemLoader;
import org.apache.flink.runtime.rpc.exceptions.RpcLoaderException;

/**
 * Flink's Pekko RPC system, from the class path, loaded once per JVM and shared by every MiniCluster the JVM
 * starts.
 *
 * <p>Flink's own loader ({@code PekkoRpcSystemLoader}) copies the 24 MB {@code flink-rpc-akka.jar} nested in
 * {@code flink-rpc-akka-loader} to a new temporary file at every cluster start and loads its Pekko and Scala
 * classes through a class loader of its own, which it closes when the cluster stops. The copy, and classes that
 * the JDK's class-data archive (the launcher's AppCDS) cannot hold because they come from that loader, cost
 * ~0.4 s of every run (a 1-line ingest: 3.05 -> 2.65 s wall) and ~30 MiB. sliflow's jar carries those classes
 * as ordinary classes instead (the {@code flink-rpc-akka} artifact; the nested copy is left out of the jar), and
 * this loader finds their {@link RpcSystem} through {@link ServiceLoader} in Flink's own class loader, once: the
 * systems it returns share it, and closing them closes nothing (Pekko's actor systems are per RPC service and
 * are still shut down with each cluster). Registered in {@code META-INF/services} with a lower priority number
 * than Flink's loader, so {@code RpcSystem.load} tries it first. Scala on the class path does not meet the
 * table planner's: the planner loads {@code scala.*} from its own nested jar first.
 */
public final class SharedRpcSystemLoader implements RpcSystemLoader {
    /** Flink's loader has priority 0; lower numbers are tried first. */
    static final int PRIORITY = -1;

    private static RpcSystem shared;

    @Override
    public int getLoadPriority() {
        return PRIORITY;
    }

    @Override
    public RpcSystem loadRpcSystem(Configuration config) {
        synchronized (SharedRpcSystemLoader.class) {
            if (shared == null) {
                Iterator<RpcSystem> it = ServiceLoader.load(RpcSystem.class, RpcSystem.class.getClassLoader()).iterator();
                if (!it.hasNext()) {
                    throw new RpcLoaderException("no RpcSystem on the class path (the flink-rpc-akka artifact missing?)");
                }
                shared = it.next();
            }
            return new Unclosable(shared);
        }
    }

    /** Delegates everything but {@link #close()}: the shared system stays loaded for the next cluster. */
    private static final class Unclosable implements RpcSystem {
        private final RpcSystem delegate;

        Unclosable(RpcSystem delegate) {
            this.delegate = delegate;
        }

        @Override
        public RpcServiceBuilder localServiceBuilder(Configuration configuration) {
            return delegate.localServiceBuilder(configuration);
        }

        @Override
        public RpcServiceBuilder remoteServiceBuilder(Configuration configuration, String externalAddress,
                                                      String externalPortRange) {
            return delegate.remoteServiceBuilder(configuration, externalAddress, externalPortRange);
        }

        @Override
        public String getRpcUrl(String hostname, int port, String endpointName, AddressResolution addressResolution,
                                Configuration config) throws UnknownHostException {
            return delegate.getRpcUrl(hostname, port, endpointName, addressResolution, config);
        }

        @Override
        public InetSocketAddress getInetSocketAddressFromRpcUrl(String url) throws Exception {
            return delegate.getInetSocketAddressFromRpcUrl(url);
        }

        @Override
        public long getMaximumMessageSizeInBytes(Configuration config) {
            return delegate.getMaximumMessageSizeInBytes(config);
        }

        @Override
        public void close() {
            // shared for the JVM's lifetime
        }
    }
}
